package org.metarec.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.experiments.TestFiles;
import org.metarec.experiments.checkpoint.CheckpointCodec;
import org.metarec.core.json.Json;

/** A NaN or infinity stops the run naming step, method and quantity, and keeps the last good checkpoint. */
class NanGuardTest {

    @TempDir
    Path tmp;

    @Test
    void injectedNanStopsTheRunAndKeepsTheLastCheckpoint() throws Exception {
        Path config = TestFiles.write(tmp, "toy.yaml", TestFiles.FAST_TOY);
        Path dir = tmp.resolve("run");
        TestFiles.CliResult r = TestFiles.cli("run", config.toString(), "--out", dir.toString(), "--set", "toy.inject_nan_at_step=45");
        assertEquals(1, r.code());
        // Checkpoints are written every 20 steps, so step 40 is the last good one.
        assertTrue(r.err().contains("error: step 45, method final: loss is NaN; the last good checkpoint (step 40) is kept in "
                + dir.resolve("checkpoint.ckpt") + "; fix the cause and start a new run (resuming would end the same way)\n"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose");
        assertEquals(40, CheckpointCodec.read(dir.resolve("checkpoint.ckpt")).step());
        assertFalse(Files.exists(dir.resolve("summary.json")));
        Map<?, ?> prov = (Map<?, ?>) Json.readFile(dir.resolve("provenance.json"));
        assertEquals("failed", prov.get("status"));
        assertEquals("step 45, method final: loss is NaN", prov.get("message"));
    }

    @Test
    void divergingTrainingIsCaughtByTheGuard() {
        Path config = TestFiles.write(tmp, "toy.yaml", TestFiles.FAST_TOY);
        Path dir = tmp.resolve("run");
        // Plain SGD with step size 5 on this least-squares problem multiplies the error at every step until it overflows.
        TestFiles.CliResult r = TestFiles.cli("run", config.toString(), "--out", dir.toString(), "--set", "optimizer.lr=5",
                "--set", "budget.meta_iterations=2000", "--set", "budget.checkpoint_every=1000");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.matches(
                "error: step \\d+, method final: (loss|gradient\\[\\d+\\]) is (NaN|Infinity|-Infinity); no checkpoint had been written yet; fix the cause and start a new run \\(resuming would end the same way\\)")), r.err());
    }
}
