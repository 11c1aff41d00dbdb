package org.metarec.experiments.study.crossdomain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.experiments.TestFiles;

/**
 * TaNP's clustering regulariser through the command line, on the quickstart's synthetic world shrunk to seconds:
 * {@code meta.tanp.cluster_weight: 0} trains exactly as a config without the keys (train.csv, tasks.csv and the
 * per-user scores byte for byte, whatever {@code cluster_alpha}), a positive weight changes training, and with it
 * one thread and three give the same bytes; bad values are one error each, naming the key.
 */
class TaNPClusteringRunTest {

    @TempDir
    Path tmp;

    private TestFiles.CliResult run(String command, Path dir, String threads, String... more) {
        Path config = TestFiles.repositoryRoot().resolve("experiments/configs/quickstart.yaml");
        List<String> args = new ArrayList<>(List.of(command, config.toString()));
        if (command.equals("run")) {
            args.addAll(List.of("--out", dir.toString(), "--threads", threads, "--no-plots"));
        }
        args.addAll(List.of("--set", "data.synthetic.users=200", "--set", "data.synthetic.items_per_domain=40",
                "--set", "budget.meta_iterations=6", "--set", "budget.validate_every=3",
                "--set", "methods=[global_mean, tanp]", "--set", "evaluation.reference=global_mean",
                "--set", "model.embedding_dim=4", "--set", "model.hidden=[8]", "--set", "meta.meta_batch=4",
                "--set", "meta.tanp.z_dim=3", "--set", "meta.tanp.task_dim=4", "--set", "meta.tanp.clusters=3"));
        for (String m : more) {
            args.addAll(List.of("--set", m));
        }
        return TestFiles.cli(args.toArray(String[]::new));
    }

    private static final List<String> FILES = List.of("train.csv", "tasks.csv", "per_user.csv", "per_seed.csv");

    @Test
    void weightZeroTrainsAsBeforeAndAPositiveWeightIsThreadIndependent() {
        Path before = tmp.resolve("before"), off = tmp.resolve("off"), on1 = tmp.resolve("on1"), on3 = tmp.resolve("on3");
        assertEquals(0, run("run", before, "1").code());
        TestFiles.CliResult r = run("run", off, "2", "meta.tanp.cluster_weight=0", "meta.tanp.cluster_alpha=3.5");
        assertEquals(0, r.code(), r.err());
        for (String f : FILES) {
            assertEquals(TestFiles.read(before.resolve(f)), TestFiles.read(off.resolve(f)), f + ": weight 0 changed it");
        }
        assertEquals(0, run("run", on1, "1", "meta.tanp.cluster_weight=0.5", "meta.tanp.cluster_alpha=2").code());
        assertEquals(0, run("run", on3, "3", "meta.tanp.cluster_weight=0.5", "meta.tanp.cluster_alpha=2").code());
        assertNotEquals(TestFiles.read(before.resolve("train.csv")), TestFiles.read(on1.resolve("train.csv")),
                "a positive weight changes training");
        for (String f : FILES) {
            assertEquals(TestFiles.read(on1.resolve(f)), TestFiles.read(on3.resolve(f)), f + " differs between threads 1 and 3");
        }
    }

    @Test
    void badValuesAreOneErrorEachNamingTheKey() {
        TestFiles.CliResult r = run("validate", null, null, "meta.tanp.cluster_weight=-0.1", "meta.tanp.cluster_alpha=0");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("meta.tanp.cluster_weight: expected a number >= 0, found -0.1"), r.err());
        assertTrue(r.err().contains("meta.tanp.cluster_alpha: expected a number > 0, found 0"), r.err());
        assertTrue(r.err().contains("2 problems"), r.err());
    }
}
