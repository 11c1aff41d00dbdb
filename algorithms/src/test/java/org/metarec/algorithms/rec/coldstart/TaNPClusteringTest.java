package org.metarec.algorithms.rec.coldstart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.meta.MetaLearner;
import org.metarec.algorithms.meta.MetaStep;
import org.metarec.algorithms.meta.Task;
import org.metarec.algorithms.optim.Adam;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.SlotMode;
import org.metarec.algorithms.rec.model.TaNPModel;
import org.metarec.algorithms.train.MetaTrainer;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.check.GradCheck;
import org.metarec.autodiff.check.Property;
import org.metarec.core.random.Rng;

/**
 * TaNP's clustering regulariser (issue #14): the divergence matches a small example worked by hand; its gradient
 * with respect to the task identities and the centres equals finite differences of {@code KL(P || Q)} with the
 * target P held at its value (first and second order), and not those of the divergence with P moving along; a
 * meta-step with it has the gradient of the whole objective; with lambda 0 training is bit for bit that of a
 * learner without the hook; and with it training gives the same bits on one or three threads.
 */
class TaNPClusteringTest {

    private static TaNPModel model(BatchFactory f, int zDim, int clusters) {
        return new TaNPModel(ColdStartFixture.inputs(f), 2, new int[] {3}, new TaNPModel.Shape(zDim, 3, clusters, 1.5,
                false));
    }

    /**
     * Two tasks, two centres, d = 1, alpha = 1 (the kernel is 1 / (1 + d^2)): r = (0, 2), m = (0, 1).
     * Kernels: task 1 (1, 1/2), task 2 (1/5, 1/2), so Q = [[2/3, 1/3], [2/7, 5/7]]; f = (20/21, 22/21);
     * q^2 / f: task 1 (7/15, 7/66), task 2 (3/35, 75/154), so P = [[22/27, 5/27], [22/147, 125/147]];
     * KL = ((22/27) ln(11/9) + (5/27) ln(5/9) + (22/147) ln(11/21) + (125/147) ln(25/21)) / 2.
     */
    @Test
    void theDivergenceMatchesASmallExampleWorkedByHand() {
        Tensor r = Tensor.column(0, 2);
        Tensor m = Tensor.column(0, 1);
        Tensor q = TaNP.studentTAssignments(r, m, 1.0);
        assertArrayEquals(new double[] {2.0 / 3, 1.0 / 3, 2.0 / 7, 5.0 / 7}, q.toArray(), 1e-15);
        DMatrixRMaj p = TaNP.sharpenedTarget(q.data());
        assertArrayEquals(new double[] {22.0 / 27, 5.0 / 27, 22.0 / 147, 125.0 / 147}, p.data, 1e-15);
        double want = (22.0 / 27 * Math.log(11.0 / 9) + 5.0 / 27 * Math.log(5.0 / 9)
                + 22.0 / 147 * Math.log(11.0 / 21) + 125.0 / 147 * Math.log(25.0 / 21)) / 2;
        assertEquals(want, TaNP.clusteringKl(r, m, 1.0).item(), 1e-15);
        assertTrue(want > 0, "P is sharper than Q, so they differ: " + want);

        // alpha = 3: the kernel is (1 + d^2 / 3)^-2, so task 1's kernels are (1, 9/16) and Q_1 = (16/25, 9/25).
        Tensor q3 = TaNP.studentTAssignments(r, m, 3.0);
        assertArrayEquals(new double[] {16.0 / 25, 9.0 / 25}, new double[] {q3.get(0, 0), q3.get(0, 1)}, 1e-15);
    }

    @Test
    void oneClusterHoldsEveryTaskAndCostsNothing() {
        Tensor r = Tensor.of(new double[][] {{0.3, -1}, {2, 0.5}, {-1, 1}});
        assertEquals(0.0, TaNP.clusteringKl(r, Tensor.row(0.1, 0.2), 2.0).item(), 0.0);
    }

