package org.metarec.algorithms.meta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.data.XYBatch;
import org.metarec.algorithms.meta.MetaLearnerPropertiesTest.Problem;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.autodiff.GradMode;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.check.Property;

/**
 * MAML++ pinned down by its meta-objective (finite differences, through every switch) and by the
 * special cases: with every switch off it is MAML to the bit, in its first-order phase it is
 * first-order MAML, after the annealing it is MAML again.
 */
class MAMLPlusPlusTest {

    /** The meta-objective as a plain function of (theta, rates): mean_i sum_s w_s L_query(adapt(meta, s + 1)). */
    private static double objective(MAMLPlusPlus<XYBatch> learner, Params meta, Problem p, double[] w) {
        double total = 0;
        for (Task<XYBatch> t : p.tasks()) {
            for (int s = 0; s < w.length; s++) {
                if (w[s] != 0) {
                    Params phi = learner.adapt(meta, t.support(), s + 1);
                    try (GradMode.Scope scope = GradMode.noGrad()) {
                        total += w[s] * p.loss().apply(phi, t.query()).item();
                    }
                }
            }
        }
        return total / p.tasks().size();
    }

    private static Params gradient(MetaLearner<XYBatch> learner, Params meta, Problem p) {
        try (TaskPool pool = new TaskPool(1)) {
            return pool.step(learner, meta, p.tasks()).gradient();
        }
    }

    /** Every entry of {@code grad} (or of the named ones) against a 4-point central difference of the objective. */
    private static void assertMatchesFiniteDifferences(MAMLPlusPlus<XYBatch> learner, Params meta, Problem p,
                                                       double[] w, List<String> names, String where) {
        MetaLearnerPropertiesTest.assertMatchesFiniteDifferences(gradient(learner, meta, p), meta, names,
                m -> objective(learner, m, p, w), where);
    }

    @Test
    void metaGradientWithLearnedRatesAndMultiStepLossEqualsFiniteDifferences() {
        Property.forAll("MAML++ gradient = d objective / d (theta, lr)", 61L, 6, 4, c -> {
            Problem p = MetaLearnerPropertiesTest.problem(c);
            int steps = 2 + c.intIn(0, 1);
            long annealing = 10;
            long iteration = c.intIn(0, 9);
            MAMLPlusPlus<XYBatch> learner = (MAMLPlusPlus<XYBatch>) new MAMLPlusPlus<>(p.loss(), 0.2, steps, null,
                    MAMLPlusPlus.Switches.of(true, true, annealing, 0)).atIteration(iteration);
            Params meta = randomRates(learner.initMeta(p.theta()), c.rng().nextLong());
            double[] w = MAMLPlusPlus.MultiStepLoss.annealed(annealing).weights(steps, iteration);
            assertMatchesFiniteDifferences(learner, meta, p, w, meta.names(),
                    c + ", " + steps + " steps, iteration " + iteration);
        });
    }

    @Test
    void theRateGradientOfOneFirstOrderStepIsExact() {
        // One step: phi = theta - lr g(theta), and g does not depend on lr, so first order loses nothing for lr.
        Property.forAll("first-order MAML++ d objective / d lr, one step", 62L, 6, 4, c -> {
            Problem p = MetaLearnerPropertiesTest.problem(c);
            MAMLPlusPlus<XYBatch> learner = new MAMLPlusPlus<>(p.loss(), 0.3, 1, null,
                    MAMLPlusPlus.Switches.of(true, false, 1, 5));
            Params meta = learner.initMeta(p.theta());
            List<String> rates = meta.names().stream().filter(n -> n.startsWith(MAMLPlusPlus.RATE_PREFIX)).toList();
            assertMatchesFiniteDifferences(learner, meta, p, new double[] {1}, rates, c.toString());
        });
    }

