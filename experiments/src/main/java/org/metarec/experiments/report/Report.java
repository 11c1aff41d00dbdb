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
import java.util.TreeSet;
import org.metarec.core.stats.Correction;
import org.metarec.experiments.io.AtomicFiles;
import org.metarec.core.json.Json;
import org.metarec.experiments.plots.Charts;
import org.metarec.experiments.plots.Curve;
import org.metarec.experiments.plots.RunPlots;
import org.metarec.experiments.results.EvidenceFiles;
import org.metarec.experiments.results.Families;
import org.metarec.experiments.results.ResultSink;
import org.metarec.experiments.results.Summary;
import org.metarec.experiments.results.SummaryRow;
import org.metarec.experiments.results.Table;

/**
 * Merges finished runs into one table and one set of figures. Runs whose resolved configs differ only in
 * their seeds ({@code seed}, {@code <kind>.seeds}) form a variant, and a variant's seeds are summarised exactly
 * as one run's ({@link Summary#rows}): the mean over seeds of the per-seed means with a 95% Student-t interval
 * over them, and against the reference the paired tests over per-seed means and the Wilcoxon test over users
 * counted once. A run of one seed is one seed. The p-values of every variant are corrected together, within each
 * of the {@link Families} (those of the first run, or those the report is asked for).
 *
 * @param runs       the runs, in the order given
 * @param reference  the reference method (that of the first run)
 * @param correction the multiple-comparison correction (that of the first run)
 * @param families   the families the correction is applied within
 * @param rows      ordered by variant (first appearance), metric key, then method (first appearance)
 */
public record Report(List<RunRecord> runs, String reference, Correction correction, Families families, List<ReportRow> rows) {

    /** The command-line option that sets the families, named in errors about them. */
    public static final String PRIMARY_OPTION = "--primary-metrics";

    /** Copies the lists. */
    public Report {
        runs = List.copyOf(runs);
        Objects.requireNonNull(families, "families");
        rows = List.copyOf(rows);
    }

    /** Reads the run folders and builds the report with the first run's families; throws naming a folder that is not a finished run. */
    public static Report of(List<Path> dirs) throws IOException {
        return of(dirs, null);
    }

    /**
     * Reads the run folders and builds the report.
     *
     * @param dirs     the finished run folders
     * @param families the families to correct within, or null for those of the first run (one family for runs
     *                 written before families existed)
     * @return the report
     * @throws IOException if a run cannot be read
     * @throws IllegalArgumentException naming a folder that is not a finished run, or a primary metric that matches
     *                                  no row
     */
    public static Report of(List<Path> dirs, Families families) throws IOException {
        if (dirs.isEmpty()) {
            throw new IllegalArgumentException("report: expected at least one finished run folder, found none");
        }
        List<RunRecord> runs = new ArrayList<>();
        for (Path d : dirs) {
            runs.add(RunRecord.read(d));
        }
        return build(runs, families);
    }

    /**
     * Builds the report of already-read runs: per variant, the runs' per-user and per-seed results
     * ({@link EvidenceFiles}) form one set of seeds, summarised as one run's ({@link Summary#rows}: mean over seeds
     * of the per-seed means, tests over seeds and over users counted once), and the p-values of every variant are
     * corrected together by the first run's correction.
     *
     * @param runs the runs
     * @return the report
     * @throws IOException if a run's results cannot be read
     * @throws IllegalArgumentException when two runs of a variant have the same seed
     */
    public static Report build(List<RunRecord> runs) throws IOException {
        return build(runs, null);
    }

