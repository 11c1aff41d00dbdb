package org.metarec.experiments.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.metarec.core.json.Json;
import org.metarec.core.json.JsonException;
import org.metarec.experiments.reference.ReferenceCase;
import org.metarec.experiments.reference.ReferenceRunner;
import org.metarec.experiments.run.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code metarec metagrad CASE.json}: computes a meta-gradient reference case
 * ({@code metarec-metagrad-case/1}) with metarec's own meta-learners and prints the results as a JSON
 * object with the keys of the case's {@code expected} object, in full double precision. The case's
 * own {@code expected} object, if any, is ignored.
 */
@Command(name = "metagrad", mixinStandardHelpOptions = true,
        description = {"Compute a meta-gradient case (format metarec-metagrad-case/1) and print the results as JSON:",
            "meta_loss, meta_grad or reptile_delta, adapted; or, for kind hvp: loss, grad, hvp, grad_norm_grad."})
final class MetagradCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "CASE.json", description = "The case file.")
    Path caseFile;

    @Option(names = "--threads", defaultValue = "1", description = "Threads for the tasks (results do not depend on it).")
    int threads;

    @Override
    public Integer call() throws IOException {
        if (threads < 1) {
            throw new UsageException("--threads: expected at least 1, found " + threads);
        }
        String text;
        try {
            text = Files.readString(caseFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException(caseFile + ": no such file");
        }
        ReferenceCase c;
        try {
            c = ReferenceCase.parse(text, caseFile.toString());
        } catch (JsonException e) {
            throw new UsageException(e.getMessage());
        }
        Map<String, Object> result = ReferenceRunner.run(c, threads);
        main.out.print(Json.write(result));
        return ExitCodes.OK;
    }
}
