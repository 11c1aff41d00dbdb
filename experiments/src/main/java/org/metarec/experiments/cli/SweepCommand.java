package org.metarec.experiments.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.metarec.experiments.run.Resources;
import org.metarec.experiments.sweep.Shard;
import org.metarec.experiments.sweep.Sweep;
import org.metarec.experiments.sweep.SweepJob;
import org.metarec.experiments.sweep.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code metarec sweep SWEEP.yaml [--shard I/N] [--parallel N] [--threads N] [--out DIR]}. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run every grid point x seed of SWEEP.yaml (skipping finished runs, resuming broken ones), then report them.")
final class SweepCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "SWEEP.yaml", description = "The sweep file (see docs/sweeps.md).")
    Path file;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run only the I-th of N slices (1 <= I <= N). Default: 1/1.")
    String shard = "1/1";

    @Option(names = "--parallel", paramLabel = "N", description = "Runs at the same time. Default: the number of cores.")
    int parallel = Runtime.getRuntime().availableProcessors();

    @Option(names = "--threads", paramLabel = "N", description = "Threads per run. Default: 1.")
    int threads = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: `out` of the sweep file, else runs/<sweep file name>.")
    Path out;

    @Option(names = "--no-plots", description = "Do not draw figures (of the runs and of the final report).")
    boolean noPlots;

    @Override
    public Integer call() throws Exception {
        Shard slice = Shard.parse(shard);
        Resources.checkThreads("--parallel", parallel);
        Resources.checkThreads("--threads", threads);
        Resources.checkThreads("--parallel x --threads", (long) parallel * threads);
        SweepSpec spec = SweepSpec.read(file);
        List<SweepJob> jobs = Sweep.jobs(spec);
        Path dir = out != null ? out : spec.out() != null ? spec.out() : Sweep.defaultOut(file);
        Sweep.Outcome outcome = Sweep.run(jobs, dir, slice, parallel, threads, !noPlots, main.err);
        outcome.warnings().forEach(w -> main.err.println("warning: " + w));
        main.err.println("sweep " + file + " shard " + shard + ": " + outcome.results().size() + " of " + outcome.total() + " runs ("
                + outcome.count(Sweep.Status.RAN) + " ran, " + outcome.count(Sweep.Status.RESUMED) + " resumed, "
                + outcome.count(Sweep.Status.SKIPPED) + " skipped, " + outcome.count(Sweep.Status.FAILED) + " failed) in " + dir);
        if (outcome.report() != null) {
            main.out.print(outcome.report().table().text());
            main.err.println("report: " + dir.resolve(Sweep.REPORT_DIR));
        }
        return outcome.count(Sweep.Status.FAILED) > 0 ? ExitCodes.RUN_FAILED : ExitCodes.OK;
    }
}
