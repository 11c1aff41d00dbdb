package org.metarec.experiments.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/** {@code metarec bench ...}: placeholder, filled in with the benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run benchmarks (not implemented yet).")
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        main.err.println("bench: not implemented yet");
        return ExitCodes.NOT_IMPLEMENTED;
    }
}
