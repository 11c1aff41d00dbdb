package org.metarec.experiments.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeSet;
import org.metarec.core.stats.ConfidenceInterval;
import org.metarec.core.stats.Correction;
import org.metarec.core.stats.PairedComparison;
import org.metarec.core.stats.PairedTests;
import org.metarec.core.stats.StudentTInterval;

/**
 * The summary of one run, with seeds as the unit of evidence: for every method and metric, the mean over seeds of
 * the per-seed means with a 95% Student-t interval over those means ({@link SeedStats}), and against the
 * reference method the paired t-test and Wilcoxon signed-rank test over per-seed means and the Wilcoxon test over
 * users, each user counted once ({@link PValues}); never over pooled tasks, in which users repeat. The p-values are
 * adjusted by one {@link Correction}, over every test of the table or, with primary metrics declared, within each
 * of the two {@link Families}. A method whose every recorded value equals an earlier
 * method's (ANIL and MAML on matrix factorisation, whose head is all of its adapted parameters) is marked
 * identical to it and not compared or counted.
 *
 * @param reference  the method the others are compared with
 * @param correction the multiple-comparison correction of the p-values
 * @param families   the families it is applied within
 * @param rows       ordered by metric and adaptation steps, then the reference, then the other methods in sink order
 */
public record Summary(String reference, Correction correction, Families families, List<SummaryRow> rows) {

    /** The confidence level of every interval. */
    public static final double LEVEL = StudentTInterval.DEFAULT_LEVEL;

    /** Copies the rows. */
    public Summary {
        Objects.requireNonNull(correction, "correction");
        Objects.requireNonNull(families, "families");
        rows = List.copyOf(rows);
    }

    /** A summary whose tests are one family. */
    public Summary(String reference, Correction correction, List<SummaryRow> rows) {
        this(reference, correction, Families.ONE, rows);
    }

    /**
     * Summarises a sink with Holm's correction.
     *
     * @param sink      the recorded values
     * @param reference the requested reference method, or null for the first method of {@link ResultSink#methods()}
     * @return the summary
     */
    public static Summary of(ResultSink sink, String reference) {
        return of(sink, reference, Correction.HOLM);
    }

    /**
     * Summarises a sink.
     *
     * @param sink       the recorded values
     * @param reference  the requested reference method, or null for the first method of {@link ResultSink#methods()}
     * @param correction the multiple-comparison correction
     * @return the summary
     * @throws IllegalArgumentException when the requested reference reported no results
     */
    public static Summary of(ResultSink sink, String reference, Correction correction) {
        return of(sink, reference, correction, Families.ONE);
    }

    /**
     * Summarises a sink, correcting within each family.
     *
     * @param sink       the recorded values
     * @param reference  the requested reference method, or null for the first method of {@link ResultSink#methods()}
     * @param correction the multiple-comparison correction
     * @param families   the families ({@link Families#KEY})
     * @return the summary
     * @throws IllegalArgumentException when the requested reference reported no results, or a primary metric
     *                                  matches no recorded metric
     */
    public static Summary of(ResultSink sink, String reference, Correction correction, Families families) {
        String ref = reference(sink, reference);
        List<SummaryRow> rows = rows(sink, ref);
        families.requireMatches(rows.stream().map(SummaryRow::key).toList(), metrics(sink), Families.KEY);
        return new Summary(ref, correction, families, SummaryRow.corrected(rows, correction, families));
    }

    /** The metrics a sink recorded, without their settings, sorted: what an error about a primary metric lists. */
    public static List<String> metrics(ResultSink sink) {
        return sink.series().stream().map(s -> s.measure().metric()).distinct().sorted().toList();
    }

    /** The reference: the requested one, which must have results, or the sink's first method. */
    static String reference(ResultSink sink, String requested) {
        List<String> methods = sink.methods();
        if (requested == null) {
            return methods.isEmpty() ? null : methods.get(0);
        }
        if (!methods.contains(requested)) {
            throw new IllegalArgumentException("evaluation.reference: expected one of the methods with results ("
                    + String.join(", ", methods) + "), found '" + requested + "'");
        }
        return requested;
    }

    /**
     * The rows of a sink before correction (their adjusted p-values equal the raw ones): what a report
     * gathers over variants before it corrects over all of them.
     *
     * @param sink      the recorded values
     * @param reference the reference method (it must have results)
     * @return the rows, ordered as {@link Summary#rows}
     */
    public static List<SummaryRow> rows(ResultSink sink, String reference) {
        List<ResultSink.Series> all = sink.series();
        Map<String, String> identical = identicalMethods(sink.methods(), all);
        Map<MetricKey, ResultSink.Series> referenceSeries = new LinkedHashMap<>();
        for (ResultSink.Series s : all) {
            if (s.method().equals(reference)) {
                referenceSeries.put(s.key(), s);
            }
        }
        List<ResultSink.Series> ordered = new ArrayList<>(all);
        // Stable sort: within each metric the reference comes first, the others keep the sink's method order.
        ordered.sort(Comparator.comparing(ResultSink.Series::key).thenComparing(s -> !s.method().equals(reference)));
        List<SummaryRow> rows = new ArrayList<>();
        for (ResultSink.Series s : ordered) {
            String same = identical.get(s.method());
            ResultSink.Series base = referenceSeries.get(s.key());
            PValues p = s.method().equals(reference) || base == null || same != null ? PValues.NONE : compare(s, base);
            rows.add(new SummaryRow(s.method(), s.key(), stats(s), p, p, same));
        }
        return rows;
    }

