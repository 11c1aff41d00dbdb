package org.metarec.experiments;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.metarec.core.json.Json;
import org.metarec.experiments.cli.Main;

/** Helpers shared by the tests: writing fixture files, a small fast toy config, running the CLI in-process. */
public final class TestFiles {

    /**
     * A toy config that runs in a fraction of a second: 60 steps, a checkpoint every 20, a log row every 10,
     * 8 test tasks measured after 0 and 2 adaptation steps.
     */
    public static final String FAST_TOY = """
            name: toy-test
            seed: 11
            experiment: toy
            optimizer:
              name: sgd
              lr: 0.05
            budget:
              meta_iterations: 60
              checkpoint_every: 20
              log_every: 10
            evaluation:
              test_tasks: 8
              adapt_steps: [0, 2]
            """;

    private TestFiles() {
    }

    /** Writes {@code text} (UTF-8) to {@code dir/name}, creating folders, and returns the path. */
    public static Path write(Path dir, String name, String text) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of a file. */
    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of a file. */
    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a command printed and returned.
     *
     * @param code exit code
     * @param out  standard output
     * @param err  standard error
     */
    public record CliResult(int code, String out, String err) {
    }

    /** Runs {@code metarec args...} in this JVM (not a terminal, so progress comes as plain lines). */
    public static CliResult cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new CliResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Starts {@code metarec run CONFIG --out OUT --threads THREADS --no-plots} in a child JVM with this
     * test's class path, its output and errors going to {@code child.out} and {@code child.err} in
     * {@code logs}: for tests that kill a run and resume it.
     */
    public static Process startRun(Path config, Path out, int threads, Path logs) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", config.toString(), "--out", out.toString(), "--threads", String.valueOf(threads),
                "--no-plots")
                .redirectOutput(logs.resolve("child.out").toFile())
                .redirectError(logs.resolve("child.err").toFile())
                .start();
    }

    /** The metrics and methods of a run's {@code summary.json}. */
    public record SummaryNames(Set<String> metrics, Set<String> methods) {
    }

    /**
     * Reads a run folder's {@code summary.json}, checks that every row has a finite mean inside its
     * finite confidence interval and more than one value, and returns the metric and method names.
     */
    public static SummaryNames readSummary(Path runFolder) throws IOException {
        Map<?, ?> summary = (Map<?, ?>) Json.readFile(runFolder.resolve("summary.json"));
        Set<String> metrics = new TreeSet<>();
        Set<String> methods = new TreeSet<>();
        for (Object o : (List<?>) summary.get("results")) {
            Map<?, ?> row = (Map<?, ?>) o;
            metrics.add((String) row.get("metric"));
            methods.add((String) row.get("method"));
            double mean = ((Number) row.get("mean")).doubleValue();
            assertTrue(Double.isFinite(mean), row.toString());
            if (((Number) row.get("seeds")).intValue() > 1) {
                double low = ((Number) row.get("ci_low")).doubleValue();
                double high = ((Number) row.get("ci_high")).doubleValue();
                assertTrue(Double.isFinite(low) && Double.isFinite(high) && low <= mean && mean <= high, row.toString());
            } else {
                assertTrue(row.get("ci_low") == null && "n/a (1 seed)".equals(row.get("ci_note")), row.toString());
            }
            assertTrue(((Number) row.get("users")).intValue() > 1, row.toString());
        }
        return new SummaryNames(metrics, methods);
    }

    /** The repository root: the nearest ancestor of the working directory holding experiments/pom.xml. */
    public static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("experiments/pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no ancestor of " + Path.of("").toAbsolutePath() + " contains experiments/pom.xml");
    }
}
