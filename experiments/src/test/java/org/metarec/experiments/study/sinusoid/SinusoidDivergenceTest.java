package org.metarec.experiments.study.sinusoid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.core.json.Json;
import org.metarec.experiments.TestFiles;
import org.metarec.experiments.cli.Main;

/**
 * Test-time SGD that blows up on some tasks does not throw away a finished training: the run ends, the diverged
 * tasks are recorded at {@link SinusoidExperiment#DIVERGED_MSE} and {@code summary.md} says how many there were.
 * (Found on the 70,000-iteration runs: Meta-SGD and MAML++ trained for one step, then 9 plain steps at 0.01 with
 * K = 5, overflowed on a few of 600 tasks in some seeds and the run failed after training.)
 */
class SinusoidDivergenceTest {

    @TempDir
    Path tmp;

    @Test
    void aDivergedTestTaskIsCountedNotFatal() throws Exception {
        Path config = TestFiles.repositoryRoot().resolve("experiments/configs/sinusoid-smoke.yaml");
        Path dir = tmp.resolve("run");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // A test-time rate of 50 overflows on every task within 10 steps; before any step the MSE is an ordinary one.
        int code = Main.execute(new String[] {"run", config.toString(), "--set", "methods=[maml]", "--set",
                "budget.meta_iterations=10", "--set", "budget.checkpoint_every=10", "--set", "budget.log_every=10",
                "--set", "evaluation.test_tasks=3", "--set", "evaluation.eval_lr=50", "--set",
                "evaluation.adapt_steps=[0, 1, 10]", "--out", dir.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String summary = Files.readString(dir.resolve("summary.md"));
        assertTrue(summary.contains("test-time adaptation diverged on some tasks"), summary);
        assertTrue(summary.contains("after 10 steps: 3"), summary);
        Map<?, ?> json = (Map<?, ?>) Json.parse(Files.readString(dir.resolve("summary.json")), "summary.json");
        boolean capped = false;
        for (Object row : (List<?>) json.get("results")) {
            Map<?, ?> r = (Map<?, ?>) row;
            if (Integer.valueOf(10).equals(((Number) r.get("adapt_steps")).intValue())) {
                assertEquals(SinusoidExperiment.DIVERGED_MSE, ((Number) r.get("mean")).doubleValue(), 0.0, r.toString());
                capped = true;
            } else if (Integer.valueOf(0).equals(((Number) r.get("adapt_steps")).intValue())) {
                assertTrue(((Number) r.get("mean")).doubleValue() < SinusoidExperiment.DIVERGED_MSE, r.toString());
            }
        }
        assertTrue(capped, "the 10-step rows are in the summary");
    }
}
