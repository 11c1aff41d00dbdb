package org.metarec.algorithms.meta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.data.XYBatch;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.GradMode;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.check.Property;
import org.metarec.autodiff.nn.Activation;
import org.metarec.autodiff.nn.MLP;

/**
 * Properties that pin the meta-learners down independently of the reference cases: MAML's
 * meta-gradient is the derivative of the meta-loss (finite differences), and the known identities
 * between the algorithms hold.
 */
class MetaLearnerPropertiesTest {

    /** A random small problem: an MLP with smooth activation, and tasks of regression data. */
    record Problem(MLP mlp, Params theta, List<Task<XYBatch>> tasks, TaskLoss<XYBatch> loss) {}

    static Problem problem(Property.Case c) {
        SplittableRandom rng = c.rng();
        int in = 1 + rng.nextInt(3), hidden = 2 + rng.nextInt(4), out = 1 + rng.nextInt(2);
        Activation act = rng.nextBoolean() ? Activation.TANH : Activation.SIGMOID;
        MLP mlp = new MLP(new int[] {in, hidden, out}, act);
        Params theta = mlp.init(rng);
        List<Task<XYBatch>> tasks = new ArrayList<>();
        for (int t = 0, n = 1 + rng.nextInt(3); t < n; t++) {
            int rows = c.rows() + 1;
            tasks.add(new Task<>(new XYBatch(c.matrix(rows, in, -1, 1), c.matrix(rows, out, -1, 1)),
                                 new XYBatch(c.matrix(rows, in, -1, 1), c.matrix(rows, out, -1, 1))));
        }
        TaskLoss<XYBatch> loss = (p, b) -> Ops.mse(mlp.apply(p, b.x()), b.y());
        return new Problem(mlp, theta, tasks, loss);
    }

    /** The meta-loss as a plain function of theta: mean_i L_query(adapt(theta)). */
    static double metaLoss(MetaLearner<XYBatch> learner, Params theta, List<Task<XYBatch>> tasks,
                           TaskLoss<XYBatch> loss, int steps) {
        double s = 0;
        for (Task<XYBatch> t : tasks) {
            Params phi = learner.adapt(theta, t.support(), steps);
            try (GradMode.Scope scope = GradMode.noGrad()) {
                s += loss.apply(phi, t.query()).item();
            }
        }
        return s / tasks.size();
    }

    @Test
    void mamlMetaGradientEqualsFiniteDifferencesOfTheMetaLoss() {
        Property.forAll("MAML meta-gradient = d meta-loss / d theta", 31L, 8, 4, c -> {
            Problem p = problem(c);
            int steps = 1 + c.intIn(0, 2);
            double lr = 0.1 + 0.3 * c.rng().nextDouble();
            MAML<XYBatch> maml = new MAML<>(p.loss(), lr, steps);
            Params grad;
            try (TaskPool pool = new TaskPool(1)) {
                grad = pool.step(maml, p.theta(), p.tasks()).gradient();
            }
            assertMatchesFiniteDifferences(grad, p.theta(), p.theta().names(),
                    t -> metaLoss(maml, t, p.tasks(), p.loss(), steps), c + " with " + steps + " inner steps, lr " + lr);
        });
    }

    @Test
    void firstOrderMamlEqualsMamlWhenTheInnerLearningRateIsZero() {
        Property.forAll("FOMAML = MAML at alpha = 0", 32L, 8, 4, c -> {
            Problem p = problem(c);
            assertSameGradient(new MAML<>(p.loss(), 0.0, 2), new FirstOrderMAML<>(p.loss(), 0.0, 2), p, 1e-15);
        });
    }

    @Test
    void mamlWithZeroInnerStepsIsPlainGradientDescentOnTheQueryLoss() {
        Property.forAll("MAML with 0 steps = grad of the mean query loss", 33L, 8, 4, c -> {
            Problem p = problem(c);
            Params got;
            try (TaskPool pool = new TaskPool(1)) {
                got = pool.step(new MAML<>(p.loss(), 0.5, 0), p.theta(), p.tasks()).gradient();
            }
            Tensor total = null;
            for (Task<XYBatch> t : p.tasks()) {
                Tensor l = p.loss().apply(p.theta(), t.query());
                total = total == null ? l : total.add(l);
            }
            Params want = Autodiff.grad(total.mul(1.0 / p.tasks().size()), p.theta(), false);
            for (String n : want.names()) {
                assertArrayEquals(want.get(n).toArray(), got.get(n).toArray(), 1e-14, c + ": " + n);
            }
        });
    }

