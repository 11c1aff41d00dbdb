package org.metarec.experiments.study.sinusoid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.experiments.TestFiles;
import org.metarec.experiments.checkpoint.Checkpoint;
import org.metarec.experiments.checkpoint.CheckpointCodec;
import org.metarec.experiments.run.RunCheckpoints;

/**
 * The sinusoid kind after SIGKILL: a real child JVM runs two methods one after the other and is killed
 * while the second one trains (between two checkpoints); {@code resume} must then give the same bytes as
 * an uninterrupted run, training curve included.
 */
class SinusoidResumeAfterKillTest {

    private static final int ITERATIONS = 2500;

    private static final String CONFIG = """
            name: sinusoid-kill
            seed: 3
            experiment: sinusoid
            data:
              source: sinusoid
            protocol:
              support: 10
            model:
              hidden: [40, 40]
            methods: [metasgd, maml]
            meta:
              meta_batch: 10
            budget:
              meta_iterations: %d
              checkpoint_every: 50
              log_every: 25
            evaluation:
              test_tasks: 20
              support_sizes: [5]
              adapt_steps: [0, 1, 3]
            """.formatted(ITERATIONS);

    @TempDir
    Path tmp;

    @Test
    void killedWhileTheSecondMethodTrainsResumesToTheSameBytes() throws Exception {
        Path config = TestFiles.write(tmp, "sinusoid.yaml", CONFIG);
        Path killed = tmp.resolve("killed");
        Process child = TestFiles.startRun(config, killed, 2, tmp);
        try {
            waitUntilTheSecondMethodHasCheckpointedAndMovedOn(child, killed);
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertFalse(Files.exists(killed.resolve("summary.json")), "the child finished before it was killed; the test proves nothing");
        Checkpoint ck = CheckpointCodec.read(killed.resolve("checkpoint.ckpt"));
        assertEquals("maml", ck.string("method"), "killed during the second method");

        TestFiles.CliResult resumed = TestFiles.cli("resume", killed.toString(), "--threads", "1", "--no-plots");
        assertEquals(0, resumed.code(), resumed.err());

        Path uninterrupted = tmp.resolve("uninterrupted");
        assertEquals(0, TestFiles.cli("run", config.toString(), "--out", uninterrupted.toString(), "--threads", "2",
                "--no-plots").code());
        for (String file : List.of("summary.json", "train.csv", "tasks.csv")) {
            assertArrayEquals(TestFiles.bytes(uninterrupted.resolve(file)), TestFiles.bytes(killed.resolve(file)), file);
        }
    }

    /** Waits for a checkpoint inside the second method's training with logged rows after it. */
    private static void waitUntilTheSecondMethodHasCheckpointedAndMovedOn(Process child, Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                fail("the child exited early with code " + child.exitValue());
            }
            Path ck = dir.resolve("checkpoint.ckpt");
            Path log = dir.resolve("train.csv");
            if (Files.exists(ck) && Files.exists(log)) {
                try {
                    Checkpoint c = CheckpointCodec.read(ck);
                    long rows = Long.parseLong(c.string(RunCheckpoints.TRAIN_ROWS));
                    if (c.string("method").equals("maml") && c.step() > ITERATIONS && Files.readAllLines(log).size() - 1 > rows) {
                        return;
                    }
                } catch (RuntimeException | IOException e) {
                    // The checkpoint is being replaced right now; look again.
                }
            }
            Thread.sleep(5);
        }
        fail("no checkpoint of the second method appeared within 120 s");
    }
}
