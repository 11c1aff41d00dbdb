package org.metarec.experiments.results;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the tests of a table are grouped for the multiple-comparison correction. With no primary metrics (the default)
 * every test is one family, as it always was. With primary metrics, the tests of the rows whose metric is a primary
 * one form the <em>primary</em> family (the study's declared claims) and all other tests the <em>secondary</em>
 * (exploratory) family, and each family is corrected on its own: a declared claim is then not diluted by the
 * thousands of exploratory comparisons beside it, while every exploratory finding stays corrected too.
 *
 * <p>A row is primary when its metric, as summary.json names it ({@link MetricKey#fullName()}: {@code rmse_user_k5_beta20},
 * {@code rmse_user_warm_k5_beta20}, {@code mse_k10_steps1}), equals a listed name or starts with one followed by
 * {@code _}: {@code rmse_user} covers every setting of the per-user RMSE.
 *
 * @param primary the primary metric names, in the order declared (empty: one family)
 */
public record Families(List<String> primary) {

    /** The config key that declares the primary metrics. */
    public static final String KEY = "evaluation.primary_metrics";
    /** One family over every test. */
    public static final Families ONE = new Families(List.of());
    /** The JSON name of the primary family. */
    public static final String PRIMARY = "primary";
    /** The JSON name of the secondary (exploratory) family. */
    public static final String SECONDARY = "secondary";

    /** Requires distinct names of the characters metric names use. */
    public Families {
        primary = List.copyOf(primary);
        for (String name : primary) {
            if (!name.matches(MetricKey.NAME_PATTERN)) {
                throw new IllegalArgumentException("primary metrics use letters, digits, '_', '.', '@', '-'; found '" + name + "'");
            }
        }
        if (primary.stream().distinct().count() < primary.size()) {
            throw new IllegalArgumentException("primary metrics: expected distinct names, found " + primary);
        }
    }

    /** True when there are two families (some primary metric is declared). */
    public boolean split() {
        return !primary.isEmpty();
    }

    /** Whether the row name {@code metric} belongs to the primary name {@code name}: equal, or {@code name} and '_' begin it. */
    public static boolean matches(String name, String metric) {
        return metric.equals(name) || metric.startsWith(name + "_");
    }

    /** Whether a row of this metric is in the primary family (never when there is one family). */
    public boolean isPrimary(MetricKey key) {
        String full = key.fullName();
        return primary.stream().anyMatch(name -> matches(name, full));
    }

    /** The rows of one family, in order: the primary ones when {@code primaryFamily}, else the others. */
    public List<SummaryRow> rowsOf(List<SummaryRow> rows, boolean primaryFamily) {
        return rows.stream().filter(r -> isPrimary(r.key()) == primaryFamily).toList();
    }

    /**
     * Requires every primary name to match some row, so that a misspelt name cannot leave a claim silently exploratory.
     *
     * @param keys    the rows' metric keys
     * @param metrics the metric names to list in the error (for a run: the metrics it recorded, without settings)
     * @param where   what declared the names, for the error: {@link #KEY} or a command-line option
     * @throws IllegalArgumentException naming the first name that matches no row
     */
    public void requireMatches(Collection<MetricKey> keys, Collection<String> metrics, String where) {
        for (String name : primary) {
            if (keys.stream().noneMatch(k -> matches(name, k.fullName()))) {
                throw new IllegalArgumentException(where + ": '" + name + "' matches no metric of this run; metrics: "
                        + String.join(", ", metrics));
            }
        }
    }

    /**
     * Whether a primary name can match a row of a run whose metrics are {@code metrics} before their settings are
     * appended: it is one of them, one of them with a setting ({@code rmse_user_warm}), or the start of one up to
     * a '_' ({@code rmse} for {@code rmse_user}). What a config can be checked against before the run.
     */
    public static boolean mayMatch(String name, Collection<String> metrics) {
        return metrics.stream().anyMatch(m -> matches(name, m) || matches(m, name));
    }

    /**
     * The JSON header of the families, when there are two: {@code primary_metrics}, {@code comparisons_primary}
     * and {@code comparisons_secondary} (tests of each family, as {@link SummaryRow#comparisons}); nothing otherwise,
     * so a file with one family reads as it always did.
     *
     * @param out  where to add them
     * @param rows the table's rows
     */
    public void putHeader(Map<String, Object> out, List<SummaryRow> rows) {
        if (split()) {
            out.put("primary_metrics", primary);
            out.put("comparisons_primary", SummaryRow.comparisons(rowsOf(rows, true)));
            out.put("comparisons_secondary", SummaryRow.comparisons(rowsOf(rows, false)));
        }
    }

    /** A row's JSON object with its {@code family} ({@link #PRIMARY} or {@link #SECONDARY}) added when there are two. */
    public Map<String, Object> withFamily(Map<String, Object> row, MetricKey key) {
        if (!split()) {
            return row;
        }
        Map<String, Object> out = new LinkedHashMap<>(row);
        out.put("family", isPrimary(key) ? PRIMARY : SECONDARY);
        return out;
    }

    /**
     * Reads {@code primary_metrics} of a parsed summary.json or report.json; a file without it (written before
     * families existed, or with one family) has one family.
     *
     * @param json   the file's top-level object
     * @param source the file, for errors
     * @return the families
     */
    public static Families fromJson(Map<?, ?> json, String source) {
        Object names = json.get("primary_metrics");
        if (names == null) {
            return ONE;
        }
        if (!(names instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new IllegalArgumentException(source + ": primary_metrics: expected a list of metric names, found " + names);
        }
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add((String) n));
        try {
            return new Families(out);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /**
     * The sentence of a table's explanation that says how its p-values are corrected.
     *
     * @param rows       the rows
     * @param correction the procedure's description, e.g. "Holm's step-down procedure (family-wise error rate)"
     * @return one or two sentences, ending with a full stop
     */
    public String sentence(List<SummaryRow> rows, String correction) {
        Objects.requireNonNull(correction, "correction");
        if (!split()) {
            return "Every p-value shown is adjusted by " + correction + " over all " + SummaryRow.comparisons(rows)
                    + " tests of this table (mark a difference at level a only when it is below a); raw p-values are in the "
                    + "JSON file.";
        }
        return "The p-values form two families, each adjusted on its own by " + correction + " over its tests: the "
                + "primary family (`" + KEY + "`: " + String.join(", ", primary.stream().map(n -> "`" + n + "`").toList())
                + ", each with every setting) has " + SummaryRow.comparisons(rowsOf(rows, true)) + " tests, the secondary "
                + "(exploratory) family of all other metrics " + SummaryRow.comparisons(rowsOf(rows, false)) + " tests. Mark "
                + "a difference at level a only when it is below a, and read a secondary one as exploratory; raw p-values "
                + "are in the JSON file.";
    }
}