    /** Mean over seeds of the per-seed means, with the t-interval over them when there are two or more. */
    static SeedStats stats(ResultSink.Series s) {
        double[] means = s.perSeed().values().stream().mapToDouble(ResultSink.SeedMean::mean).toArray();
        if (means.length == 1) {
            return new SeedStats(1, s.distinctUsers(), means[0], null, null);
        }
        ConfidenceInterval ci = StudentTInterval.of(means, LEVEL);
        return new SeedStats(means.length, s.distinctUsers(), ci.mean(), ci.lower(), ci.upper());
    }

    /** The tests of {@code s} against {@code base}: over the seeds both have, and over the users both tested. */
    static PValues compare(ResultSink.Series s, ResultSink.Series base) {
        Double pT = null;
        Double pWSeeds = null;
        SortedMap<Long, ResultSink.SeedMean> a = s.perSeed();
        SortedMap<Long, ResultSink.SeedMean> b = base.perSeed();
        TreeSet<Long> seeds = new TreeSet<>(a.keySet());
        seeds.retainAll(b.keySet());
        if (seeds.size() >= 2) {
            PairedComparison c = PairedTests.compare(seeds.stream().mapToDouble(k -> a.get(k).mean()).toArray(),
                    seeds.stream().mapToDouble(k -> b.get(k).mean()).toArray());
            pT = c.tTestPValue();
            pWSeeds = c.wilcoxonPValue();
        }
        Double pWUsers = null;
        SortedMap<String, Double> ua = s.perUnit();
        SortedMap<String, Double> ub = base.perUnit();
        TreeSet<String> users = new TreeSet<>(ua.keySet());
        users.retainAll(ub.keySet());
        if (users.size() >= 2) {
            pWUsers = PairedTests.wilcoxonSignedRank(users.stream().mapToDouble(ua::get).toArray(),
                    users.stream().mapToDouble(ub::get).toArray()).pValue();
        }
        return new PValues(pT, pWSeeds, pWUsers);
    }

    /**
     * Methods whose every series equals, value for value and task for task, that of an earlier method (in sink
     * order), mapped to the first such method. Equal values on every test user of every metric are what a
     * provably identical pair gives (ANIL = MAML when the head is all adapted parameters, with the same random
     * streams); comparing such a pair would test nothing, and counting it would inflate the correction.
     */
    static Map<String, String> identicalMethods(List<String> methods, List<ResultSink.Series> all) {
        Map<String, Map<MetricKey, ResultSink.Series>> byMethod = new LinkedHashMap<>();
        for (ResultSink.Series s : all) {
            byMethod.computeIfAbsent(s.method(), m -> new LinkedHashMap<>()).put(s.key(), s);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < methods.size(); i++) {
            Map<MetricKey, ResultSink.Series> mine = byMethod.get(methods.get(i));
            for (int j = 0; j < i; j++) {
                Map<MetricKey, ResultSink.Series> theirs = byMethod.get(methods.get(j));
                if (!out.containsKey(methods.get(j)) && sameValues(mine, theirs)) {
                    out.put(methods.get(i), methods.get(j));
                    break;
                }
            }
        }
        return out;
    }