    /** The gradient in r and m is that of KL(P0 || Q(r, m)) with P0 = P(r, m) fixed: finite differences agree. */
    @Test
    void theGradientInTheIdentitiesAndCentresEqualsFiniteDifferencesWithTheTargetHeld() {
        Property.forAll("d KL(P || Q) / d (r, m), P held", 1414L, 12, 5, c -> {
            // n >= 2: with one task P = Q (f_j = q_1j), the divergence is 0 whatever r and m.
            int n = 1 + c.rows(), k = c.intIn(2, 4), d = c.cols();
            double alpha = 0.5 + 3 * c.rng().nextDouble();
            Tensor r = c.matrix(n, d, -1.5, 1.5).asVariable();
            Tensor m = c.matrix(k, d, -1.5, 1.5).asVariable();
            Tensor loss = TaNP.clusteringKl(r, m, alpha);
            List<Tensor> analytic = Autodiff.grad(loss, List.of(r, m), false);

            DMatrixRMaj held = TaNP.sharpenedTarget(TaNP.studentTAssignments(r, m, alpha).data());
            GradCheck.check(in -> TaNP.klToTarget(held, TaNP.studentTAssignments(in.get(0), in.get(1), alpha)),
                    List.of(r, m));
            GradCheck.checkSecondOrder(in -> TaNP.klToTarget(held, TaNP.studentTAssignments(in.get(0), in.get(1), alpha)),
                    List.of(r, m));
            List<Tensor> heldGrad = Autodiff.grad(TaNP.klToTarget(held, TaNP.studentTAssignments(r, m, alpha)),
                    List.of(r, m), false);
            assertArrayEquals(heldGrad.get(0).toArray(), analytic.get(0).toArray(), 1e-15, c.toString());
            assertArrayEquals(heldGrad.get(1).toArray(), analytic.get(1).toArray(), 1e-15, c.toString());

            // Central differences of the held divergence, entry by entry, against the regulariser's own gradient;
            // and those of the divergence with P moving along, which the stop-gradient is not.
            double h = 1e-5, worstMoving = 0;
            Tensor[] at = {r, m};
            for (int which = 0; which < 2; which++) {
                for (int e = 0; e < at[which].size(); e++) {
                    Tensor[] plus = shifted(at, which, e, h), minus = shifted(at, which, e, -h);
                    double heldFd = (TaNP.klToTarget(held, TaNP.studentTAssignments(plus[0], plus[1], alpha)).item()
                            - TaNP.klToTarget(held, TaNP.studentTAssignments(minus[0], minus[1], alpha)).item()) / (2 * h);
                    double movingFd = (TaNP.clusteringKl(plus[0], plus[1], alpha).item()
                            - TaNP.clusteringKl(minus[0], minus[1], alpha).item()) / (2 * h);
                    double g = analytic.get(which).toArray()[e];
                    assertEquals(heldFd, g, 1e-7 + 1e-6 * Math.abs(heldFd), c + ": " + (which == 0 ? "r" : "m") + "[" + e + "]");
                    worstMoving = Math.max(worstMoving, Math.abs(movingFd - g));
                }
            }
            assertTrue(worstMoving > 1e-6, c + ": P's own variation should show in the moving divergence, " + worstMoving);
        });
    }

    private static Tensor[] shifted(Tensor[] at, int which, int e, double h) {
        Tensor[] out = at.clone();
        DMatrixRMaj v = at[which].data().copy();
        v.data[e] += h;
        out[which] = Tensor.constant(v);
        return out;
    }

    /**
     * A meta-step's gradient with the regulariser is that of mean_i L_i + lambda KL(P0 || Q(meta)), P0 held at
     * the step's parameters: the encoders, the field embeddings and the centres all receive it.
     */
    @Test
    void aMetaStepHasTheGradientOfTheWholeObjective() {
        Property.forAll("TaNP with clustering: gradient = d objective / d params", 29L, 4, 3, c -> {
            BatchFactory f = c.index() % 2 == 0 ? ColdStartFixture.WITH_PROFILES : ColdStartFixture.WITHOUT_PROFILES;
            TaNPModel model = model(f, c.intIn(0, 2), 2 + c.index() % 2);
            double lambda = 0.5 + c.rng().nextDouble(), alpha = 0.5 + 2 * c.rng().nextDouble();
            TaNP learner = (TaNP) new TaNP(model, c.seed(), new TaNP.Clustering(lambda, alpha)).atIteration(c.rows());
            Params meta = model.init(Rng.seeded(c.seed()));
            List<Task<RatingBatch>> tasks = ColdStartFixture.tasks(f, c.index() % 2 == 1);
            MetaStep step;
            try (TaskPool pool = new TaskPool(2)) {
                step = pool.step(learner, meta, tasks);
            }
            DMatrixRMaj held = TaNP.sharpenedTarget(TaNP.studentTAssignments(identities(model, meta, tasks),
                    meta.get(TaNPModel.CLUSTERS), alpha).data());
            java.util.function.ToDoubleFunction<Params> objective = p -> ColdStartFixture.metaLoss(learner, p, tasks)
                    + lambda * TaNP.klToTarget(held, TaNP.studentTAssignments(identities(model, p, tasks),
                            p.get(TaNPModel.CLUSTERS), alpha)).item();
            assertEquals(objective.applyAsDouble(meta), step.metaLoss(), 1e-12, c.toString());
            ColdStartFixture.checkAgainstFiniteDifferences(objective, meta, step.gradient(), meta.names(), 3, c.toString());
            // The step is the same with the plain loop of MetaLearner.metaStep.
            MetaStep loop = learner.metaStep(meta, tasks);
            assertEquals(loop.metaLoss(), step.metaLoss(), 0.0);
            for (String name : meta.names()) {
                assertArrayEquals(loop.gradient().get(name).toArray(), step.gradient().get(name).toArray(), 0.0, name);
            }
        });
    }

