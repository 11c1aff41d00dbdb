package org.metarec.experiments.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.metarec.experiments.ExperimentKinds;
import org.metarec.experiments.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code metarec config-docs [--out FILE]}: regenerates docs/configs.md from the schema. */
@Command(name = "config-docs", mixinStandardHelpOptions = true,
        description = "Print the configuration reference generated from the schema (docs/configs.md).")
final class ConfigDocsCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path out;

    @Override
    public Integer call() throws Exception {
        String text = ExperimentKinds.docs();
        if (out == null) {
            main.out.print(text);
        } else {
            AtomicFiles.writeString(out, text);
        }
        return ExitCodes.OK;
    }
}
