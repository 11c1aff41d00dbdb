package org.metarec.experiments.study.sinusoid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.algorithms.data.XYBatch;
import org.metarec.algorithms.meta.Task;
import org.metarec.core.random.Rng;
import org.metarec.experiments.TestFiles;
import org.metarec.experiments.cli.Main;

/**
 * {@code plot sinusoid-fit}: the true curve is recovered from a task's points, and a finished run's
 * checkpoint gives a figure with one panel per method and task; a folder that is not a run is one
 * clear message.
 */
class SinusoidFitFigureTest {

    @TempDir
    Path tmp;

    @Test
    void theTrueCurveGoesThroughEveryPointOfTheTask() {
        Task<XYBatch> task = SinusoidTasks.drawTask(SinusoidTasks.Family.paper(), Rng.derive(3, "t"), 5, 20);
        double[] xs = task.support().x().toArray();
        double[] fitted = SinusoidFitFigure.trueCurve(task, xs);
        double[] ys = task.support().y().toArray();
        for (int i = 0; i < xs.length; i++) {
            assertEquals(ys[i], fitted[i], 1e-9, "support point " + i);
        }
    }

    private static int run(String... args) {
        return Main.execute(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
    }

    @Test
    void aFinishedRunGivesAPanelPerMethodAndTask() throws Exception {
        Path config = TestFiles.repositoryRoot().resolve("experiments/configs/sinusoid-smoke.yaml");
        Path dir = tmp.resolve("run");
        assertEquals(0, run("run", config.toString(), "--set", "methods=[maml, pretrained]", "--set",
                "budget.meta_iterations=20", "--set", "budget.checkpoint_every=10", "--set", "budget.log_every=10",
                "--set", "evaluation.test_tasks=4", "--out", dir.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.execute(new String[] {"plot", "sinusoid-fit", dir.toString(), "--tasks", "2"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()), false);
        assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("(maml, pretrained; 2 test tasks, K = 10)"));
        BufferedImage png = ImageIO.read(dir.resolve("plots/sinusoid_fit.png").toFile());
        assertEquals(2 * 500, png.getWidth(), "two columns of tasks");
        assertTrue(png.getHeight() > 2 * 400, "two rows of methods under a title");
        assertTrue(Files.readString(dir.resolve("plots/sinusoid_fit.svg")).contains("<svg"));

        assertEquals(2, run("plot", "sinusoid-fit", dir.toString(), "--methods", "reptile"));
        assertEquals(2, run("plot", "sinusoid-fit", tmp.resolve("nothing").toString()));
    }
}
