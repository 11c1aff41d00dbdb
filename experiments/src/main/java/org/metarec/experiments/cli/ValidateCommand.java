package org.metarec.experiments.cli;

import java.util.concurrent.Callable;
import org.metarec.experiments.config.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code metarec validate CONFIG [--set k=v]... [--resolved]}. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check CONFIG (all problems at once, exit code 2 if any); optionally print the resolved config.")
final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Mixin
    ConfigArgs args;

    @Option(names = "--resolved", description = "Print the resolved config (every default filled in) to stdout.")
    boolean resolved;

    @Override
    public Integer call() {
        Config config = args.load();
        if (resolved) {
            main.out.print(config.toYaml());
        }
        main.err.println(args.config + ": valid (experiment " + config.experiment() + ", config SHA-256 " + config.sha256() + ")");
        return ExitCodes.OK;
    }
}
