package org.metarec.experiments.study.implicit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.core.json.Json;
import org.metarec.experiments.ExperimentKinds;
import org.metarec.experiments.TestFiles;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.config.ConfigOverride;
import org.metarec.experiments.run.Progress;
import org.metarec.experiments.run.Runner;

/**
 * EMCDR, PTUPCDR and NeuMF in the implicit kind, end to end on generated CDRIB scenarios: every metric at K = 0 and
 * K-shot, the same numbers with one thread or two, both bridge losses; and on a scenario where a user's video taste is a
 * function of its game taste, the transfer methods rank the cold users' held-out items far better than popularity.
 */
class ImplicitTransferStudyTest {

    @TempDir
    Path tmp;

    private Path run(Path data, String name, String methods, int threads, String... overrides) throws IOException {
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
                  meta_batch: 4
                evaluation:
                  support_sizes: [0, 2]
                implicit:
                  negatives: 8
                  epochs: 2
                  batch: 32
                  lr: 0.02
                  mapping_hidden: 8
                  mapping_iterations: 20
                  mapping_validate_every: 10
                """.formatted(name, data, methods));
        Config config = ExperimentKinds.loader().load(file,
                java.util.Arrays.stream(overrides).map(ConfigOverride::parse).toList());
        Path out = tmp.resolve("run-" + name + "-" + threads);
        Runner.run(config, out, new Runner.Options(threads, Progress.silent(), false));
        return out;
    }

    /** method -> metric -> mean, from summary.json. */
    private static Map<String, Map<String, Double>> means(Path run) throws IOException {
        Map<?, ?> json = (Map<?, ?>) Json.parse(Files.readString(run.resolve("summary.json")), "summary.json");
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (Object o : (List<?>) json.get("results")) {
            Map<?, ?> r = (Map<?, ?>) o;
            out.computeIfAbsent((String) r.get("method"), m -> new LinkedHashMap<>())
                    .put((String) r.get("metric"), ((Number) r.get("mean")).doubleValue());
        }
        return out;
    }

    /** The validation checkpoints of a method in train.csv, step 0 (the untrained network) left out. */
    private static List<String> curve(Path run, String method) throws IOException {
        return Files.readAllLines(run.resolve("train.csv")).stream().filter(l -> l.contains(method + ".k"))
                .filter(l -> !l.startsWith("0,")).toList();
    }

    private static String withoutRunNames(Path run) throws IOException {
        return Files.readString(run.resolve("summary.json")).replaceAll("\"(run|name)\"[^,]*,", "");
    }

    @Test
    void emcdrPtupcdrAndNeumfRunEndToEndWithTheSameNumbersOnOneThreadOrTwo() throws IOException {
        Path data = CdribFixture.write(tmp.resolve("data"), 3);
        Path one = run(data, "t", "[emcdr, ptupcdr, neumf]", 1);
        Path two = run(data, "t", "[emcdr, ptupcdr, neumf]", 2);
        assertEquals(withoutRunNames(one), withoutRunNames(two), "one thread or two: the same numbers");
        TestFiles.SummaryNames names = TestFiles.readSummary(one);
        assertEquals(Set.of("emcdr", "ptupcdr", "neumf"), names.methods());
        for (String metric : List.of("mrr", "ndcg10", "hr10", "full_ndcg20")) {
            for (int k : new int[] {0, 2}) {
                assertTrue(names.metrics().contains(metric + "_k" + k), metric + "_k" + k + " in " + names.metrics());
            }
        }
        String curve = Files.readString(one.resolve("train.csv"));
        for (String label : List.of("emcdr.k0", "emcdr.k2", "ptupcdr.k0", "ptupcdr.k2", "neumf.k0", "neumf.k2")) {
            assertTrue(curve.contains(label), "validation curve of " + label);
        }
        // The other bridge loss trains another bridge: ptupcdr's numbers change, emcdr's do not.
        Path bce = run(data, "bce", "[emcdr, ptupcdr]", 1, "implicit.bridge_loss=bce");
        assertEquals(means(one).get("emcdr"), means(bce).get("emcdr"));
        assertTrue(means(bce).get("ptupcdr").containsKey("mrr_k0"));
        assertTrue(!curve(one, "ptupcdr").equals(curve(bce, "ptupcdr")), "bce and bpr train different bridges");
        assertEquals(curve(one, "emcdr"), curve(bce, "emcdr"));
    }

    @Test
    void transferBeatsPopularityWhenTheTargetTasteIsAFunctionOfTheSourceTaste() throws IOException {
        Path data = CdribFixture.writeClustered(tmp.resolve("clustered"), 7);
        Map<String, Map<String, Double>> m = means(run(data, "c", "[popularity, emcdr, ptupcdr]", 1,
                "implicit.negatives=20", "model.embedding_dim=4", "implicit.epochs=40", "implicit.mapping_iterations=300",
                "implicit.mapping_validate_every=100", "evaluation.support_sizes=[0]"));
        double popularity = m.get("popularity").get("mrr_k0");
        double emcdr = m.get("emcdr").get("mrr_k0");
        double ptupcdr = m.get("ptupcdr").get("mrr_k0");
        System.out.printf("clustered fixture, mrr_k0: popularity %.4f, emcdr %.4f, ptupcdr %.4f%n", popularity, emcdr,
                ptupcdr);
        assertTrue(emcdr > popularity + 0.15, "emcdr " + emcdr + " vs popularity " + popularity);
        assertTrue(ptupcdr > popularity + 0.15, "ptupcdr " + ptupcdr + " vs popularity " + popularity);
    }
}
