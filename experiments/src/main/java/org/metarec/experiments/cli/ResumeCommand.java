package org.metarec.experiments.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.metarec.experiments.run.RunOutcome;
import org.metarec.experiments.run.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code metarec resume DIR [--threads N]}. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue the run in DIR from its last checkpoint; the results equal those of an uninterrupted run.")
final class ResumeCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "DIR", description = "The run folder.")
    Path dir;

    @Option(names = "--threads", paramLabel = "N", description = "Threads (results do not depend on it): the grid kinds (crossdomain, coldstart, implicit) train N "
            + "cells at once, the others share a cell's tasks out. Default: the number of cores.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--no-plots", description = "Do not draw the figures in plots/.")
    boolean noPlots;

    @Override
    public Integer call() throws Exception {
        RunOutcome outcome = Runner.resume(dir, new Runner.Options(threads, main.progress(), !noPlots));
        Results.print(main, outcome);
        return ExitCodes.OK;
    }
}
