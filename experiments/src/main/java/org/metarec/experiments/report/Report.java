package org.metarec.experiments.report;

import java.awt.AWTError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.metarec.core.stats.ConfidenceInterval;
import org.metarec.core.stats.PairedComparison;
import org.metarec.core.stats.PairedTests;
import org.metarec.core.stats.StudentTInterval;
import org.metarec.experiments.io.AtomicFiles;
import org.metarec.core.json.Json;
import org.metarec.experiments.plots.Charts;
import org.metarec.experiments.plots.Curve;
import org.metarec.experiments.plots.RunPlots;
import org.metarec.experiments.results.MetricKey;
import org.metarec.experiments.results.Summary;
import org.metarec.experiments.results.SummaryRow;
import org.metarec.experiments.results.Table;

/**
 * Merges finished runs into one table and one set of figures. Runs whose resolved configs differ only in
 * {@code seed} form a variant; for each variant, method and metric the report gives the mean over seeds of the
 * per-run means with a 95% Student-t interval over seeds, and paired t-test / Wilcoxon p-values against the
 * reference method, pairing the two methods' means run by run.
 *
 * @param runs      the runs, in the order given
 * @param reference the reference method (that of the first run)
 * @param rows      ordered by variant (first appearance), metric key, then method (first appearance)
 */
public record Report(List<RunRecord> runs, String reference, List<ReportRow> rows) {

    /** Copies the lists. */
    public Report {
        runs = List.copyOf(runs);
        rows = List.copyOf(rows);
    }

    /** Reads the run folders and builds the report; throws naming a folder that is not a finished run. */
    public static Report of(List<Path> dirs) throws IOException {
        if (dirs.isEmpty()) {
            throw new IllegalArgumentException("report: expected at least one finished run folder, found none");
        }
        List<RunRecord> runs = new ArrayList<>();
        for (Path d : dirs) {
            runs.add(RunRecord.read(d));
        }
        return build(runs);
    }

