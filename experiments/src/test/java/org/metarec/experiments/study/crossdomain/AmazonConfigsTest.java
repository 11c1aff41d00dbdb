package org.metarec.experiments.study.crossdomain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metarec.core.random.Rng;
import org.metarec.experiments.TestFiles;

/**
 * The shipped PTUPCDR configs ({@code amazon-movie2cd.yaml}, {@code amazon-book2movie.yaml},
 * {@code amazon-book2cd.yaml}, and their {@code -quick} siblings) validate and run to the end, shrunk with {@code --set}, on a generated folder of
 * gzipped review files named as the configs name them; and, as shipped, they name {@code data.path} when the
 * folder is not there.
 */
class AmazonConfigsTest {

    @TempDir
    Path tmp;

    private static final List<String> METHODS = List.of("global_mean", "target_only", "ptupcdr", "maml");

    private static Path config(String name) {
        return TestFiles.repositoryRoot().resolve("experiments/configs/" + name);
    }

    /**
     * The three categories as 5-core review files: 40 users rate 14 items in each category, 20 more rate in one
     * category only; a rating is a rounded sum of a user and an item effect, so the file is not noise alone.
     */
    private static Path writeFolder(Path dir) throws IOException {
        Files.createDirectories(dir);
        Rng rng = Rng.seeded(7);
        double[] userEffect = new double[100];
        for (int u = 0; u < userEffect.length; u++) {
            userEffect[u] = rng.uniform(-1, 1);
        }
        String[] files = {"reviews_Movies_and_TV_5.json.gz", "reviews_CDs_and_Vinyl_5.json.gz", "reviews_Books_5.json.gz"};
        for (int d = 0; d < files.length; d++) {
            try (OutputStream raw = new GZIPOutputStream(Files.newOutputStream(dir.resolve(files[d])));
                 Writer out = new java.io.OutputStreamWriter(raw, StandardCharsets.UTF_8)) {
                for (int u = 0; u < 60; u++) {
                    boolean shared = u < 40;
                    if (!shared && (u % 3) != d) {
                        continue;
                    }
                    for (int k = 0; k < 14; k++) {
                        int item = (u * 5 + k * 3) % 50;
                        double stars = Math.max(1, Math.min(5, Math.round(3 + 1.5 * userEffect[u] + (item % 5 - 2) * 0.5
                                + rng.uniform(-0.5, 0.5))));
                        out.write(String.format(Locale.ROOT, "{\"reviewerID\": \"A%03d\", \"asin\": \"%c%04d\", "
                                + "\"reviewText\": \"generated\", \"overall\": %.1f, \"unixReviewTime\": %d}%n",
                                u, "MCB".charAt(d), item, stars, 1_200_000_000L + 86_400L * k));
                    }
                }
            }
        }
        return dir;
    }

    @ParameterizedTest
    @ValueSource(strings = {"amazon-movie2cd.yaml", "amazon-book2movie.yaml", "amazon-book2cd.yaml", "amazon-movie2cd-quick.yaml",
        "amazon-book2movie-quick.yaml", "amazon-book2cd-quick.yaml"})
    void theShippedConfigValidatesAndRunsOnAGeneratedFolder(String name) throws IOException {
        Path data = writeFolder(tmp.resolve("amazon"));
        TestFiles.CliResult valid = TestFiles.cli("validate", config(name).toString(), "--set", "data.path=" + data);
        assertEquals(0, valid.code(), valid.err());

        Path out = tmp.resolve("run");
        TestFiles.CliResult r = TestFiles.cli("run", config(name).toString(), "--out", out.toString(), "--threads", "2",
                "--no-plots", "--set", "data.path=" + data, "--set", "methods=[" + String.join(", ", METHODS) + "]",
                "--set", "model.embedding_dim=2", "--set", "model.hidden=[4]", "--set", "meta.meta_batch=2",
                "--set", "meta.inner_steps=1", "--set", "budget.meta_iterations=2", "--set", "budget.validate_every=1",
                "--set", "crossdomain.pooled_epochs=1", "--set", "crossdomain.mapping_iterations=2",
                "--set", "crossdomain.seeds=[1]", "--set", "crossdomain.cold_start_ratios=[0.5]",
                "--set", "evaluation.support_sizes=[0, 5]", "--set", "evaluation.reference=global_mean",
                "--set", "crossdomain.tuning.trials=3", "--set", "evaluation.ranking=null", "--set", "evaluation.primary_metrics=null");
        assertEquals(0, r.code(), r.err());
        TestFiles.SummaryNames names = TestFiles.readSummary(out);
        assertEquals(new TreeSet<>(METHODS), names.methods());
        Set<String> metrics = names.metrics();
        assertTrue(metrics.contains("rmse_user_k0_beta50") && metrics.contains("rmse_pooled_k5_beta50"), metrics.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"amazon-movie2cd.yaml", "amazon-book2movie.yaml", "amazon-book2cd.yaml", "amazon-movie2cd-quick.yaml",
        "amazon-book2movie-quick.yaml", "amazon-book2cd-quick.yaml"})
    void asShippedWithoutTheFilesValidateNamesDataPath(String name) throws IOException {
        String shippedPath = Files.readAllLines(config("amazon-movie2cd.yaml")).stream()
                .filter(line -> line.trim().startsWith("path:")).findFirst().orElseThrow()
                .trim().substring("path:".length()).trim();
        Assumptions.assumeFalse(Files.exists(config(name).getParent().resolve(shippedPath)),
                "an Amazon folder is present at " + shippedPath);
        TestFiles.CliResult none = TestFiles.cli("validate", config(name).toString());
        assertEquals(2, none.code(), none.err());
        assertTrue(none.err().contains("data.path: expected a path to an existing file or directory, found '"
                + shippedPath + "'"), none.err());
    }
}
