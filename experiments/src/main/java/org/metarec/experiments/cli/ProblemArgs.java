package org.metarec.experiments.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.metarec.algorithms.meta.MetaMethod;
import org.metarec.core.json.JsonException;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.explain.MetaGradientProblem;
import org.metarec.experiments.reference.ReferenceCase;
import org.metarec.experiments.run.UsageException;

/** Reads what {@code graph} and {@code explain} look at: a reference case, or a sinusoid config's model. */
final class ProblemArgs {

    private ProblemArgs() {
    }

    /** Exactly one of {@code caseFile} and {@code config}; a config gets {@code tasks} tasks. */
    static MetaGradientProblem load(Path caseFile, Path config, List<String> sets, String method, int tasks)
            throws IOException {
        if ((caseFile == null) == (config == null)) {
            throw new UsageException("expected a case file CASE.json or --config CONFIG (one of them), found "
                    + (caseFile == null ? "neither" : "both"));
        }
        try {
            return caseFile != null ? MetaGradientProblem.of(readCase(caseFile)) : fromConfig(config, sets, method, tasks);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static ReferenceCase readCase(Path file) throws IOException {
        try {
            return ReferenceCase.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new UsageException(file + ": no such file");
        } catch (JsonException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static MetaGradientProblem fromConfig(Path file, List<String> sets, String method, int tasks) {
        MetaMethod m = MetaMethod.byName(method).orElseThrow(() -> new UsageException("--method: expected one of "
                + MetaMethod.names() + ", found '" + method + "'"));
        Config c = loadConfig(file, sets);
        return MetaGradientProblem.of(c, file.toString(), m, tasks);
    }

    static Config loadConfig(Path file, List<String> sets) {
        ConfigArgs args = new ConfigArgs();
        args.config = file;
        args.sets = sets;
        return args.load();
    }
}
