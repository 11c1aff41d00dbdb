package org.metarec.algorithms.rec.coldstart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.meta.MetaLearner;
import org.metarec.algorithms.meta.Task;
import org.metarec.algorithms.optim.Adam;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.model.RatingLoss;
import org.metarec.algorithms.rec.model.TaNPModel;
import org.metarec.algorithms.train.MetaTrainer;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.check.GradCheck;
import org.metarec.autodiff.check.Property;
import org.metarec.core.random.Rng;

/**
 * TaNP's training gradient is the derivative of its loss (latent noise fixed), with FiLM and with gating, with
 * and without the latent path; without it the loss is the squared error of the adapted model's predictions on
 * the target, to the bit; its KL term agrees with an independent formula and vanishes between equal Gaussians;
 * and training does not depend on the number of threads.
 */
class TaNPTest {

    private static TaNPModel model(BatchFactory f, int zDim, boolean gating, int hidden) {
        return new TaNPModel(ColdStartFixture.inputs(f), 2, new int[] {hidden}, new TaNPModel.Shape(zDim, 2, 2, 0.5 + zDim,
                gating));
    }

    @Test
    void trainingGradientEqualsFiniteDifferences() {
        Property.forAll("TaNP gradient = d loss / d params", 83L, 6, 3, c -> {
            BatchFactory f = c.index() % 2 == 0 ? ColdStartFixture.WITH_PROFILES : ColdStartFixture.WITHOUT_PROFILES;
            TaNPModel model = model(f, c.intIn(0, 2), c.index() % 3 != 0, 1 + c.cols());
            TaNP learner = new TaNP(model, c.seed());
            Params meta = model.init(Rng.seeded(c.seed()));
            List<Task<RatingBatch>> tasks = ColdStartFixture.tasks(f, c.index() % 2 == 1);
            MetaLearner<RatingBatch> at = learner.atIteration(c.rows());
            Params grad;
            try (TaskPool pool = new TaskPool(1)) {
                grad = pool.step(at, meta, tasks).gradient();
            }
            ColdStartFixture.checkAgainstFiniteDifferences(at, meta, tasks, grad, meta.names(), 3,
                    c + ", " + model.shape());
        });
    }

    @Test
    void lossIsSecondOrderDifferentiable() {
        TaNPModel model = model(ColdStartFixture.WITH_PROFILES, 2, true, 2);
        TaNP learner = new TaNP(model, 3);
        Params meta = model.init(Rng.seeded(3));
        Task<RatingBatch> task = ColdStartFixture.tasks(ColdStartFixture.WITH_PROFILES, false).get(0);
        Tensor eps = learner.noise(task);
        List<String> names = List.of("tanp.clusters", "tanp.film.delta1", "tanp.mu.W");
        GradCheck.checkSecondOrder(in -> {
            Params p = meta;
            for (int i = 0; i < names.size(); i++) {
                p = p.with(names.get(i), in.get(i));
            }
            return learner.loss(p, task, eps);
        }, names.stream().map(meta::get).toList());
    }

    @Test
    void withoutTheLatentPathTheLossIsTheAdaptedModelsSquaredError() {
        for (boolean gating : new boolean[] {false, true}) {
            TaNPModel model = model(ColdStartFixture.WITH_PROFILES, 0, gating, 3);
            TaNP learner = new TaNP(model, 1);
            Params meta = model.init(Rng.seeded(gating ? 2 : 1));
            for (Task<RatingBatch> t : ColdStartFixture.tasks(ColdStartFixture.WITH_PROFILES, gating)) {
                RatingBatch target = t.support().concat(t.query());
                double want = RatingLoss.of(model, 0).apply(learner.adapt(meta, t.support(), 0), target).item();
                assertEquals(want, learner.taskGradient(meta, t).queryLoss(), 0.0);
            }
        }
    }

    @Test
    void klAgreesWithThePerCoordinateFormulaAndVanishesBetweenEqualGaussians() {
        Property.forAll("KL of diagonal Gaussians", 5L, 6, 4, c -> {
            Tensor mu1 = c.matrix(1, c.cols(), -2, 2), lv1 = c.matrix(1, c.cols(), -1, 1);
            Tensor mu2 = c.matrix(1, c.cols(), -2, 2), lv2 = c.matrix(1, c.cols(), -1, 1);
            double want = 0;
            for (int i = 0; i < c.cols(); i++) {
                // KL(N(m1, s1^2) || N(m2, s2^2)) = log(s2 / s1) + (s1^2 + (m1 - m2)^2) / (2 s2^2) - 1/2
                double s1 = Math.exp(lv1.toArray()[i] / 2), s2 = Math.exp(lv2.toArray()[i] / 2);
                double d = mu1.toArray()[i] - mu2.toArray()[i];
                want += Math.log(s2 / s1) + (s1 * s1 + d * d) / (2 * s2 * s2) - 0.5;
            }
            assertEquals(want, TaNP.gaussianKl(mu1, lv1, mu2, lv2).item(), 1e-12 * (1 + Math.abs(want)), c.toString());
            assertEquals(0.0, TaNP.gaussianKl(mu1, lv1, mu1, lv1).item(), 0.0, c.toString());
        });
    }

    @Test
    void theNoiseDependsOnTheIterationAndTheTaskOnly() {
        TaNPModel model = model(ColdStartFixture.WITH_PROFILES, 2, false, 2);
        List<Task<RatingBatch>> tasks = ColdStartFixture.tasks(ColdStartFixture.WITH_PROFILES, false);
        TaNP a = (TaNP) new TaNP(model, 4).atIteration(7);
        TaNP b = (TaNP) new TaNP(model, 4).atIteration(7);
        TaNP later = (TaNP) new TaNP(model, 4).atIteration(8);
        assertArrayEquals(a.noise(tasks.get(0)).toArray(), b.noise(tasks.get(0)).toArray(), 0.0);
        assertNotEquals(a.noise(tasks.get(0)).toArray()[0], later.noise(tasks.get(0)).toArray()[0]);
        assertNotEquals(a.noise(tasks.get(0)).toArray()[0], a.noise(tasks.get(1)).toArray()[0]);
    }

    @Test
    void trainingGivesTheSameBitsOnOneOrThreeThreads() {
        TaNPModel model = model(ColdStartFixture.WITH_PROFILES, 2, true, 3);
        TaNP learner = new TaNP(model, 6);
        List<Task<RatingBatch>> tasks = ColdStartFixture.tasks(ColdStartFixture.WITH_PROFILES, false);
        Params[] out = new Params[2];
        int[] threads = {1, 3};
        for (int i = 0; i < 2; i++) {
            try (TaskPool pool = new TaskPool(threads[i])) {
                MetaTrainer<RatingBatch> trainer = new MetaTrainer<>(learner, new Adam(0.01), rng -> tasks.get(rng.nextInt(3)),
                        pool, 3, 0, model.init(Rng.seeded(6)), Rng.seeded(7));
                for (int s = 0; s < 3; s++) {
                    trainer.step();
                }
                out[i] = trainer.meta();
            }
        }
        for (String n : out[0].names()) {
            assertArrayEquals(out[0].get(n).toArray(), out[1].get(n).toArray(), 0.0, n);
        }
        // an unused import guard: the decoder's output is a column
        assertEquals(1, Ops.sum(model.apply(out[0], tasks.get(0).query())).rows());
    }
}
