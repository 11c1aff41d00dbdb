package org.metarec.experiments.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.metarec.core.stats.ConfidenceInterval;
import org.metarec.core.stats.PairedComparison;
import org.metarec.core.stats.PairedTests;
import org.metarec.core.stats.StudentTInterval;

/**
 * The summary of one run: for every method and metric, the mean over test tasks with its 95% Student-t interval
 * ({@link StudentTInterval}) and, against the reference method on the same tasks, the two-sided paired t-test and
 * Wilcoxon signed-rank p-values ({@link PairedTests}).
 *
 * @param reference the method the others are compared with
 * @param rows      ordered by metric and adaptation steps, then the reference, then the other methods in sink order
 */
public record Summary(String reference, List<SummaryRow> rows) {

    /** The confidence level of every interval. */
    public static final double LEVEL = StudentTInterval.DEFAULT_LEVEL;

    /** Copies the rows. */
    public Summary {
        rows = List.copyOf(rows);
    }

    /**
     * Summarises a sink.
     *
     * @param sink      the per-task values
     * @param reference the requested reference method, or null for the first method of {@link ResultSink#methods()}
     * @throws IllegalArgumentException when the requested reference reported no results
     */
    public static Summary of(ResultSink sink, String reference) {
        List<String> methods = sink.methods();
        String ref = reference;
        if (ref == null) {
            ref = methods.isEmpty() ? null : methods.get(0);
        } else if (!methods.contains(ref)) {
            throw new IllegalArgumentException("evaluation.reference: expected one of the methods with results ("
                    + String.join(", ", methods) + "), found '" + ref + "'");
        }
        Map<MetricKey, ResultSink.Series> referenceSeries = new LinkedHashMap<>();
        for (ResultSink.Series s : sink.series()) {
            if (s.method().equals(ref)) {
                referenceSeries.put(s.key(), s);
            }
        }
        List<ResultSink.Series> ordered = new ArrayList<>(sink.series());
        String first = ref;
        // Stable sort: within each metric the reference comes first, the others keep the sink's method order.
        ordered.sort(Comparator.comparing(ResultSink.Series::key)
                .thenComparing(s -> !s.method().equals(first)));
        List<SummaryRow> rows = new ArrayList<>();
        for (ResultSink.Series s : ordered) {
            ConfidenceInterval ci = StudentTInterval.of(s.values(), LEVEL);
            Double pT = null;
            Double pW = null;
            ResultSink.Series base = referenceSeries.get(s.key());
            // Paired tests need the same tasks on both sides and at least two pairs.
            if (!s.method().equals(ref) && base != null && Arrays.equals(base.tasks(), s.tasks()) && s.tasks().length >= 2) {
                PairedComparison c = PairedTests.compare(s.values(), base.values());
                pT = c.tTestPValue();
                pW = c.wilcoxonPValue();
            }
            rows.add(new SummaryRow(s.method(), s.key(), ci.n(), ci.mean(), ci.lower(), ci.upper(), pT, pW));
        }
        return new Summary(ref, SummaryRow.withHolm(rows));
    }

    /**
     * The content of {@code summary.json}: {@code header} entries first (run name, seed, config hash...), then
     * {@code reference}, {@code confidence_level} and {@code results}.
     */
    public Map<String, Object> toJson(Map<String, Object> header) {
        Map<String, Object> out = new LinkedHashMap<>(header);
        out.put("reference", reference);
        out.put("confidence_level", LEVEL);
        out.put("results", rows.stream().map(SummaryRow::toJson).toList());
        return out;
    }

    /** Reads the {@code reference} and {@code results} of a parsed {@code summary.json}; errors name {@code source}. */
    public static Summary fromJson(Object json, String source) {
        if (!(json instanceof Map<?, ?> m) || !(m.get("results") instanceof List<?> results)) {
            throw new IllegalArgumentException(source + ": expected an object with a \"results\" array");
        }
        List<SummaryRow> rows = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            rows.add(SummaryRow.fromJson(results.get(i), source + ": results[" + i + "]"));
        }
        return new Summary((String) m.get("reference"), rows);
    }

    /** The comparison table (metric, steps, method, mean, 95% CI, n, p-values). */
    public Table table() {
        Table t = new Table(List.of("metric", "steps", "method", "mean", "95% CI", "n", "p (t-test)", "p (Wilcoxon)",
                "p (Wilcoxon, Holm)"));
        for (SummaryRow r : rows) {
            boolean isRef = r.method().equals(reference);
            t.add(List.of(r.key().metric(), r.key().adaptSteps() == null ? "-" : r.key().adaptSteps().toString(),
                    r.method() + (isRef ? " (ref)" : ""), Table.number(r.mean()), Table.interval(r.ciLow(), r.ciHigh()),
                    Integer.toString(r.n()), Table.pValue(r.pTTest()), Table.pValue(r.pWilcoxon()), Table.pValue(r.pHolm())));
        }
        return t;
    }

    /** The content of {@code summary.md}. */
    public String markdown(String title) {
        Objects.requireNonNull(title, "title");
        if (rows.isEmpty()) {
            return "# " + title + "\n\nNo results were recorded.\n";
        }
        return "# " + title + "\n\n"
                + "Mean over test tasks with 95% confidence interval (Student t). p-values: two-sided paired t-test and "
                + "Wilcoxon signed-rank test against the reference method `" + reference + "` on the same tasks; the last "
                + "column adjusts the Wilcoxon p-values by Holm's procedure over all " + SummaryRow.comparisons(rows)
                + " comparisons of this table (mark a difference at level a only when it is below a).\n\n"
                + table().markdown();
    }
}