    /** Builds the report of already-read runs. */
    public static Report build(List<RunRecord> runs) {
        String reference = runs.get(0).summary().reference();
        List<String> varying = varyingKeys(runs);
        Map<String, List<RunRecord>> byVariant = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            byVariant.computeIfAbsent(variant(r, varying), v -> new ArrayList<>()).add(r);
        }
        List<ReportRow> rows = new ArrayList<>();
        for (Map.Entry<String, List<RunRecord>> v : byVariant.entrySet()) {
            rows.addAll(variantRows(v.getKey(), v.getValue(), reference));
        }
        // Holm's correction over every comparison of the report.
        List<SummaryRow> adjusted = SummaryRow.withHolm(rows.stream().map(ReportRow::stats).toList());
        for (int i = 0; i < rows.size(); i++) {
            rows.set(i, new ReportRow(rows.get(i).variant(), adjusted.get(i)));
        }
        return new Report(runs, reference, rows);
    }

    /**
     * Config keys whose values are not the same in every run, other than the seed, the run's name (a
     * label, not a setting) and the method list (methods are already a dimension of every row).
     */
    private static List<String> varyingKeys(List<RunRecord> runs) {
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(r -> keys.addAll(r.config().keySet()));
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            if (k.equals("seed") || k.equals("name") || k.equals("methods")) {
                continue;
            }
            String first = runs.get(0).config().get(k);
            if (runs.stream().anyMatch(r -> !Objects.equals(r.config().get(k), first))) {
                out.add(k);
            }
        }
        return out;
    }

    private static String variant(RunRecord r, List<String> varying) {
        List<String> parts = new ArrayList<>();
        for (String k : varying) {
            parts.add(k + "=" + (r.config().containsKey(k) ? r.config().get(k) : "(absent)"));
        }
        return String.join(", ", parts);
    }

    private static List<ReportRow> variantRows(String variant, List<RunRecord> runs, String reference) {
        // (metric key, method) -> per-run mean, keyed by run index so that methods pair by run.
        Map<MetricKey, Map<String, TreeMap<Integer, Double>>> means = new TreeMap<>();
        List<String> methods = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            for (SummaryRow row : runs.get(i).summary().rows()) {
                if (!methods.contains(row.method())) {
                    methods.add(row.method());
                }
                means.computeIfAbsent(row.key(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(row.method(), m -> new TreeMap<>()).put(i, row.mean());
            }
        }
        if (methods.remove(reference)) {
            methods.add(0, reference);
        }
        List<ReportRow> out = new ArrayList<>();
        for (Map.Entry<MetricKey, Map<String, TreeMap<Integer, Double>>> e : means.entrySet()) {
            TreeMap<Integer, Double> ref = e.getValue().get(reference);
            for (String method : methods) {
                TreeMap<Integer, Double> perRun = e.getValue().get(method);
                if (perRun == null) {
                    continue;
                }
                ConfidenceInterval ci = StudentTInterval.of(values(perRun), Summary.LEVEL);
                Double pT = null;
                Double pW = null;
                if (!method.equals(reference) && ref != null && ref.keySet().equals(perRun.keySet()) && perRun.size() >= 2) {
                    PairedComparison c = PairedTests.compare(values(perRun), values(ref));
                    pT = c.tTestPValue();
                    pW = c.wilcoxonPValue();
                }
                out.add(new ReportRow(variant, new SummaryRow(method, e.getKey(), ci.n(), ci.mean(), ci.lower(), ci.upper(), pT, pW)));
            }
        }
        return out;
    }

    private static double[] values(TreeMap<Integer, Double> m) {
        return m.values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The comparison table (variant, metric, steps, method, mean over seeds, 95% CI over seeds, seeds, p-values). */
    public Table table() {
        Table t = new Table(List.of("variant", "metric", "steps", "method", "mean", "95% CI", "seeds", "p (t-test)", "p (Wilcoxon)",
                "p (Wilcoxon, Holm)"));
        for (ReportRow r : rows) {
            SummaryRow s = r.stats();
            t.add(List.of(r.variant().isEmpty() ? "-" : r.variant(), s.key().metric(),
                    s.key().adaptSteps() == null ? "-" : s.key().adaptSteps().toString(),
                    s.method() + (s.method().equals(reference) ? " (ref)" : ""), Table.number(s.mean()),
                    Table.interval(s.ciLow(), s.ciHigh()), Integer.toString(s.n()), Table.pValue(s.pTTest()), Table.pValue(s.pWilcoxon()),
                    Table.pValue(s.pHolm())));
        }
        return t;
    }

    /** The content of report.json: the run folder names, the reference and the rows. */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runs", runs.stream().map(r -> r.dir().getFileName().toString()).toList());
        out.put("reference", reference);
        out.put("confidence_level", Summary.LEVEL);
        out.put("results", rows.stream().map(ReportRow::toJson).toList());
        return out;
    }

    /** The content of report.md. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("# Report\n\n");
        sb.append("Runs: ").append(runs.size()).append(". Each value is the mean over seeds of the per-run means, with a 95% "
                + "confidence interval across seeds (Student t). p-values: two-sided paired t-test and Wilcoxon signed-rank test "
                + "against `").append(reference).append("`, paired by run; the last column adjusts the Wilcoxon p-values by "
                + "Holm's procedure over all ").append(SummaryRow.comparisons(rows.stream().map(ReportRow::stats).toList()))
                .append(" comparisons of the table.\n\n");
        sb.append(table().markdown());
        sb.append("\n## Runs\n\n");
        for (RunRecord r : runs) {
            sb.append("- `").append(r.dir().getFileName()).append("` (seed ").append(r.config().get("seed")).append(")\n");
        }
        return sb.toString();
    }

    /**
     * Writes report.json, report.md and plots/ (metric vs adaptation steps per variant and method; training curves
     * averaged over the seeds of each variant) into {@code out}. Returns warnings for figures that failed.
     */
    public List<String> write(Path out) throws IOException {
        return write(out, true);
    }

    /** Like {@link #write(Path)}, drawing the figures only when {@code plots} is true. */
    public List<String> write(Path out, boolean plots) throws IOException {
        Files.createDirectories(out);
        AtomicFiles.writeJson(out.resolve("report.json"), toJson());
        AtomicFiles.writeString(out.resolve("report.md"), markdown());
        List<String> warnings = new ArrayList<>();
        if (!plots) {
            return warnings;
        }
        Path dir = out.resolve("plots");
        try {
            Files.createDirectories(dir);
            RunPlots.metricVsSteps(rows.stream().map(ReportRow::stats).toList(), dir, "report", this::labelOf);
            RunPlots.results(rows.stream().map(ReportRow::stats).toList(), dir, "report", this::labelOf);
            trainingCurves(dir);
        } catch (IOException | RuntimeException | LinkageError | AWTError e) {
            warnings.add("figures could not be drawn: " + org.metarec.experiments.io.ErrorText.of(e));
        }
        return warnings;
    }

    private String labelOf(SummaryRow stats) {
        for (ReportRow r : rows) {
            if (r.stats() == stats) {
                return r.variant().isEmpty() ? stats.method() : r.variant() + " / " + stats.method();
            }
        }
        return stats.method();
    }

    /** Mean over the runs of a variant of each train.csv column, at the steps every run of the variant logged. */
    private void trainingCurves(Path plots) throws IOException {
        List<String> varying = varyingKeys(runs);
        Map<String, List<Curve>> byColumn = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, TreeMap<Double, double[]>>>> sums = new LinkedHashMap<>();
        Map<String, Integer> runsPerVariant = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            String v = variant(r, varying);
            runsPerVariant.merge(v, 1, Integer::sum);
            for (int c = 0; c < r.train().columns().size(); c++) {
                String column = r.train().columns().get(c);
                for (String method : r.train().byMethod().keySet()) {
                    double[] steps = r.train().steps(method);
                    double[] values = r.train().values(method, c);
                    TreeMap<Double, double[]> acc = sums.computeIfAbsent(column, k -> new LinkedHashMap<>())
                            .computeIfAbsent(v, k -> new LinkedHashMap<>()).computeIfAbsent(method, k -> new TreeMap<>());
                    for (int i = 0; i < steps.length; i++) {
                        double[] sc = acc.computeIfAbsent(steps[i], k -> new double[2]);
                        sc[0] += values[i];
                        sc[1]++;
                    }
                }
            }
        }
        for (var column : sums.entrySet()) {
            for (var variant : column.getValue().entrySet()) {
                int n = runsPerVariant.get(variant.getKey());
                for (var method : variant.getValue().entrySet()) {
                    List<double[]> points = method.getValue().entrySet().stream().filter(e -> e.getValue()[1] == n)
                            .map(e -> new double[] {e.getKey(), e.getValue()[0] / n}).toList();
                    if (!points.isEmpty()) {
                        String label = variant.getKey().isEmpty() ? method.getKey() : variant.getKey() + " / " + method.getKey();
                        byColumn.computeIfAbsent(column.getKey(), k -> new ArrayList<>()).add(new Curve(label,
                                points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray(), null));
                    }
                }
            }
        }
        for (var e : byColumn.entrySet()) {
            Charts.save(plots, "train_" + e.getKey(), "report: " + e.getKey() + " (mean over seeds)", "step", e.getKey(), e.getValue());
        }
    }
}
