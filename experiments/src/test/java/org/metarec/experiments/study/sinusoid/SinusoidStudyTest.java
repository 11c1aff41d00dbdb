package org.metarec.experiments.study.sinusoid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.data.XYBatch;
import org.metarec.algorithms.meta.ImplicitMAML;
import org.metarec.algorithms.meta.InnerLoop;
import org.metarec.algorithms.meta.Task;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.train.MetaTrainer;
import org.metarec.autodiff.Params;
import org.metarec.core.random.Rng;

class SinusoidStudyTest {

    /** A small version of the paper's protocol, fast enough for a unit test. */
    static SinusoidProtocol small(String method) {
        return new SinusoidProtocol(SinusoidProtocol.method(method), 7L, SinusoidTasks.Family.paper(),
                new SinusoidProtocol.Network(new int[] {16, 16}, "relu"),
                new SinusoidProtocol.Training(150, 5, 10, 0.01, 1, 0.003, 0),
                new SinusoidProtocol.Reptile(5, 0.02, 10),
                new SinusoidProtocol.Evaluation(40, new int[] {5, 10}, 3, 50, 0.01));
    }

    @Test
    void anilAdaptsTheNamedHeadOrTheLastLayer() {
        SinusoidProtocol p = small("anil");
        SinusoidStudy lastLayer = new SinusoidStudy(p);
        Params theta = lastLayer.mlp().init(Rng.derive(1, "init"));
        assertEquals(java.util.List.of("W3", "b3"), lastLayer.learner().adaptedNames(theta));
        SinusoidProtocol named = new SinusoidProtocol(p.method(), p.seed(), p.family(),
                new SinusoidProtocol.Network(new int[] {16, 16}, "relu", java.util.List.of("W2", "b2", "W3", "b3")),
                p.training(), p.reptile(), p.evaluation());
        assertEquals(java.util.List.of("W2", "b2", "W3", "b3"), new SinusoidStudy(named).learner().adaptedNames(theta));
        SinusoidProtocol wrong = new SinusoidProtocol(p.method(), p.seed(), p.family(),
                new SinusoidProtocol.Network(new int[] {16, 16}, "relu", java.util.List.of("W7")),
                p.training(), p.reptile(), p.evaluation());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SinusoidStudy(wrong));
        assertEquals("sinusoid network.head: expected parameter names of the network [W1, b1, W2, b2, W3, b3], found 'W7'",
                e.getMessage());
    }

    @Test
    void implicitMamlAdaptsAtTestTimeByItsOwnSolveForEveryStepAndMamlBySgd() {
        SinusoidProtocol p = small("imaml").withImaml(new ImplicitMAML.Settings(2.0, 5,
                1e-10, true));
        SinusoidStudy study = new SinusoidStudy(p);
        Task<XYBatch> task = study.testTasks().get(0);
        Params meta = study.learner().initMeta(study.mlp().init(new SplittableRandom(3)));
        List<Params> got = study.adaptationPath(meta, task.support(), 6);
        List<Params> own = study.learner().adaptationPath(meta, task.support(), 6);
        assertEquals(7, got.size());
        for (int s = 0; s <= 6; s++) {
            for (String n : meta.names()) {
                assertArrayEquals(own.get(s).get(n).toArray(),
                        got.get(s).get(n).toArray(), 0.0, "step " + s + ", " + n);
            }
        }
        // MAML's path is plain SGD at the evaluation rate, whatever its inner rate was in training.
        SinusoidStudy maml = new SinusoidStudy(small("maml"));
        List<Params> sgd = maml.adaptationPath(meta, task.support(), 1);
        Params once = new InnerLoop<>(maml.settings().loss(), null)
                .run(meta, task.support(), 1, p.evaluation().evalLr(), false);
        for (String n : meta.names()) {
            assertArrayEquals(once.get(n).toArray(), sgd.get(1).get(n).toArray(), 0.0,
                    "maml step 1, " + n);
        }
    }

    @Test
    void tasksFollowTheDistributionOfThePaper() {
        Rng rng = Rng.derive(1, "t");
        for (int i = 0; i < 500; i++) {
            SinusoidTasks.Sinusoid s = SinusoidTasks.drawSinusoid(SinusoidTasks.Family.paper(), rng);
            assertTrue(s.amplitude() >= 0.1 && s.amplitude() <= 5.0, "amplitude " + s.amplitude());
            assertTrue(s.phase() >= 0 && s.phase() <= Math.PI, "phase " + s.phase());
            XYBatch b = SinusoidTasks.sample(SinusoidTasks.Family.paper(), s, 3, rng);
            for (int r = 0; r < 3; r++) {
                double x = b.x().get(r, 0);
                assertTrue(x >= -5 && x <= 5);
                assertEquals(s.amplitude() * Math.sin(x - s.phase()), b.y().get(r, 0), 0.0);
            }
        }
    }

    @Test
    void trainingTasksAreThePapersDrawnInOrderThoughTheirPointsAreComputedInParallel() {
        for (String method : List.of("maml", "reptile")) {
            SinusoidStudy study = new SinusoidStudy(small(method));
            MetaTrainer.TaskSource<XYBatch> source = study.taskSource();
            assertTrue(source instanceof MetaTrainer.StagedTaskSource<?, ?>, method);
            Rng staged = Rng.derive(3, "tasks");
            Rng plain = Rng.derive(3, "tasks");
            for (int t = 0; t < 50; t++) {
                Task<XYBatch> got = study.learner().trainingTask(source.draw(staged));   // what the learner trains on
                // The paper's recipe, reading the stream in the order the study always has.
                double a = plain.uniform(0.1, 5.0);
                double phi = plain.uniform(0, Math.PI);
                double[] xs = new double[20];
                for (int i = 0; i < 20; i++) {
                    xs[i] = plain.uniform(-5, 5);
                }
                int supportRows = method.equals("reptile") ? 20 : 10;   // Reptile: both sets as its support
                assertEquals(supportRows, got.support().x().rows());
                for (int i = 0; i < supportRows; i++) {
                    assertEquals(xs[i], got.support().x().get(i, 0), 0.0);
                    assertEquals(a * Math.sin(xs[i] - phi), got.support().y().get(i, 0), 0.0);
                }
                for (int i = 0; i < 10; i++) {
                    assertEquals(xs[10 + i], got.query().x().get(i, 0), 0.0);
                    assertEquals(a * Math.sin(xs[10 + i] - phi), got.query().y().get(i, 0), 0.0);
                }
            }
        }
    }

    @Test
    void stagedDrawingTrainsExactlyAsDrawingEachTaskWhole() {
        SinusoidStudy study = new SinusoidStudy(small("fomaml"));
        MetaTrainer.TaskSource<XYBatch> source = study.taskSource();
        MetaTrainer.TaskSource<XYBatch> whole = source::draw;   // not staged: drawn whole, in order
        try (TaskPool pool = new TaskPool(2); TaskPool one = new TaskPool(1)) {
            MetaTrainer<XYBatch> a = study.newTrainer(pool);
            MetaTrainer<XYBatch> b = new MetaTrainer<>(a.learner(), new org.metarec.algorithms.optim.Adam(
                    study.protocol().training().metaLr()), whole, one, study.protocol().training().metaBatch(), 0, a.meta(), a.taskRng().copy());
            for (int i = 0; i < 20; i++) {
                a.step();
                b.step();
            }
            for (String name : a.meta().names()) {
                assertArrayEquals(b.meta().get(name).toArray(), a.meta().get(name).toArray(), 0.0, name);
            }
        }
    }

    @Test
    void everyMethodTrainsAndLowersTheAdaptedTestErrorDeterministically() {
        for (String method : SinusoidProtocol.METHODS) {
            SinusoidStudy study = new SinusoidStudy(small(method));
            double before, after;
            Map<String, double[]> twice;
            try (TaskPool pool = new TaskPool(2)) {
                MetaTrainer<XYBatch> trainer = study.newTrainer(pool);
                before = mean(study.evaluate(trainer.meta(), pool).get("mse_k10_steps1"));
                for (int i = 0; i < study.protocol().training().metaIterations(); i++) {
                    trainer.step();
                }
                Map<String, double[]> m = study.evaluate(trainer.meta(), pool);
                after = mean(m.get("mse_k10_steps1"));
                twice = m;
            }
            assertTrue(after < before, method + ": mean test MSE after 1 step went from " + before + " to " + after);
            // Same numbers with one thread.
            try (TaskPool one = new TaskPool(1)) {
                MetaTrainer<XYBatch> trainer = study.newTrainer(one);
                for (int i = 0; i < study.protocol().training().metaIterations(); i++) {
                    trainer.step();
                }
                Map<String, double[]> m = study.evaluate(trainer.meta(), one);
                for (String key : m.keySet()) {
                    assertArrayEquals(twice.get(key), m.get(key), 0.0, method + " " + key);
                }
            }
        }
    }

    @Test
    void testTasksAreFixedBySeedAndIndependentOfTheMethod() {
        List<Task<XYBatch>> a = new SinusoidStudy(small("maml")).testTasks();
        List<Task<XYBatch>> b = new SinusoidStudy(small("reptile")).testTasks();
        assertEquals(40, a.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).query().y().toArray(), b.get(i).query().y().toArray(), 0.0);
        }
    }

    @Test
    void evaluationNamesEveryKAndStep() {
        SinusoidStudy study = new SinusoidStudy(small("anil"));
        try (TaskPool pool = new TaskPool(1)) {
            Map<String, double[]> m = study.evaluate(study.newTrainer(pool).meta(), pool);
            assertEquals(List.of("mse_k5_steps0", "mse_k5_steps1", "mse_k5_steps2", "mse_k5_steps3",
                    "mse_k10_steps0", "mse_k10_steps1", "mse_k10_steps2", "mse_k10_steps3"), List.copyOf(m.keySet()));
            assertArrayEquals(m.get("mse_k5_steps0"), m.get("mse_k10_steps0"), 0.0, "0 steps does not depend on K");
        }
    }

    @Test
    void unknownMethodIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> small("mamll"));
        assertEquals("sinusoid: unknown method 'mamll'; expected one of [maml, fomaml, reptile, metasgd, anil, mamlpp, imaml, pretrained]",
                e.getMessage());
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x;
        }
        return s / a.length;
    }
}