    @Test
    void firstOrderMamlIsTheQueryGradientAtTheAdaptedParameters() {
        Property.forAll("FOMAML = grad L_query(phi) at phi", 34L, 6, 4, c -> {
            Problem p = problem(c);
            FirstOrderMAML<XYBatch> fo = new FirstOrderMAML<>(p.loss(), 0.2, 2);
            Task<XYBatch> task = p.tasks().get(0);
            MetaLearner.TaskResult r = fo.taskGradient(p.theta(), task);
            Params phi = fo.adapt(p.theta(), task.support(), 2).asVariables();
            Params want = Autodiff.grad(p.loss().apply(phi, task.query()), phi, false);
            for (String n : want.names()) {
                assertArrayEquals(want.get(n).toArray(), r.gradient().get(n).toArray(), 0.0, c + ": " + n);
            }
        });
    }

    @Test
    void metaSgdRateGradientEqualsFiniteDifferences() {
        Property.forAll("Meta-SGD d meta-loss / d alpha", 35L, 6, 3, c -> {
            Problem p = problem(c);
            MetaSGD<XYBatch> msgd = new MetaSGD<>(p.loss(), 0.2, 1, null);
            Params meta = msgd.initMeta(p.theta());
            Params grad;
            try (TaskPool pool = new TaskPool(1)) {
                grad = pool.step(msgd, meta, p.tasks()).gradient();
            }
            String rate = MetaSGD.RATE_PREFIX + p.theta().names().get(0);
            double h = 1e-4;
            double[] analytic = grad.get(rate).toArray();
            for (int e = 0; e < analytic.length; e++) {
                double up = metaLoss(msgd, shift(meta, rate, e, h), p.tasks(), p.loss(), 1);
                double down = metaLoss(msgd, shift(meta, rate, e, -h), p.tasks(), p.loss(), 1);
                double up2 = metaLoss(msgd, shift(meta, rate, e, 2 * h), p.tasks(), p.loss(), 1);
                double down2 = metaLoss(msgd, shift(meta, rate, e, -2 * h), p.tasks(), p.loss(), 1);
                double numeric = (down2 - 8 * down + 8 * up - up2) / (12 * h);
                assertEquals(numeric, analytic[e], 1e-7 + 1e-5 * Math.abs(numeric), c + ": " + rate + "[" + e + "]");
            }
        });
    }

    @Test
    void reptileMovesThetaTowardsTheAdaptedParameters() {
        Property.forAll("Reptile pseudo-gradient = theta - mean phi", 36L, 6, 4, c -> {
            Problem p = problem(c);
            Reptile<XYBatch> reptile = new Reptile<>(p.loss(), 0.1, 3);
            MetaStep r;
            try (TaskPool pool = new TaskPool(1)) {
                r = pool.step(reptile, p.theta(), p.tasks(), true);
            }
            assertEquals(p.tasks().size(), r.adapted().size(), c + ": one adapted parameter set per task");
            for (String n : p.theta().names()) {
                double[] theta = p.theta().get(n).toArray();
                double[] mean = new double[theta.length];
                for (Params phi : r.adapted()) {
                    double[] a = phi.get(n).toArray();
                    for (int e = 0; e < a.length; e++) {
                        mean[e] += a[e] / r.adapted().size();
                    }
                }
                double[] g = r.gradient().get(n).toArray();
                for (int e = 0; e < g.length; e++) {
                    assertEquals(theta[e] - mean[e], g[e], 1e-15, c + ": " + n + "[" + e + "]");
                }
            }
        });
    }