    @Test
    void withEverySwitchOffItIsMamlToTheBit() {
        Property.forAll("MAML++ without its changes = MAML", 63L, 8, 4, c -> {
            Problem p = MetaLearnerPropertiesTest.problem(c);
            int steps = c.intIn(0, 3);
            assertSameBits(new MAML<>(p.loss(), 0.25, steps),
                    new MAMLPlusPlus<>(p.loss(), 0.25, steps, null, MAMLPlusPlus.Switches.NONE), p, c.toString());
        });
    }

    @Test
    void afterTheAnnealingTheMultiStepLossIsMamlsLoss() {
        Property.forAll("MAML++ once the weights have moved to the last step = MAML", 64L, 6, 4, c -> {
            Problem p = MetaLearnerPropertiesTest.problem(c);
            MetaLearner<XYBatch> learner = new MAMLPlusPlus<>(p.loss(), 0.25, 3, null,
                    MAMLPlusPlus.Switches.of(false, true, 20, 0)).atIteration(20);
            assertSameBits(new MAML<>(p.loss(), 0.25, 3), learner, p, c.toString());
        });
    }

    @Test
    void derivativeOrderAnnealingIsFirstOrderMamlThenMaml() {
        Property.forAll("DA: first order for N iterations, then second order", 65L, 6, 4, c -> {
            Problem p = MetaLearnerPropertiesTest.problem(c);
            MAMLPlusPlus<XYBatch> learner = new MAMLPlusPlus<>(p.loss(), 0.25, 2, null,
                    MAMLPlusPlus.Switches.of(false, false, 1, 7));
            assertSameBits(new FirstOrderMAML<>(p.loss(), 0.25, 2), learner.atIteration(6), p, c + ", iteration 6");
            assertSameBits(new MAML<>(p.loss(), 0.25, 2), learner.atIteration(7), p, c + ", iteration 7");
        });
    }

    @Test
    void annealedWeightsStartUniformSumToOneAndEndOnTheLastStep() {
        MAMLPlusPlus.MultiStepLoss msl = MAMLPlusPlus.MultiStepLoss.annealed(100);
        for (int steps = 1; steps <= 5; steps++) {
            double[] first = msl.weights(steps, 0);
            for (double x : first) {
                assertEquals(1.0 / steps, x, 0.0, "uniform at iteration 0");
            }
            double[] previous = first;
            for (long t = 1; t <= 120; t++) {
                double[] w = msl.weights(steps, t);
                double sum = 0;
                for (int s = 0; s < steps; s++) {
                    sum += w[s];
                    assertTrue(s == steps - 1 ? w[s] >= previous[s] : w[s] <= previous[s], "weight moves to the last step");
                }
                assertEquals(1.0, sum, 1e-12, steps + " steps, iteration " + t);
                previous = w;
            }
            double[] end = msl.weights(steps, 100);
            assertEquals(1.0, end[steps - 1], 0.0);
            if (steps > 1) {
                // Just before the end the earlier steps sit at the floor 0.03 / k (the authors' value).
                assertEquals(0.03 / steps, msl.weights(steps, 99)[0], 1e-15);
            }
        }
    }

    @Test
    void metaStepEqualsItsTasksOneByOne() {
        Property.forAll("MAML++ meta-step = its tasks one by one", 66L, 4, 4, c -> {
            Problem p = MetaLearnerPropertiesTest.problem(c);
            MetaLearner<XYBatch> learner = new MAMLPlusPlus<>(p.loss(), 0.2, 2, null,
                    MAMLPlusPlus.Switches.of(true, true, 10, 0)).atIteration(3);
            MetaStepOracle.assertStepMatchesPlainLoop(learner, learner.initMeta(p.theta()), p.tasks(), c.toString());
        });
    }

