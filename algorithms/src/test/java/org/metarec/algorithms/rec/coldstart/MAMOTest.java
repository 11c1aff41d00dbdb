package org.metarec.algorithms.rec.coldstart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.meta.MAML;
import org.metarec.algorithms.meta.MetaLearner;
import org.metarec.algorithms.meta.MetaStep;
import org.metarec.algorithms.meta.Task;
import org.metarec.algorithms.meta.TaskLoss;
import org.metarec.algorithms.optim.Adam;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.FeatureEncoding;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.model.MamoModel;
import org.metarec.algorithms.rec.model.ModelInputs;
import org.metarec.algorithms.rec.model.RatingLoss;
import org.metarec.algorithms.train.MetaTrainer;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.check.Property;
import org.metarec.core.random.Rng;

/**
 * MAMO's meta-gradient is the derivative of its meta-loss with the memories held fixed, the memories get no
 * gradient, without memories it is MAML on the same model to the bit, a full-rate write of the profile memory
 * makes every key point at the user, and training does not depend on the number of threads.
 */
class MAMOTest {

    private static MAMO mamo(MamoModel model, int k, double tau, int steps, long seed) {
        return new MAMO(model, RatingLoss.of(model, 0), 0.05, steps, new MAMO.Settings(k, tau, 0.5, 0.05, 0.1),
                Rng.derive(seed, "test/memory"));
    }

    @Test
    void metaGradientEqualsFiniteDifferencesWithTheMemoriesFixed() {
        Property.forAll("MAMO meta-gradient = d meta-loss / d phi", 71L, 5, 3, c -> {
            BatchFactory f = c.index() % 2 == 0 ? ColdStartFixture.WITHOUT_PROFILES : ColdStartFixture.WITH_PROFILES;
            MamoModel model = new MamoModel(ColdStartFixture.inputs(f), 1 + c.rows() % 2, new int[] {1 + c.cols()});
            int k = 1 + c.intIn(0, 2);
            int steps = 1 + c.intIn(0, 1);
            MAMO learner = mamo(model, k, 0.3 * c.rng().nextDouble() + 0.05, steps, c.seed());
            Params meta = learner.initMeta(model.init(Rng.seeded(c.seed())));
            List<Task<RatingBatch>> tasks = ColdStartFixture.tasks(f, c.index() % 3 == 1);
            Params grad;
            try (TaskPool pool = new TaskPool(1)) {
                grad = pool.step(learner, meta, tasks).gradient();
            }
            for (String m : List.of(MAMO.PROFILE_MEMORY, MAMO.BIAS_MEMORY, MAMO.TASK_MEMORY)) {
                assertArrayEquals(new double[meta.get(m).size()], grad.get(m).toArray(), 0.0, m + " is written, not learned");
            }
            assertArrayEquals(new double[meta.get(MamoModel.MEMORY_WEIGHT).size()],
                    grad.get(MamoModel.MEMORY_WEIGHT).toArray(), 0.0, "the task memory replaces the global memory layer");
            // the memory read is a constant (paper and code): the meta-loss holds each task's attention fixed
            List<MAMO> frozen = tasks.stream().map(t -> learner.withAttention(learner.attentionOf(meta, t.support()))).toList();
            ColdStartFixture.checkAgainstFiniteDifferences(p -> {
                double sum = 0;
                for (int t = 0; t < tasks.size(); t++) {
                    sum += frozen.get(t).taskGradient(p, tasks.get(t)).queryLoss();
                }
                return sum / tasks.size();
            }, meta, grad, learner.modelParams(meta).names(), 3, c + ", K " + k + ", steps " + steps);
        });
    }

