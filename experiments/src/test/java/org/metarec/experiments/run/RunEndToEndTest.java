package org.metarec.experiments.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.experiments.ExperimentKinds;
import org.metarec.experiments.TestFiles;
import org.metarec.experiments.checkpoint.Checkpoint;
import org.metarec.experiments.checkpoint.CheckpointCodec;
import org.metarec.experiments.config.Config;
import org.metarec.core.json.Json;

/** {@code metarec run} of the quickstart config, checking every file of the run folder. */
class RunEndToEndTest {

    @TempDir
    Path tmp;

    @Test
    void quickstartRunFolderHoldsEveryFileWithTheExpectedContent() throws Exception {
        Path config = TestFiles.repositoryRoot().resolve("experiments/src/test/resources/examples/toy.yaml");
        Path dir = tmp.resolve("run");
        TestFiles.CliResult r = TestFiles.cli("run", config.toString(), "--out", dir.toString(), "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("metric     steps  method       mean"), r.out());
        assertTrue(r.err().contains("results: " + dir), r.err());

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("checkpoint.ckpt", "config.resolved.yaml", "per_seed.csv", "per_user.csv", "plots", "provenance.json",
                    "summary.json", "summary.md", "tasks.csv", "train.csv"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }

        // config.resolved.yaml: the canonical text of the validated config; it validates again to the same hash.
        Config expected = ExperimentKinds.loader().load(config, List.of());
        String resolved = TestFiles.read(dir.resolve("config.resolved.yaml"));
        assertEquals(expected.toYaml(), resolved);
        assertEquals(expected.sha256(), ExperimentKinds.loader().load(dir.resolve("config.resolved.yaml"), List.of()).sha256());

        // provenance.json
        Map<?, ?> prov = (Map<?, ?>) Json.readFile(dir.resolve("provenance.json"));
        assertEquals(List.of("project_version", "git_commit", "java_version", "java_vendor", "os_name", "os_arch", "os_version",
                "cpu_count", "cpu_model", "threads", "matrix_kernel", "name", "experiment", "seed", "config_sha256", "start_time", "resumes",
                "end_time", "status", "message"), List.copyOf(prov.keySet()));
        assertEquals(System.getProperty("java.version"), prov.get("java_version"));
        assertEquals((long) Runtime.getRuntime().availableProcessors(), prov.get("cpu_count"));
        assertEquals(2L, prov.get("threads"));
        assertEquals(7L, prov.get("seed"));
        assertEquals(Config.sha256(resolved), prov.get("config_sha256"));
        assertEquals("finished", prov.get("status"));
        assertTrue(prov.get("git_commit") == null || ((String) prov.get("git_commit")).matches("[0-9a-f]{40,64}"));
        assertTrue(((String) prov.get("project_version")).matches("\\d+\\.\\d+\\.\\d+.*"), prov.get("project_version").toString());
        Instant start = Instant.parse((String) prov.get("start_time"));
        Instant end = Instant.parse((String) prov.get("end_time"));
        assertFalse(end.isBefore(start));

        // train.csv: a row per method every 10 of the 200 steps.
        List<String> train = Files.readAllLines(dir.resolve("train.csv"));
        assertEquals("step,method,loss", train.get(0));
        assertEquals(1 + 2 * 20, train.size());
        assertTrue(train.get(1).startsWith("10,final,"), train.get(1));
        assertTrue(train.get(40).startsWith("200,averaged,"), train.get(40));

        // summary.json: 2 methods x 2 metrics x 3 adaptation-step counts, each over 20 test tasks of the run's one seed.
        Map<?, ?> summary = (Map<?, ?>) Json.readFile(dir.resolve("summary.json"));
        assertEquals("toy-quickstart", summary.get("name"));
        assertEquals(expected.sha256(), summary.get("config_sha256"));
        assertEquals("final", summary.get("reference"));
        List<?> results = (List<?>) summary.get("results");
        assertEquals(12, results.size());
        for (Object o : results) {
            Map<?, ?> row = (Map<?, ?>) o;
            assertEquals(1L, row.get("seeds"));
            assertEquals(20L, row.get("users"), "tasks that are no users count as units");
            assertNull(row.get("ci_low"), "one seed: no interval");
            assertEquals("n/a (1 seed)", row.get("ci_note"));
            assertNull(row.get("p_ttest_seeds"), "one seed: no test over seeds");
            assertEquals(row.get("method").equals("final"), row.get("p_wilcoxon_users") == null, row.toString());
        }

        // tasks.csv: the per-task values behind the summary; their mean is the summary's mean.
        List<String> tasks = Files.readAllLines(dir.resolve("tasks.csv"));
        assertEquals("method,metric,adapt_steps,seed,task,user,value", tasks.get(0));
        assertEquals(1 + 12 * 20, tasks.size());
        double[] finalMse0 = tasks.stream().filter(l -> l.startsWith("final,query_mse,0,7,"))
                .mapToDouble(l -> Double.parseDouble(l.split(",")[6])).toArray();
        Map<?, ?> finalMseRow = results.stream().map(o -> (Map<?, ?>) o)
                .filter(m -> m.get("method").equals("final") && m.get("metric").equals("query_mse_steps0") && m.get("adapt_steps").equals(0L))
                .findFirst().orElseThrow();
        assertEquals(Arrays.stream(finalMse0).average().orElseThrow(), (Double) finalMseRow.get("mean"), 1e-12);
        // per_seed.csv: the one seed's mean of the same values; per_user.csv: one row per method, steps and task.
        List<String> perSeed = Files.readAllLines(dir.resolve("per_seed.csv"));
        assertEquals("method,metric,steps,seed,mean,n_tasks,setting,averaging", perSeed.get(0));
        assertEquals(1 + 12, perSeed.size());
        String[] seedRow = perSeed.stream().filter(l -> l.startsWith("final,query_mse,0,")).findFirst().orElseThrow().split(",");
        assertEquals(List.of("7", "20", "", "over_tasks"), List.of(seedRow[3], seedRow[5], seedRow[6], seedRow[7]));
        assertEquals(Arrays.stream(finalMse0).average().orElseThrow(), Double.parseDouble(seedRow[4]), 1e-12);
        List<String> perUser = Files.readAllLines(dir.resolve("per_user.csv"));
        assertEquals("seed,method,setting,steps,task,user,query_mae,query_mse", perUser.get(0));
        assertEquals(1 + 2 * 3 * 20, perUser.size());

        // summary.md
        String md = TestFiles.read(dir.resolve("summary.md"));
        assertTrue(md.startsWith("# toy-quickstart (toy, seed 7)\n"), md);
        assertEquals(12, md.lines().filter(l -> l.startsWith("| query_")).count());

        // plots: PNG and SVG of the training curve and of each metric against adaptation steps.
        for (String name : List.of("train_loss", "query_mse_vs_steps", "query_mae_vs_steps")) {
            byte[] png = Files.readAllBytes(dir.resolve("plots/" + name + ".png"));
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), name);
            assertTrue(TestFiles.read(dir.resolve("plots/" + name + ".svg")).contains("<svg"), name);
        }
        try (Stream<Path> plots = Files.list(dir.resolve("plots"))) {
            assertEquals(6, plots.count());
        }

        // checkpoint.ckpt: the final state, covering every train.csv row.
        Checkpoint ck = CheckpointCodec.read(dir.resolve("checkpoint.ckpt"));
        assertEquals(200, ck.step());
        assertEquals("40", ck.string(RunCheckpoints.TRAIN_ROWS));
        assertEquals(List.of("adam_m", "adam_v", "avg", "w"), List.copyOf(ck.arrays().keySet()));
        assertNotNull(ck.longArray("rng_batches"));
        assertNull(prov.get("message"));
    }
}
