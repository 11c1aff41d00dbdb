package org.metarec.experiments.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.metarec.experiments.ExperimentKinds;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.config.ConfigException;
import org.metarec.experiments.config.ConfigOverride;
import org.metarec.experiments.config.ConfigProblem;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The config file and {@code --set} overrides shared by {@code run}, {@code validate} and {@code data}. */
final class ConfigArgs {

    @Parameters(index = "0", paramLabel = "CONFIG", description = "The YAML config file.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one config key after `extends`, e.g. --set optimizer.lr=0.01 (repeatable; VALUE is YAML).")
    List<String> sets = new ArrayList<>();

    /** Loads and validates the config, reporting the problems of the file and of every --set together. */
    Config load() {
        List<ConfigOverride> overrides = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (String s : sets) {
            try {
                overrides.add(ConfigOverride.parse(s));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        Config loaded;
        try {
            loaded = ExperimentKinds.loader().load(config, overrides);
        } catch (ConfigException e) {
            problems.addAll(0, e.problems());
            ConfigException all = new ConfigException(problems);
            all.initCause(e);
            throw all;
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return loaded;
    }
}