    @Test
    void anilAdaptsOnlyTheHead() {
        Property.forAll("ANIL leaves the body at theta", 37L, 4, 4, c -> {
            Problem p = problem(c);
            ANIL<XYBatch> anil = new ANIL<>(p.loss(), p.mlp().headNames(), 0.3, 2);
            Params phi = anil.adapt(p.theta(), p.tasks().get(0).support(), 2);
            assertArrayEquals(p.theta().get("W1").toArray(), phi.get("W1").toArray(), 0.0);
            assertTrue(!java.util.Arrays.equals(p.theta().get("W2").toArray(), phi.get("W2").toArray()));
        });
    }

    @Test
    void resultsAreBitIdenticalWithOneOrManyThreads() {
        Property.forAll("threads do not change a bit", 38L, 4, 4, c -> {
            Problem p = problem(c);
            MAML<XYBatch> maml = new MAML<>(p.loss(), 0.2, 2);
            MetaStep one, four;
            try (TaskPool a = new TaskPool(1); TaskPool b = new TaskPool(4)) {
                one = a.step(maml, p.theta(), p.tasks());
                four = b.step(maml, p.theta(), p.tasks());
            }
            assertEquals(Double.doubleToLongBits(one.metaLoss()), Double.doubleToLongBits(four.metaLoss()));
            for (String n : p.theta().names()) {
                assertArrayEquals(one.gradient().get(n).toArray(), four.gradient().get(n).toArray(), 0.0, n);
            }
        });
    }

    @Test
    void everyLearnersMetaStepEqualsItsTasksComputedOneByOne() {
        Property.forAll("a meta-step = its tasks one by one, averaged in order", 39L, 6, 4, c -> {
            Problem p = problem(c);
            List<String> head = List.of("W2", "b2");
            List<MetaLearner<XYBatch>> learners = List.of(new MAML<>(p.loss(), 0.2, 2),
                    new FirstOrderMAML<>(p.loss(), 0.2, 2), new Reptile<>(p.loss(), 0.2, 3),
                    new MetaSGD<>(p.loss(), 0.2, 2, null), new ANIL<>(p.loss(), head, 0.2, 2));
            for (MetaLearner<XYBatch> learner : learners) {
                MetaStepOracle.assertStepMatchesPlainLoop(learner, learner.initMeta(p.theta()), p.tasks(), c.toString());
            }
        });
    }

    private static void assertSameGradient(MetaLearner<XYBatch> a, MetaLearner<XYBatch> b, Problem p, double tol) {
        Params ga, gb;
        try (TaskPool pool = new TaskPool(1)) {
            ga = pool.step(a, p.theta(), p.tasks()).gradient();
            gb = pool.step(b, p.theta(), p.tasks()).gradient();
        }
        for (String n : ga.names()) {
            assertArrayEquals(ga.get(n).toArray(), gb.get(n).toArray(), tol, n);
        }
    }

    /**
     * Every entry of the named tensors of {@code grad} against the five-point central difference of
     * {@code objective} at {@code theta} (step 1e-4, error O(h^4)), within {@code 1e-7 + 1e-5 |numeric|}.
     */
    static void assertMatchesFiniteDifferences(Params grad, Params theta, List<String> names,
                                               java.util.function.ToDoubleFunction<Params> objective, String where) {
        double h = 1e-4;
        for (String name : names) {
            double[] analytic = grad.get(name).toArray();
            for (int e = 0; e < analytic.length; e++) {
                double[] f = new double[4];
                double[] shifts = {-2 * h, -h, h, 2 * h};
                for (int k = 0; k < 4; k++) {
                    f[k] = objective.applyAsDouble(shift(theta, name, e, shifts[k]));
                }
                double numeric = (f[0] - 8 * f[1] + 8 * f[2] - f[3]) / (12 * h);
                assertEquals(numeric, analytic[e], 1e-7 + 1e-5 * Math.abs(numeric), where + ": " + name + "[" + e + "]");
            }
        }
    }

    static Params shift(Params p, String name, int e, double h) {
        DMatrixRMaj m = p.get(name).data().copy();
        m.data[e] += h;
        return p.with(name, Tensor.variable(m));
    }
}
