package org.metarec.experiments.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.core.json.Json;
import org.metarec.experiments.TestFiles;
import org.metarec.experiments.TestFiles.CliResult;
import org.metarec.experiments.checkpoint.CheckpointCodec;

/**
 * SIGTERM on a real child JVM (what Ctrl-C's SIGINT also triggers: the JVM's shutdown hooks), and the reuse of a run
 * folder that stopped before its first checkpoint.
 */
class InterruptAndReuseTest {

    private static final String SLOW_TOY = TestFiles.FAST_TOY.replace("meta_iterations: 60", "meta_iterations: 400")
            + "toy:\n  step_delay_ms: 5\n";

    @TempDir
    Path tmp;

    @Test
    void sigtermMarksTheRunInterruptedAndResumeFinishesItAsAnUninterruptedRun() throws Exception {
        Path config = TestFiles.write(tmp, "toy.yaml", SLOW_TOY);
        Path dir = tmp.resolve("stopped");
        Process child = TestFiles.startRun(config, dir, 1, tmp);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(dir.resolve("checkpoint.ckpt")) && System.nanoTime() < deadline && child.isAlive()) {
            Thread.sleep(20);
        }
        child.destroy(); // SIGTERM
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(dir.resolve("summary.json")), "the child finished before SIGTERM; the test proves nothing");
        assertEquals(143, child.exitValue(), "128 + SIGTERM");
        Map<?, ?> provenance = (Map<?, ?>) Json.readFile(dir.resolve("provenance.json"));
        assertEquals("interrupted", provenance.get("status"));
        long step = CheckpointCodec.read(dir.resolve("checkpoint.ckpt")).step();
        assertEquals("interrupted (SIGTERM or Ctrl-C); the last checkpoint (step " + step + ") is kept", provenance.get("message"));
        String err = TestFiles.read(tmp.resolve("child.err"));
        assertTrue(err.contains("continue with: metarec resume " + dir), err);
        assertFalse(err.contains("\tat "), err);

        CliResult resumed = TestFiles.cli("resume", dir.toString(), "--no-plots", "--threads", "1");
        assertEquals(0, resumed.code(), resumed.err());
        CliResult whole = TestFiles.cli("run", config.toString(), "--out", tmp.resolve("whole").toString(), "--no-plots", "--threads", "1");
        assertEquals(0, whole.code(), whole.err());
        assertArrayEquals(TestFiles.bytes(tmp.resolve("whole/summary.json")), TestFiles.bytes(dir.resolve("summary.json")));
        assertEquals("finished", ((Map<?, ?>) Json.readFile(dir.resolve("provenance.json"))).get("status"));
    }

    @Test
    void aRunThatFailedBeforeItsFirstCheckpointIsStartedAgainByTheSameCommand() throws Exception {
        // A NaN at step 5, before the first checkpoint at step 20: the folder holds the config, provenance and log only.
        Path config = TestFiles.write(tmp, "toy.yaml", TestFiles.FAST_TOY + "toy:\n  inject_nan_at_step: 5\n");
        Path dir = tmp.resolve("run");
        CliResult failed = TestFiles.cli("run", config.toString(), "--out", dir.toString(), "--no-plots");
        assertEquals(1, failed.code(), failed.err());
        assertFalse(failed.err().contains("metarec resume"), "resuming would hit the same NaN: " + failed.err());
        assertFalse(Files.exists(dir.resolve("checkpoint.ckpt")));
        // The same command again starts over in place (and fails the same way, which shows it ran).
        CliResult again = TestFiles.cli("run", config.toString(), "--out", dir.toString(), "--no-plots");
        assertEquals(1, again.code(), again.err());
        assertTrue(again.err().contains("step 5, method final: loss is NaN"), again.err());
        // Another config is refused, and the message says how to go on.
        Path other = TestFiles.write(tmp, "other.yaml", TestFiles.FAST_TOY);
        CliResult refused = TestFiles.cli("run", other.toString(), "--out", dir.toString(), "--no-plots");
        assertEquals(2, refused.code());
        assertTrue(refused.err().startsWith("error: " + dir + ": expected a new or empty folder, found an unfinished run of another "
                + "config; choose another --out"), refused.err());
    }

    @Test
    void reportWritesOverAnEarlierReportOnlyAndElsewhereWithForce() {
        Path config = TestFiles.write(tmp, "toy.yaml", TestFiles.FAST_TOY);
        Path run = tmp.resolve("run");
        assertEquals(0, TestFiles.cli("run", config.toString(), "--out", run.toString(), "--no-plots").code());
        Path report = tmp.resolve("report");
        assertEquals(0, TestFiles.cli("report", run.toString(), "--out", report.toString()).code());
        CliResult again = TestFiles.cli("report", run.toString(), "--out", report.toString());
        assertEquals(0, again.code(), "an earlier report may be replaced: " + again.err());
        CliResult intoRun = TestFiles.cli("report", run.toString(), "--out", run.toString());
        assertEquals(2, intoRun.code());
        assertFalse(Files.exists(run.resolve("report.json")));
        CliResult forced = TestFiles.cli("report", run.toString(), "--out", run.toString(), "--force");
        assertEquals(0, forced.code(), forced.err());
        assertTrue(Files.exists(run.resolve("report.json")));
        assertTrue(Files.exists(run.resolve("summary.json")), "--force writes the report's files and keeps the others");
    }
}
