package org.metarec.experiments.study.implicit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.experiments.ExperimentKinds;
import org.metarec.experiments.TestFiles;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.config.ConfigOverride;
import org.metarec.experiments.run.Progress;
import org.metarec.experiments.run.Runner;

/**
 * The implicit study end to end on a generated CDRIB scenario: every method ranks the candidates of the saved
 * negatives files, which are byte-identical across methods, reruns and thread counts; the summary has every metric at
 * every K; and results do not depend on the number of threads.
 */
class ImplicitStudyTest {

    @TempDir
    Path tmp;

    private Path run(String name, String methods, int threads) throws IOException {
        Path data = CdribFixture.write(tmp.resolve("data"), 3);
        Path file = TestFiles.write(tmp, name + ".yaml", """
                name: %s
                experiment: implicit
                data:
                  source: cdrib
                  path: %s
                protocol:
                  target_domain: video
                methods: %s
                model:
                  embedding_dim: 3
                meta:
                  meta_batch: 3
                budget:
                  meta_iterations: 4
                  validate_every: 2
                evaluation:
                  support_sizes: [0, 2]
                implicit:
                  negatives: 8
                  epochs: 2
                  batch: 32
                """.formatted(name, data, methods));
        Config config = ExperimentKinds.loader().load(file, List.<ConfigOverride>of());
        Path out = tmp.resolve("run-" + name + "-" + threads);
        Runner.run(config, out, new Runner.Options(threads, Progress.silent(), false));
        return out;
    }

    @Test
    void theShippedAmazonConfigsAreValid() throws IOException {
        Path data = CdribFixture.write(tmp.resolve("data"), 3);
        Path sport = tmp.resolve("data");
        for (String folder : List.of("sport_cloth", "cloth_sport")) {
            Files.createDirectories(sport.resolve(folder));
            for (String f : List.of("train.txt", "valid.txt", "test.txt")) {
                Files.copy(data.resolve("game_video").resolve(f), sport.resolve(folder).resolve(f),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (String name : List.of("game2video", "video2game", "sport2cloth", "cloth2sport")) {
            for (String suffix : List.of("", "-quick")) {
                Path file = TestFiles.repositoryRoot().resolve("experiments/configs/amazon-" + name + suffix + ".yaml");
                Config c = ExperimentKinds.loader().load(file, List.of(ConfigOverride.parse("data.path=" + data)));
                assertEquals("implicit", c.getString("experiment"), file.toString());
                assertEquals(List.of("popularity", "bpr_mf", "pooled", "maml", "fomaml", "reptile", "emcdr", "ptupcdr",
                        "neumf"),
                        c.getStringList("methods"), file.toString());
            }
        }
    }

    @Test
    void everyMethodAndRerunRanksTheSameSavedCandidates() throws IOException {
        Path a = run("a", "[popularity, bpr_mf, pooled]", 1);
        Path b = run("b", "[maml, reptile]", 2);
        Path again = run("a", "[popularity, bpr_mf, pooled]", 2);
        for (String file : List.of("valid_seed1.tsv", "test_seed1.tsv")) {
            byte[] first = Files.readAllBytes(a.resolve("negatives").resolve(file));
            assertTrue(first.length > 100, file);
            assertArrayEquals(first, Files.readAllBytes(b.resolve("negatives").resolve(file)), file + ", other methods");
            assertArrayEquals(first, Files.readAllBytes(again.resolve("negatives").resolve(file)), file + ", rerun");
        }
        // One thread or two: the same numbers.
        assertEquals(Files.readString(a.resolve("summary.json")).replaceAll("\"(run|name)\"[^,]*,", ""),
                Files.readString(again.resolve("summary.json")).replaceAll("\"(run|name)\"[^,]*,", ""));
        TestFiles.SummaryNames names = TestFiles.readSummary(a);
        assertEquals(Set.of("popularity", "bpr_mf", "pooled"), names.methods());
        for (String metric : List.of("mrr", "ndcg5", "ndcg10", "hr1", "hr5", "hr10", "full_hr5", "full_recall10",
                "full_ndcg20")) {
            for (int k : new int[] {0, 2}) {
                assertTrue(names.metrics().contains(metric + "_k" + k), metric + "_k" + k + " in " + names.metrics());
            }
        }
        assertTrue(Arrays.asList(Files.readString(b.resolve("train.csv")).split("\n")).stream()
                .anyMatch(l -> l.contains("maml.k2")), "the validation curve of each K");
        // Pairs are recorded with their users: the summary counts each test user once, not each pair.
        long pairs = Files.readAllLines(a.resolve("negatives").resolve("test_seed1.tsv")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("row")).count();
        java.util.Map<?, ?> json = (java.util.Map<?, ?>) org.metarec.core.json.Json.parse(
                Files.readString(a.resolve("summary.json")), "summary.json");
        int checked = 0;
        for (Object row : (List<?>) json.get("results")) {
            java.util.Map<?, ?> r = (java.util.Map<?, ?>) row;
            if ("mrr_k0".equals(r.get("metric"))) {
                long users = ((Number) r.get("users")).longValue();
                assertTrue(users >= 1 && users < pairs, "users " + users + " of " + pairs + " pairs");
                checked++;
            }
        }
        assertEquals(3, checked, "one mrr_k0 row per method");
    }
}