    private static Tensor identities(TaNPModel model, Params p, List<Task<RatingBatch>> tasks) {
        List<Tensor> rows = new ArrayList<>();
        for (Task<RatingBatch> t : tasks) {
            rows.add(model.taskIdentity(p, t.support()));
        }
        return org.metarec.autodiff.Ops.concatRows(rows.toArray(Tensor[]::new));
    }

    @Test
    void tasksWithoutASupportSetAreLeftOutAndAnEmptyBatchHasNoTerm() {
        TaNPModel model = model(ColdStartFixture.WITH_PROFILES, 2, 2);
        TaNP learner = new TaNP(model, 3, new TaNP.Clustering(1.0, 1.0));
        Params meta = model.init(Rng.seeded(3));
        List<Task<RatingBatch>> tasks = ColdStartFixture.tasks(ColdStartFixture.WITH_PROFILES, false);
        List<Task<RatingBatch>> empty = new ArrayList<>();
        for (Task<RatingBatch> t : tasks) {
            empty.add(new Task<>(ColdStartFixture.WITH_PROFILES.rows(new int[0], SlotMode.SINGLE), t.query()));
        }
        assertNull(learner.batchTerm(meta, empty));
        List<Task<RatingBatch>> mixed = new ArrayList<>(tasks.subList(0, 2));
        mixed.add(empty.get(2));
        assertEquals(learner.batchTerm(meta, tasks.subList(0, 2)).loss(), learner.batchTerm(meta, mixed).loss(), 0.0);
        assertNotNull(learner.batchTerm(meta, tasks));
    }

    /** A learner that forwards everything but the batch term: TaNP as it was before the hook. */
    private record WithoutHook(MetaLearner<RatingBatch> inner) implements MetaLearner<RatingBatch> {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public MetaLearner<RatingBatch> atIteration(long iteration) {
            return new WithoutHook(inner.atIteration(iteration));
        }

        @Override
        public Params adapt(Params meta, RatingBatch support, int steps) {
            return inner.adapt(meta, support, steps);
        }

        @Override
        public TaskResult taskGradient(Params meta, Task<RatingBatch> task) {
            return inner.taskGradient(meta, task);
        }
    }

    private static Params train(MetaLearner<RatingBatch> learner, TaNPModel model, int threads, double[] losses) {
        List<Task<RatingBatch>> tasks = ColdStartFixture.tasks(ColdStartFixture.WITH_PROFILES, false);
        try (TaskPool pool = new TaskPool(threads)) {
            MetaTrainer<RatingBatch> trainer = new MetaTrainer<>(learner, new Adam(0.02), rng -> tasks.get(rng.nextInt(3)),
                    pool, 3, 0, model.init(Rng.seeded(6)), Rng.seeded(7));
            for (int s = 0; s < losses.length; s++) {
                losses[s] = trainer.step().metaLoss();
            }
            return trainer.meta();
        }
    }

    @Test
    void withWeightZeroTrainingIsBitForBitThatWithoutTheHook() {
        TaNPModel model = model(ColdStartFixture.WITH_PROFILES, 2, 3);
        double[] before = new double[4], off = new double[4], on = new double[4];
        Params a = train(new WithoutHook(new TaNP(model, 6)), model, 1, before);
        Params b = train(new TaNP(model, 6, new TaNP.Clustering(0.0, 4.0)), model, 3, off);
        Params c = train(new TaNP(model, 6, new TaNP.Clustering(0.3, 1.0)), model, 1, on);
        assertArrayEquals(before, off, 0.0);
        boolean moved = false;
        for (String n : a.names()) {
            assertArrayEquals(a.get(n).toArray(), b.get(n).toArray(), 0.0, n);
            moved |= !java.util.Arrays.equals(a.get(n).toArray(), c.get(n).toArray());
        }
        assertTrue(moved, "a positive weight changes training");
        assertTrue(on[0] > before[0], "the first step's loss includes the regulariser: " + on[0] + " vs " + before[0]);
    }

    @Test
    void withTheRegulariserTrainingGivesTheSameBitsOnOneOrThreeThreads() {
        TaNPModel model = model(ColdStartFixture.WITH_PROFILES, 2, 3);
        TaNP learner = new TaNP(model, 6, new TaNP.Clustering(0.7, 2.0));
        double[] one = new double[4], three = new double[4];
        Params a = train(learner, model, 1, one);
        Params b = train(learner, model, 3, three);
        assertArrayEquals(one, three, 0.0);
        for (String n : a.names()) {
            assertArrayEquals(a.get(n).toArray(), b.get(n).toArray(), 0.0, n);
        }
    }

    @Test
    void badSettingsAreRejectedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TaNP.Clustering(-0.1, 1));
        assertTrue(e.getMessage().contains("cluster_weight >= 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TaNP.Clustering(0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TaNP.Settings(2, 2, 2, 1, false, new TaNP.Clustering(Double.NaN, 1)));
        assertEquals(TaNP.Clustering.OFF, TaNP.Settings.DEFAULT.clustering());
    }
}
