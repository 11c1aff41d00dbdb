package org.metarec.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.metarec.experiments.report.Report;
import org.metarec.experiments.run.RunFolder;
import org.metarec.experiments.run.UsageException;
import org.metarec.experiments.sweep.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code metarec report DIR... [--out DIR]}. */
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
        Report report;
        try {
            report = Report.of(runs);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        report.write(out).forEach(w -> main.err.println("warning: " + w));
        main.out.print(report.table().text());
        main.err.println("report: " + out);
        return ExitCodes.OK;
    }
}