    @Test
    void withoutMemoriesItIsMamlOnTheSameModelToTheBit() {
        for (long seed = 1; seed <= 3; seed++) {
            MamoModel model = new MamoModel(ColdStartFixture.inputs(ColdStartFixture.WITH_PROFILES), 2, new int[] {3});
            TaskLoss<RatingBatch> loss = RatingLoss.of(model, 0);
            int steps = (int) seed;
            MAMO learner = new MAMO(model, loss, 0.05, steps, new MAMO.Settings(0, 0.01, 0.5, 0.05, 0.1),
                    Rng.seeded(seed));
            MAML<RatingBatch> maml = new MAML<>(loss, 0.05, steps);
            Params theta = model.init(Rng.seeded(seed));
            assertEquals(theta.names(), learner.initMeta(theta).names(), "no memories are added");
            for (Task<RatingBatch> t : ColdStartFixture.tasks(ColdStartFixture.WITH_PROFILES, seed == 2)) {
                MetaLearner.TaskResult a = learner.taskGradient(theta, t);
                MetaLearner.TaskResult b = maml.taskGradient(theta, t);
                assertEquals(b.queryLoss(), a.queryLoss(), 0.0);
                for (String n : theta.names()) {
                    assertArrayEquals(b.gradient().get(n).toArray(), a.gradient().get(n).toArray(), 0.0, n);
                    assertArrayEquals(maml.adapt(theta, t.support(), 2).get(n).toArray(),
                            learner.adapt(theta, t.support(), 2).get(n).toArray(), 0.0, n);
                }
            }
        }
    }

    @Test
    void aFullRateProfileWriteTurnsEveryKeyToTheUser() {
        MamoModel model = new MamoModel(ColdStartFixture.inputs(ColdStartFixture.WITHOUT_PROFILES), 2, new int[] {3});
        MAMO learner = new MAMO(model, RatingLoss.of(model, 0), 0.05, 1, new MAMO.Settings(3, 0.01, 1.0, 0.0, 0.0),
                Rng.seeded(5));
        Params meta = learner.initMeta(model.init(Rng.seeded(5)));
        Task<RatingBatch> task = ColdStartFixture.tasks(ColdStartFixture.WITHOUT_PROFILES, false).get(0);
        MetaStep step = learner.metaStep(meta, List.of(task));
        Params after = learner.afterStep(meta, step);
        // alpha = 1: M_P[k] = a_k p_u with a_k > 0, so cos(p_u, M_P[k]) = 1 for every key and the attention is uniform
        double[] p = java.util.Arrays.copyOf(model.userProfile(meta, task.support()).toArray(), model.profileWidth());
        double[] a = MAMO.attention(p, after.get(MAMO.PROFILE_MEMORY).data());
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, a, 1e-12);
        // beta = gamma = 0: the other memories keep their values
        assertArrayEquals(meta.get(MAMO.BIAS_MEMORY).toArray(), after.get(MAMO.BIAS_MEMORY).toArray(), 0.0);
        assertArrayEquals(meta.get(MAMO.TASK_MEMORY).toArray(), after.get(MAMO.TASK_MEMORY).toArray(), 0.0);
    }

    @Test
    void trainingGivesTheSameBitsOnOneOrThreeThreads() {
        MamoModel model = new MamoModel(ColdStartFixture.inputs(ColdStartFixture.WITH_PROFILES), 2, new int[] {3});
        MAMO learner = mamo(model, 2, 0.1, 1, 9);
        List<Task<RatingBatch>> tasks = ColdStartFixture.tasks(ColdStartFixture.WITH_PROFILES, false);
        Params[] out = new Params[2];
        int[] threads = {1, 3};
        for (int i = 0; i < 2; i++) {
            try (TaskPool pool = new TaskPool(threads[i])) {
                MetaTrainer<RatingBatch> trainer = new MetaTrainer<>(learner, new Adam(0.01), rng -> tasks.get(rng.nextInt(3)),
                        pool, 3, 0, learner.initMeta(model.init(Rng.seeded(9))), Rng.seeded(10));
                for (int s = 0; s < 3; s++) {
                    trainer.step();
                }
                out[i] = trainer.meta();
            }
        }
        for (String n : out[0].names()) {
            assertArrayEquals(out[0].get(n).toArray(), out[1].get(n).toArray(), 0.0, n);
        }
        Params start = learner.initMeta(model.init(Rng.seeded(9)));
        assertTrue(!java.util.Arrays.equals(start.get(MAMO.PROFILE_MEMORY).toArray(),
                out[0].get(MAMO.PROFILE_MEMORY).toArray()), "training writes the profile memory");
    }

    @Test
    void usersWithoutFeaturesOrProfileAreRejected() {
        ModelInputs none = new ModelInputs(6, FeatureEncoding.of(org.metarec.core.data.SideFeatures.none(4)), ColdStartFixture.ITEMS, 2, 0, 3.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MamoModel(none, 2, new int[] {3}));
        assertTrue(e.getMessage().startsWith("mamo: expected user features or a cross-domain profile"), e.getMessage());
    }
}
