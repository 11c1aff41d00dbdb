package org.metarec.experiments.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.experiments.TestFiles;
import org.metarec.experiments.checkpoint.CheckpointCodec;
import org.metarec.core.json.Json;

/**
 * Kills a real child JVM running the toy experiment with SIGKILL after at least one checkpoint, resumes the run, and
 * checks that the results are byte-identical to an uninterrupted run of the same config.
 */
class ResumeAfterKillTest {

    private static final String SLOW_TOY = """
            name: toy-kill
            seed: 5
            experiment: toy
            optimizer:
              name: adam
              lr: 0.01
            budget:
              meta_iterations: 400
              checkpoint_every: 25
              log_every: 5
            evaluation:
              test_tasks: 10
              adapt_steps: [0, 3]
            toy:
              step_delay_ms: 5
            """;

    @TempDir
    Path tmp;

    @Test
    void killedRunResumesToTheSameResults() throws Exception {
        Path config = TestFiles.write(tmp, "toy.yaml", SLOW_TOY);
        Path killed = tmp.resolve("killed");
        Process child = TestFiles.startRun(config, killed, 1, tmp);
        try {
            waitForProgressAfterACheckpoint(child, killed);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertFalse(Files.exists(killed.resolve("summary.json")), "the child finished before it was killed; the test proves nothing");
        long checkpointStep = CheckpointCodec.read(killed.resolve("checkpoint.ckpt")).step();
        assertTrue(checkpointStep >= 25 && checkpointStep < 400, "killed at checkpoint step " + checkpointStep);

        TestFiles.CliResult resumed = TestFiles.cli("resume", killed.toString(), "--threads", "2", "--no-plots");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("resuming " + killed + " from step " + checkpointStep), resumed.err());

        Path uninterrupted = tmp.resolve("uninterrupted");
        assertEquals(0, TestFiles.cli("run", config.toString(), "--out", uninterrupted.toString(), "--threads", "1", "--no-plots").code());
        for (String file : List.of("summary.json", "train.csv", "tasks.csv", "config.resolved.yaml")) {
            assertArrayEquals(TestFiles.bytes(uninterrupted.resolve(file)), TestFiles.bytes(killed.resolve(file)), file);
        }
        Map<?, ?> prov = (Map<?, ?>) Json.readFile(killed.resolve("provenance.json"));
        assertEquals(1, ((List<?>) prov.get("resumes")).size());
        assertEquals("finished", prov.get("status"));
    }

    /** Waits until a checkpoint exists and train.csv has rows beyond it, so the kill lands between two checkpoints. */
    private static void waitForProgressAfterACheckpoint(Process child, Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                fail("the child exited early with code " + child.exitValue());
            }
            Path ck = dir.resolve("checkpoint.ckpt");
            Path log = dir.resolve("train.csv");
            if (Files.exists(ck) && Files.exists(log)) {
                try {
                    long rows = Long.parseLong(CheckpointCodec.read(ck).string(RunCheckpoints.TRAIN_ROWS));
                    if (Files.readAllLines(log).size() - 1 > rows) {
                        return;
                    }
                } catch (RuntimeException | IOException e) {
                    // The checkpoint is being replaced right now; look again.
                }
            }
            Thread.sleep(5);
        }
        fail("no checkpoint appeared within 60 s");
    }
}