    @Test
    void learnedRatesAreOnePerAdaptedTensorAndStepAtTheInnerRate() {
        Property.forAll("LSLR meta-parameters", 67L, 3, 3, c -> {
            Problem p = MetaLearnerPropertiesTest.problem(c);
            MAMLPlusPlus<XYBatch> learner = new MAMLPlusPlus<>(p.loss(), 0.07, 3, List.of("W2", "b2"),
                    MAMLPlusPlus.Switches.DEFAULT);
            Params meta = learner.initMeta(p.theta());
            assertEquals(p.theta().size() + 3 * 2, meta.size());
            assertEquals(0.07, meta.get("lr.2.b2").item(), 0.0);
            assertEquals(p.theta().names(), learner.modelParams(meta).names());
            Params phi = learner.adapt(meta, p.tasks().get(0).support(), 2);
            assertArrayEquals(p.theta().get("W1").toArray(), phi.get("W1").toArray(), 0.0, "W1 is not adapted");
        });
    }

    @Test
    void theAdaptationPathIsAdaptAtEveryStepToTheBit() {
        // One pass gives what adapt(meta, support, s) gives for every s, past the trained steps too (the last rates).
        Property.forAll("adaptationPath(meta, S, n).get(s) = adapt(meta, S, s)", 68L, 6, 4, c -> {
            Problem p = MetaLearnerPropertiesTest.problem(c);
            int trained = 1 + c.intIn(0, 2);
            MAMLPlusPlus<XYBatch> mamlpp = new MAMLPlusPlus<>(p.loss(), 0.2, trained, null, MAMLPlusPlus.Switches.DEFAULT);
            MetaSGD<XYBatch> metasgd = new MetaSGD<>(p.loss(), 0.2, trained, null);
            MAML<XYBatch> maml = new MAML<>(p.loss(), 0.2, trained);
            List<MetaLearner<XYBatch>> learners = List.of(mamlpp, metasgd, maml);
            List<Params> metas = List.of(randomRates(mamlpp.initMeta(p.theta()), c.rng().nextLong()),
                    metasgd.initMeta(p.theta()), p.theta());
            XYBatch support = p.tasks().get(0).support();
            for (int l = 0; l < learners.size(); l++) {
                MetaLearner<XYBatch> learner = learners.get(l);
                List<Params> path = learner.adaptationPath(metas.get(l), support, trained + 2);
                assertEquals(trained + 3, path.size(), c + ": " + learner.name() + " path length");
                for (int s = 0; s < path.size(); s++) {
                    Params want = learner.adapt(metas.get(l), support, s);
                    for (String n : want.names()) {
                        assertArrayEquals(want.get(n).toArray(), path.get(s).get(n).toArray(), 0.0,
                                c + ": " + learner.name() + ", step " + s + ", " + n);
                    }
                }
            }
        });
    }

    private static void assertSameBits(MetaLearner<XYBatch> want, MetaLearner<XYBatch> got, Problem p, String where) {
        MetaStep a, b;
        try (TaskPool pool = new TaskPool(1)) {
            a = pool.step(want, p.theta(), p.tasks(), true);
            b = pool.step(got, got.initMeta(p.theta()), p.tasks(), true);
        }
        assertEquals(Double.doubleToLongBits(a.metaLoss()), Double.doubleToLongBits(b.metaLoss()), where + ": loss");
        for (String n : p.theta().names()) {
            assertArrayEquals(a.gradient().get(n).toArray(), b.gradient().get(n).toArray(), 0.0, where + ": " + n);
            for (int i = 0; i < a.adapted().size(); i++) {
                assertArrayEquals(a.adapted().get(i).get(n).toArray(), b.adapted().get(i).get(n).toArray(), 0.0,
                        where + ": adapted " + n);
            }
        }
    }

    /** The rates at random values in [0.05, 0.4], so that each step's rate differs. */
    private static Params randomRates(Params meta, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        Params out = meta;
        for (String n : meta.names()) {
            if (n.startsWith(MAMLPlusPlus.RATE_PREFIX)) {
                out = out.with(n, Tensor.scalar(0.05 + 0.35 * rng.nextDouble()).asVariable());
            }
        }
        return out;
    }
}
