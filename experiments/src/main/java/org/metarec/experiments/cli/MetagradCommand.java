package org.metarec.experiments.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code metarec metagrad CASE.json}: placeholder, filled in with the meta-gradient checks. */
@Command(name = "metagrad", mixinStandardHelpOptions = true,
        description = "Check meta-gradients on CASE.json (not implemented yet).")
final class MetagradCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "CASE.json", description = "The case to check.")
    Path caseFile;

    @Override
    public Integer call() {
        main.err.println("metagrad: not implemented yet");
        return ExitCodes.NOT_IMPLEMENTED;
    }
}
