package org.metarec.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.run.RunOutcome;
import org.metarec.experiments.run.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code metarec run CONFIG [--out DIR] [--set k=v]... [--threads N]}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Validate CONFIG, run it in a new run folder and print the summary table.")
final class RunCommand implements Callable<Integer> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @ParentCommand
    Main main;

    @Mixin
    ConfigArgs args;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder: new, empty, or a run of the same config that stopped before its first checkpoint (started again). Default: runs/<name>-<UTC timestamp>.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Threads (results do not depend on it): the grid kinds (crossdomain, coldstart, implicit) train N "
            + "cells at once, the others share a cell's tasks out. Default: the number of cores.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--no-plots", description = "Do not draw the figures in plots/.")
    boolean noPlots;

    @Override
    public Integer call() throws Exception {
        Config config = args.load();
        Path dir = out != null ? out : defaultOut(config.name());
        RunOutcome outcome = Runner.run(config, dir, new Runner.Options(threads, main.progress(), !noPlots));
        Results.print(main, outcome);
        return ExitCodes.OK;
    }

    /** {@code runs/<name>-<UTC yyyyMMdd-HHmmss>}, with a numeric suffix if that folder already exists. */
    static Path defaultOut(String name) {
        Path base = Path.of("runs", name + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP));
        Path dir = base;
        for (int i = 2; Files.exists(dir); i++) {
            dir = Path.of(base + "-" + i);
        }
        return dir;
    }
}
