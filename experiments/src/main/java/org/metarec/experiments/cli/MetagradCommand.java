package org.metarec.experiments.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.metarec.core.json.Json;
import org.metarec.experiments.reference.ReferenceCase;
import org.metarec.experiments.reference.ReferenceComparison;
import org.metarec.experiments.reference.ReferenceRunner;
import org.metarec.experiments.run.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code metarec metagrad CASE.json|DIR...}: computes meta-gradient reference cases
 * ({@code metarec-metagrad-case/1}) with metarec's own meta-learners. One case prints its results as a
 * JSON object with the keys of the case's {@code expected} object, in full double precision; several
 * (or a folder of {@code *.json} cases) print one object keyed by case name. With {@code --check}, each
 * case is compared with its own {@code expected} object instead, one line per case, and the exit code is
 * 1 when any differs by more than the format's tolerance {@code 1e-8 + 1e-6 |want|}.
 */
@Command(name = "metagrad", mixinStandardHelpOptions = true,
        description = {"Compute meta-gradient cases (format metarec-metagrad-case/1) and print the results as JSON:",
            "meta_loss, meta_grad or reptile_delta, adapted; or, for kind hvp: loss, grad, hvp, grad_norm_grad.",
            "A folder stands for its *.json files. --check compares each case with its expected object instead."})
final class MetagradCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "CASE.json|DIR", description = "Case files or folders of them.")
    List<Path> inputs;

    @Option(names = "--threads", defaultValue = "1", description = "Threads for the tasks (results do not depend on it).")
    int threads;

    @Option(names = "--check", description = "Compare each case with its expected object; print one line per case.")
    boolean check;

    @Override
    public Integer call() throws IOException {
        if (threads < 1) {
            throw new UsageException("--threads: expected at least 1, found " + threads);
        }
        List<Path> files = caseFiles();
        if (check) {
            return checkAll(files);
        }
        if (files.size() == 1 && !Files.isDirectory(inputs.get(0))) {
            main.out.print(Json.write(ReferenceRunner.run(ProblemArgs.readCase(files.get(0)), threads)));
            return ExitCodes.OK;
        }
        Map<String, Object> all = new LinkedHashMap<>();
        for (Path f : files) {
            ReferenceCase c = ProblemArgs.readCase(f);
            all.put(c.name(), ReferenceRunner.run(c, threads));
        }
        main.out.print(Json.write(all));
        return ExitCodes.OK;
    }

    private int checkAll(List<Path> files) throws IOException {
        int failed = 0;
        for (Path f : files) {
            ReferenceCase c = ProblemArgs.readCase(f);
            if (c.expected() == null) {
                throw new UsageException(f + ": expected: --check needs the case's expected object, found none");
            }
            ReferenceComparison r = ReferenceComparison.of(c.expected(), ReferenceRunner.run(c, threads));
            if (!r.matches()) {
                failed++;
            }
            String detail = r.problem() != null ? r.where() + ": " + r.problem()
                    : String.format(Locale.ROOT, "worst %.3g of the tolerance, at %s", r.worst(), r.where());
            main.out.println(c.name() + ": " + (r.matches() ? "match" : "DIFFERS") + " (" + detail + ")");
        }
        main.out.println((files.size() - failed) + " of " + files.size() + " cases match to 1e-8 + 1e-6 |want|");
        return failed == 0 ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    }

    /** The inputs with each folder replaced by its *.json files, in name order. */
    private List<Path> caseFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                try (Stream<Path> listed = Files.list(in)) {
                    List<Path> cases = listed.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
                    if (cases.isEmpty()) {
                        throw new UsageException(in + ": expected a folder of *.json cases, found none");
                    }
                    files.addAll(cases);
                }
            } else {
                files.add(in);
            }
        }
        return files;
    }
}
