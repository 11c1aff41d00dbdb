package org.metarec.experiments.results;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.metarec.core.stats.Correction;

/**
 * One line of a summary: a method's mean of a metric over seeds ({@link SeedStats}) and its tests against the
 * reference method, raw and adjusted for multiple comparisons over the whole table or over its family
 * ({@link #corrected}, {@link Families}).
 *
 * @param method      method name
 * @param key         metric and adaptation steps
 * @param stats       mean over seeds, interval, seeds and users
 * @param raw         the p-values against the reference
 * @param adjusted    the same p-values adjusted over every test of the table, or of the row's family (null ones stay null)
 * @param identicalTo the earlier method whose every recorded value this method's equal (and which it is then
 *                    not compared with nor counted as a comparison), or null
 */
public record SummaryRow(String method, MetricKey key, SeedStats stats, PValues raw, PValues adjusted, String identicalTo) {

    /** Requires every part but {@code identicalTo}. */
    public SummaryRow {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(adjusted, "adjusted");
    }

    /** The mean over seeds. */
    public double mean() {
        return stats.mean();
    }

    /**
     * The rows with their p-values adjusted by {@code correction}: the family is every present raw p-value of
     * every row (methods marked identical have none), so that marking the tests with adjusted p below a keeps
     * the family-wise error rate (Holm) or false discovery rate (Benjamini-Hochberg) at a.
     *
     * @param rows the rows
     * @param correction the procedure
     * @return the rows, same order
     */
    public static List<SummaryRow> corrected(List<SummaryRow> rows, Correction correction) {
        double[] p = rows.stream().flatMap(r -> r.raw.present().stream()).mapToDouble(Double::doubleValue).toArray();
        double[] adjusted = correction.adjust(p);
        List<SummaryRow> out = new ArrayList<>();
        int next = 0;
        for (SummaryRow r : rows) {
            out.add(new SummaryRow(r.method, r.key, r.stats, r.raw, r.raw.replaced(adjusted, next), r.identicalTo));
            next += r.raw.present().size();
        }
        return out;
    }

    /**
     * The rows with their p-values adjusted by {@code correction} within each of {@code families}: the primary rows'
     * tests as one family and the other rows' tests as another, each exactly as {@link #corrected(List, Correction)}
     * would adjust it alone; with one family, that method.
     *
     * @param rows       the rows
     * @param correction the procedure
     * @param families   which rows are primary
     * @return the rows, same order
     */
    public static List<SummaryRow> corrected(List<SummaryRow> rows, Correction correction, Families families) {
        if (!families.split()) {
            return corrected(rows, correction);
        }
        Iterator<SummaryRow> primary = corrected(families.rowsOf(rows, true), correction).iterator();
        Iterator<SummaryRow> secondary = corrected(families.rowsOf(rows, false), correction).iterator();
        List<SummaryRow> out = new ArrayList<>();
        for (SummaryRow r : rows) {
            out.add(families.isPrimary(r.key) ? primary.next() : secondary.next());
        }
        return out;
    }

    /** The number of tests in the family of {@link #corrected}: present raw p-values. */
    public static long comparisons(List<SummaryRow> rows) {
        return rows.stream().mapToLong(r -> r.raw.present().size()).sum();
    }

    /**
     * The JSON object: method, metric, adapt_steps, mean, ci_low, ci_high (null with one seed, and then ci_note
     * says why), seeds, users, the raw p-values and their adjusted values, identical_to.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("metric", key.fullName());
        m.put("adapt_steps", key.adaptSteps());
        m.put("mean", stats.mean());
        m.put("ci_low", stats.ciLow());
        m.put("ci_high", stats.ciHigh());
        m.put("ci_note", stats.hasInterval() ? null : SeedStats.ONE_SEED);
        m.put("seeds", stats.seeds());
        m.put("users", stats.users());
        m.put("p_ttest_seeds", raw.tSeeds());
        m.put("p_wilcoxon_seeds", raw.wilcoxonSeeds());
        m.put("p_wilcoxon_users", raw.wilcoxonUsers());
        m.put("p_ttest_seeds_adjusted", adjusted.tSeeds());
        m.put("p_wilcoxon_seeds_adjusted", adjusted.wilcoxonSeeds());
        m.put("p_wilcoxon_users_adjusted", adjusted.wilcoxonUsers());
        m.put("identical_to", identicalTo);
        return m;
    }

    /** Reads the object written by {@link #toJson()}; errors name {@code where}. */
    public static SummaryRow fromJson(Object json, String where) {
        if (!(json instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(where + ": expected an object, found " + json);
        }
        try {
            Object steps = m.get("adapt_steps");
            String metric = (String) m.get("metric");
            if (steps != null && metric.endsWith("_steps" + steps)) {
                metric = metric.substring(0, metric.length() - ("_steps" + steps).length());
            }
            SeedStats stats = new SeedStats(Math.toIntExact((Long) m.get("seeds")), Math.toIntExact((Long) m.get("users")),
                    number(m.get("mean")), optional(m.get("ci_low")), optional(m.get("ci_high")));
            return new SummaryRow((String) m.get("method"), new MetricKey(metric, steps == null ? null : Math.toIntExact((Long) steps)),
                    stats, new PValues(optional(m.get("p_ttest_seeds")), optional(m.get("p_wilcoxon_seeds")),
                            optional(m.get("p_wilcoxon_users"))),
                    new PValues(optional(m.get("p_ttest_seeds_adjusted")), optional(m.get("p_wilcoxon_seeds_adjusted")),
                            optional(m.get("p_wilcoxon_users_adjusted"))),
                    (String) m.get("identical_to"));
        } catch (ClassCastException | NullPointerException | ArithmeticException e) {
            throw new IllegalArgumentException(where + ": expected {method, metric, adapt_steps, mean, ci_low, ci_high, seeds, "
                    + "users, p_ttest_seeds, p_wilcoxon_seeds, p_wilcoxon_users, ...} with the right types, found " + m, e);
        }
    }

    private static Double optional(Object o) {
        return o == null ? null : number(o);
    }

    private static double number(Object o) {
        return ((Number) o).doubleValue();
    }
}
