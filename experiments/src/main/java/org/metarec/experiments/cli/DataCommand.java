package org.metarec.experiments.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.metarec.experiments.ExperimentKinds;
import org.metarec.experiments.io.ErrorText;
import org.metarec.core.data.Dataset;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.data.DataSources;
import org.metarec.experiments.run.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code metarec data CONFIG}: loads (or generates) the configured data and prints its load report (users, items and
 * ratings per domain, the user overlap, drops and warnings), then what the config's experiment kind makes of it
 * ({@link org.metarec.experiments.run.ExperimentKind#dataSummary}; for the crossdomain kind, the cold users of each
 * split).
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Load (or generate) the data of CONFIG and print the load report: counts read, per domain, overlaps, drops, "
                + "warnings; for a crossdomain config, the cold users of each split.")
final class DataCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Mixin
    ConfigArgs args;

    @Override
    public Integer call() throws Exception {
        Config config = args.load();
        if (!DataSources.hasDataset(config)) {
            throw new UsageException("data.source " + config.getString("data.source")
                    + " generates its tasks on the fly; there is no data set to report on");
        }
        Dataset data;
        try {
            // As metarec run by default: every core may read (the data set does not depend on it).
            data = DataSources.load(config, Runtime.getRuntime().availableProcessors());
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException(ErrorText.of(e));
        }
        main.out.print(data.report().toText());
        String summary;
        try {
            summary = ExperimentKinds.get(config.experiment()).dataSummary(config, data);
        } catch (IllegalArgumentException e) {
            throw new UsageException(ErrorText.of(e));
        }
        main.out.print(summary);
        return ExitCodes.OK;
    }
}
