package org.metarec.experiments.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.metarec.experiments.io.AtomicFiles;
import org.metarec.experiments.report.Report;
import org.metarec.experiments.results.Families;
import org.metarec.experiments.run.RunFolder;
import org.metarec.experiments.run.UsageException;
import org.metarec.experiments.sweep.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code metarec report DIR... [--out DIR] [--primary-metrics A,B]}. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Merge finished runs (several seeds, several methods) into one table and one set of plots.")
final class ReportCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(arity = "1..*", paramLabel = "DIR",
            description = "Run folders, or folders of run folders (such as a sweep's output folder).")
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Where report.json, report.md and plots/ go. Default: report")
    Path out = Path.of("report");

    @Option(names = "--force", description = "Write into --out even when it holds files other than an earlier report's.")
    boolean force;

    @Option(names = Report.PRIMARY_OPTION, split = ",", paramLabel = "METRIC",
            description = "Correct the tests of these metrics (each with every setting: rmse_user covers rmse_user_k5_beta20) "
                    + "as the primary family and all others as the secondary one, each on its own, instead of the families "
                    + "of the first run's evaluation.primary_metrics (one family for runs without it). An empty value "
                    + "(--primary-metrics=) makes every test one family.")
    List<String> primaryMetrics;

    @Override
    public Integer call() throws Exception {
        List<Path> runs = new ArrayList<>();
        for (Path d : dirs) {
            if (new RunFolder(d).started()) {
                runs.add(d);
            } else if (Files.isDirectory(d) && !Sweep.finishedRuns(d).isEmpty()) {
                runs.addAll(Sweep.finishedRuns(d));
            } else {
                throw new UsageException(d + ": expected a run folder or a folder of finished runs, found neither");
            }
        }
        if (!force) {
            checkOutput(out);
        }
        Report report;
        try {
            report = Report.of(runs, families());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        report.write(out).forEach(w -> main.err.println("warning: " + w));
        main.out.print(report.table().text());
        main.err.println("report: " + out);
        return ExitCodes.OK;
    }

    /** The families of {@code --primary-metrics}, or null when it is not given (the first run's). */
    private Families families() {
        if (primaryMetrics == null) {
            return null;
        }
        try {
            return new Families(primaryMetrics.stream().map(String::strip).filter(m -> !m.isEmpty()).toList());
        } catch (IllegalArgumentException e) {
            throw new UsageException(Report.PRIMARY_OPTION + ": " + e.getMessage());
        }
    }

    /** What a report writes into its folder; a folder holding only these (and temporary files) is an earlier report. */
    private static final Set<String> REPORT_FILES = Set.of("report.json", "report.md", "plots");

    /**
     * Requires {@code out} to be new, empty or an earlier report (it has {@code report.json} and nothing a report
     * does not write), so a report never replaces a run's own {@code plots/} or anything else by accident.
     */
    static void checkOutput(Path out) throws IOException {
        if (!Files.exists(out)) {
            return;
        }
        if (!Files.isDirectory(out)) {
            throw new UsageException("--out " + out + ": expected a folder for the report, found a file");
        }
        List<String> names;
        try (Stream<Path> entries = Files.list(out)) {
            names = entries.filter(p -> !AtomicFiles.isTemporary(p)).map(p -> p.getFileName().toString()).sorted().toList();
        }
        boolean earlierReport = names.contains("report.json") && REPORT_FILES.containsAll(names);
        if (!names.isEmpty() && !earlierReport) {
            throw new UsageException("--out " + out + ": expected a new or empty folder or an earlier report, found "
                    + String.join(", ", names.subList(0, Math.min(5, names.size()))) + (names.size() > 5 ? ", ..." : "")
                    + "; choose another --out, or add --force to write the report there anyway");
        }
    }
}