    private static boolean sameValues(Map<MetricKey, ResultSink.Series> a, Map<MetricKey, ResultSink.Series> b) {
        if (a == null || b == null || !a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<MetricKey, ResultSink.Series> e : a.entrySet()) {
            ResultSink.Series other = b.get(e.getKey());
            if (!e.getValue().tasks().equals(other.tasks()) || !e.getValue().pooled().equals(other.pooled())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The content of {@code summary.json}: {@code header} entries first (run name, seed, config hash...), then
     * {@code reference}, {@code confidence_level}, {@code correction}, {@code comparisons} (every test) and, with
     * two families, {@code primary_metrics}, {@code comparisons_primary} and {@code comparisons_secondary}; then
     * {@code results}, whose rows then each say their {@code family} ({@link Families#putHeader}).
     */
    public Map<String, Object> toJson(Map<String, Object> header) {
        Map<String, Object> out = new LinkedHashMap<>(header);
        out.put("reference", reference);
        out.put("confidence_level", LEVEL);
        out.put("correction", correction.configName());
        out.put("comparisons", SummaryRow.comparisons(rows));
        families.putHeader(out, rows);
        out.put("results", rows.stream().map(r -> families.withFamily(r.toJson(), r.key())).toList());
        return out;
    }

    /**
     * Reads the {@code reference}, {@code correction}, {@code primary_metrics} (absent in files with one family and in
     * those written before families existed) and {@code results} of a parsed {@code summary.json}; errors name
     * {@code source}.
     */
    public static Summary fromJson(Object json, String source) {
        if (!(json instanceof Map<?, ?> m) || !(m.get("results") instanceof List<?> results)) {
            throw new IllegalArgumentException(source + ": expected an object with a \"results\" array");
        }
        Correction correction = Correction.byName(String.valueOf(m.get("correction"))).orElseThrow(() ->
                new IllegalArgumentException(source + ": correction: expected one of " + Correction.configNames() + ", found "
                        + m.get("correction")));
        List<SummaryRow> rows = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            rows.add(SummaryRow.fromJson(results.get(i), source + ": results[" + i + "]"));
        }
        return new Summary((String) m.get("reference"), correction, Families.fromJson(m, source), rows);
    }

    /** The comparison table: metric, steps, method, mean over seeds, its interval, seeds, users, adjusted p-values. */
    public Table table() {
        return table(rows, reference, correction, null);
    }

    /**
     * The table of some rows, with a leading column of labels when {@code variant} gives one per row (a report).
     *
     * @param rows       the rows
     * @param reference  the reference method
     * @param correction the correction the p-values carry
     * @param variants   each row's variant label, same order, or null for no such column
     * @return the table
     */
    public static Table table(List<SummaryRow> rows, String reference, Correction correction, List<String> variants) {
        String adj = correction == Correction.HOLM ? "Holm" : "BH";
        List<String> header = new ArrayList<>(List.of("metric", "steps", "method", "mean", "95% CI (seeds)", "seeds", "users",
                "p t, seeds (" + adj + ")", "p Wilcoxon, seeds (" + adj + ")", "p Wilcoxon, users (" + adj + ")"));
        if (variants != null) {
            header.add(0, "variant");
        }
        Table t = new Table(header);
        for (int i = 0; i < rows.size(); i++) {
            SummaryRow r = rows.get(i);
            String method = r.method() + (r.method().equals(reference) ? " (ref)" : "")
                    + (r.identicalTo() != null ? " (identical to " + r.identicalTo() + ")" : "");
            List<String> cells = new ArrayList<>(List.of(r.key().metric(),
                    r.key().adaptSteps() == null ? "-" : r.key().adaptSteps().toString(), method, Table.number(r.mean()),
                    r.stats().intervalText(), Integer.toString(r.stats().seeds()),
                    r.stats().users() == 0 ? "-" : Integer.toString(r.stats().users()),
                    Table.pValue(r.adjusted().tSeeds()), Table.pValue(r.adjusted().wilcoxonSeeds()),
                    Table.pValue(r.adjusted().wilcoxonUsers())));
            if (variants != null) {
                String v = variants.get(i);
                cells.add(0, v.isEmpty() ? "-" : v);
            }
            t.add(cells);
        }
        return t;
    }

    /**
     * What a table with one family says under itself: {@link #explanation(List, String, Correction, Families)}.
     *
     * @param rows       the table's rows
     * @param reference  the reference method
     * @param correction the correction
     * @return one paragraph
     */
    public static String explanation(List<SummaryRow> rows, String reference, Correction correction) {
        return explanation(rows, reference, correction, Families.ONE);
    }

    /**
     * What a table says under itself: the averaging, the tests, the correction and over how many tests (of each
     * family, when there are two), and what "identical to" means.
     *
     * @param rows       the table's rows
     * @param reference  the reference method
     * @param correction the correction
     * @param families   the families the correction is applied within
     * @return one paragraph
     */
    public static String explanation(List<SummaryRow> rows, String reference, Correction correction, Families families) {
        return "Averaging: each value is the mean over seeds of the per-seed means; a seed's mean is over its test users "
                + "(or test tasks) for per-user metrics (`..._user`, `ndcg3_within_query`, task metrics), while a `..._pooled` "
                + "metric is one number per seed, over all query ratings of all its test users. The 95% interval is the "
                + "Student-t interval over the per-seed means (df = seeds - 1; " + SeedStats.ONE_SEED + " with one seed); "
                + "users counts the distinct test users (or tasks) over all seeds. Tests against the reference `" + reference
                + "`: paired t-test and Wilcoxon signed-rank test over the per-seed means of the seeds both ran (at least 2), "
                + "and Wilcoxon over users, each user counted once with its mean over the seeds in which it was tested (users "
                + "tested for both methods; none for pooled metrics); never over pooled tasks, in which users repeat. "
                + families.sentence(rows, correction.description()) + " A method marked \"identical to X\" recorded exactly "
                + "X's value on every test user of every metric: it is not compared and not counted in the correction.";
    }

    /** The content of {@code summary.md}. */
    public String markdown(String title) {
        Objects.requireNonNull(title, "title");
        if (rows.isEmpty()) {
            return "# " + title + "\n\nNo results were recorded.\n";
        }
        return "# " + title + "\n\n" + table().markdown() + "\n" + explanation(rows, reference, correction, families) + "\n";
    }
}