    /**
     * Like {@link #build(List)}, correcting within {@code families}.
     *
     * @param runs     the runs
     * @param families the families, or null for those of the first run
     * @return the report
     * @throws IOException if a run's results cannot be read
     * @throws IllegalArgumentException when two runs of a variant have the same seed, or a primary metric matches no row
     */
    public static Report build(List<RunRecord> runs, Families families) throws IOException {
        String reference = runs.get(0).summary().reference();
        Correction correction = runs.get(0).summary().correction();
        Families used = families != null ? families : runs.get(0).summary().families();
        List<String> varying = varyingKeys(runs);
        Map<String, List<RunRecord>> byVariant = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            byVariant.computeIfAbsent(variant(r, varying), v -> new ArrayList<>()).add(r);
        }
        List<String> variants = new ArrayList<>();
        List<SummaryRow> rows = new ArrayList<>();
        Set<String> metrics = new TreeSet<>();
        for (Map.Entry<String, List<RunRecord>> v : byVariant.entrySet()) {
            ResultSink sink = seeds(v.getKey(), v.getValue(), reference);
            metrics.addAll(Summary.metrics(sink));
            for (SummaryRow row : Summary.rows(sink, reference)) {
                variants.add(v.getKey());
                rows.add(row);
            }
        }
        used.requireMatches(rows.stream().map(SummaryRow::key).toList(), metrics, families != null ? PRIMARY_OPTION : Families.KEY);
        List<SummaryRow> adjusted = SummaryRow.corrected(rows, correction, used);
        List<ReportRow> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            out.add(new ReportRow(variants.get(i), adjusted.get(i)));
        }
        return new Report(runs, reference, correction, used, out);
    }

    /** The results of a variant's runs in one sink, methods in the order the runs list them (the reference first). */
    private static ResultSink seeds(String variant, List<RunRecord> runs, String reference) throws IOException {
        ResultSink sink = new ResultSink();
        List<String> methods = new ArrayList<>(List.of(reference));
        runs.forEach(r -> r.summary().rows().forEach(row -> {
            if (!methods.contains(row.method())) {
                methods.add(row.method());
            }
        }));
        sink.declareMethods(methods.toArray(String[]::new));
        for (RunRecord r : runs) {
            try {
                EvidenceFiles.read(r.dir(), sink);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("report: " + r.dir() + (variant.isEmpty() ? "" : " (variant " + variant + ")")
                        + ": " + e.getMessage() + (e.getMessage().contains("recorded twice")
                        ? "; two runs of one variant have the same seed, so one of them should be left out" : ""), e);
            }
        }
        return sink;
    }

    /**
     * Config keys whose values are not the same in every run, other than the seeds, the run's name (a
     * label, not a setting), the method list (methods are already a dimension of every row) and the primary
     * metrics (a choice of the analysis, which the report makes once for all runs).
     */
    private static List<String> varyingKeys(List<RunRecord> runs) {
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(r -> keys.addAll(r.config().keySet()));
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            if (k.equals("seed") || k.endsWith(".seeds") || k.equals("name") || k.equals("methods") || k.equals(Families.KEY)) {
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

    /** The comparison table: a variant column, then the columns of {@link Summary#table()}. */
    public Table table() {
        return Summary.table(rows.stream().map(ReportRow::stats).toList(), reference, correction,
                rows.stream().map(ReportRow::variant).toList());
    }

    /**
     * The content of report.json: the run folder names, the reference, the correction, the number of tests (and
     * with two families those of {@link Families#putHeader}) and the rows (each with its family when there are two).
     */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runs", runs.stream().map(r -> r.dir().getFileName().toString()).toList());
        out.put("reference", reference);
        out.put("confidence_level", Summary.LEVEL);
        out.put("correction", correction.configName());
        List<SummaryRow> stats = rows.stream().map(ReportRow::stats).toList();
        out.put("comparisons", SummaryRow.comparisons(stats));
        families.putHeader(out, stats);
        out.put("results", rows.stream().map(r -> families.withFamily(r.toJson(), r.stats().key())).toList());
        return out;
    }

    /** The content of report.md. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("# Report\n\n");
        sb.append("Runs: ").append(runs.size()).append(". Runs that differ only in their seeds form a variant, whose seeds "
                + "are summarised together as one run's are.\n\n");
        sb.append(table().markdown());
        sb.append('\n').append(Summary.explanation(rows.stream().map(ReportRow::stats).toList(), reference, correction, families))
                .append('\n');
        String origin = familiesOrigin();
        if (origin != null) {
            sb.append('\n').append(origin).append('\n');
        }
        sb.append("\n## Runs\n\n");
        for (RunRecord r : runs) {
            sb.append("- `").append(r.dir().getFileName()).append("` (seed ").append(r.config().get("seed")).append(")\n");
        }
        return sb.toString();
    }

    /**
     * What report.md says when the families are not those every run declared, which a reader weighing the primary
     * claims must know: either they were given to the report (after the runs, so not declared before the results
     * were known), or the runs declared different ones and the first run's are used. Null when every run declared
     * these families.
     */
    private String familiesOrigin() {
        List<Families> declared = runs.stream().map(r -> r.summary().families()).distinct().toList();
        if (declared.equals(List.of(families))) {
            return null;
        }
        String configs = String.join("; ", declared.stream().map(Report::describe).toList());
        if (!families.equals(runs.get(0).summary().families())) {
            return "Families: this report corrects within " + describe(families) + ", given to `metarec report "
                    + PRIMARY_OPTION + "` after the runs, not declared in their configs (`" + Families.KEY + "`: "
                    + configs + ").";
        }
        return "Families: the runs' configs declare different families (`" + Families.KEY + "`: " + configs
                + "); this report corrects within those of the first run, " + describe(families) + ".";
    }

    private static String describe(Families f) {
        return f.split() ? "the primary metrics " + f.primary() : "one family";
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
