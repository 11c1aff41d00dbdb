package org.metarec.algorithms.rec.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.metarec.algorithms.meta.ImplicitMAML;
import org.metarec.algorithms.meta.InnerLoop;
import org.metarec.algorithms.meta.MAMLPlusPlus;
import org.metarec.algorithms.meta.MetaLearner;
import org.metarec.algorithms.meta.MetaMethod;
import org.metarec.algorithms.meta.MetaStepOracle;
import org.metarec.algorithms.meta.Task;
import org.metarec.algorithms.meta.TaskLoss;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.SlotMode;
import org.metarec.algorithms.rec.train.MetaLearning;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.GradMode;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.check.GradCheck;

/**
 * Gradient checks of every model's loss against finite differences (GradCheck: five-point central
 * differences, analytic within 1e-6 + 1e-5 |numeric|): first order with respect to all parameters, in
 * the cold-start form and the pooled form; second order (the Hessian-vector products MAML's
 * meta-gradient contains); and MAML's meta-gradient through two differentiable inner steps on the
 * model's local parameters.
 */
class ModelGradientsTest {

    static Stream<Arguments> models() {
        return Stream.of("mf", "neumf", "feature_mlp", "melu")
                .flatMap(type -> Stream.of(Arguments.of(type, true), Arguments.of(type, false)));
    }

    private static final int[] SUPPORT = {0, 1, 2, 5};
    private static final int[] QUERY = {3, 4, 6, 7, 8};

    private static Function<List<Tensor>, Tensor> lossAt(RecModel model, Params like, RatingBatch batch) {
        TaskLoss<RatingBatch> loss = RatingLoss.of(model, 0.05);
        return xs -> loss.apply(like.withValues(xs), batch);
    }

    @ParameterizedTest(name = "{0}, profiles {1}")
    @MethodSource("models")
    void firstOrderInTheColdStartForm(String type, boolean profiles) {
        RecModel model = ModelFixture.model(type, profiles);
        Params p = ModelFixture.jitter(model.init(new SplittableRandom(11)), 0.3, 12);
        RatingBatch batch = ModelFixture.factory(profiles).rows(QUERY, SlotMode.SINGLE);
        GradCheck.check(lossAt(model, p, batch), p.tensors());
    }

    @ParameterizedTest(name = "{0}, profiles {1}")
    @MethodSource("models")
    void firstOrderInThePooledForm(String type, boolean profiles) {
        RecModel model = ModelFixture.model(type, profiles);
        Params p = ModelFixture.jitter(model.initPooled(new SplittableRandom(13), 4), 0.3, 14);
        RatingBatch batch = ModelFixture.factory(profiles).rows(new int[] {0, 2, 3, 4, 6, 8}, SlotMode.PER_USER);
        GradCheck.check(lossAt(model, p, batch), p.tensors());
    }

    @ParameterizedTest(name = "{0}, profiles {1}")
    @MethodSource("models")
    void secondOrder(String type, boolean profiles) {
        RecModel model = ModelFixture.model(type, profiles);
        Params p = ModelFixture.jitter(model.init(new SplittableRandom(15)), 0.3, 16);
        RatingBatch batch = ModelFixture.factory(profiles).rows(SUPPORT, SlotMode.SINGLE);
        GradCheck.checkSecondOrder(lossAt(model, p, batch), p.tensors());
    }

    @ParameterizedTest(name = "{0}, profiles {1}")
    @MethodSource("models")
    void mamlMetaGradientThroughTwoInnerStepsOnTheLocalParameters(String type, boolean profiles) {
        RecModel model = ModelFixture.model(type, profiles);
        Params theta = ModelFixture.jitter(model.init(new SplittableRandom(17)), 0.3, 18);
        TaskLoss<RatingBatch> loss = RatingLoss.of(model, 0.05);
        InnerLoop<RatingBatch> inner = new InnerLoop<>(loss, model.localParams());
        RatingBatch support = ModelFixture.factory(profiles).rows(SUPPORT, SlotMode.SINGLE);
        RatingBatch query = ModelFixture.factory(profiles).rows(QUERY, SlotMode.SINGLE);
        GradCheck.check(xs -> {
            Params t = theta.withValues(xs);
            Params phi = inner.run(t, t, support, 2, InnerLoop.StepSize.constant(0.1), InnerLoop.Batches.fullBatch(),
                    true);
            return loss.apply(phi, query);
        }, theta.tensors());
    }

    @ParameterizedTest(name = "{0}, profiles {1}")
    @MethodSource("models")
    void everyMetaLearnersStepEqualsItsTasksComputedOneByOne(String type, boolean profiles) {
        // Embedding gathers, concatenations and the models' own batches, through scratch memory.
        RecModel model = ModelFixture.model(type, profiles);
        Params theta = ModelFixture.jitter(model.init(new SplittableRandom(19)), 0.3, 20);
        TaskLoss<RatingBatch> loss = RatingLoss.of(model, 0.05);
        RatingBatch a = ModelFixture.factory(profiles).rows(SUPPORT, SlotMode.SINGLE);
        RatingBatch b = ModelFixture.factory(profiles).rows(QUERY, SlotMode.SINGLE);
        List<Task<RatingBatch>> tasks = List.of(new Task<>(a, b), new Task<>(b, a), new Task<>(a, a));
        for (MetaMethod method : List.of(MetaMethod.MAML, MetaMethod.FOMAML, MetaMethod.REPTILE, MetaMethod.METASGD,
                MetaMethod.ANIL, MetaMethod.MAMLPP, MetaMethod.IMAML)) {
            MetaLearner<RatingBatch> learner = MetaLearning.learner(method, model, loss, 0.1, 2);
            MetaStepOracle.assertStepMatchesPlainLoop(learner, learner.initMeta(theta), tasks,
                    type + ", profiles " + profiles);
        }
    }

    @ParameterizedTest(name = "{0}, profiles {1}")
    @MethodSource("models")
    void implicitMamlMetaGradientEqualsFiniteDifferencesOfTheConvergedMetaLossAlongRandomDirections(String type,
                                                                                                  boolean profiles) {
        // The rec studies' iMAML adapts the local parameters; the others (item embeddings, shared layers) get the
        // mixed term. Checked along random directions u (JAX's check_grads): <g, u> = d/dh F(theta + h u), with F the
        // query loss at the inner problem solved to rounding, over the adapted part, the shared part and both.
        RecModel model = ModelFixture.model(type, profiles);
        Params theta = ModelFixture.jitter(model.init(new SplittableRandom(21)), 0.3, 22);
        TaskLoss<RatingBatch> loss = RatingLoss.of(model, 0.05);
        // lambda large enough that the regularised inner problem is strongly convex, alpha (lambda + |H|) < 2, and
        // enough steps to reach rounding.
        int steps = 800;
        double lambda = 5.0;
        MetaLearning.Variants variants = new MetaLearning.Variants(MAMLPlusPlus.Switches.DEFAULT,
                new ImplicitMAML.Settings(lambda, 500, 1e-15));
        MetaLearner<RatingBatch> imaml = MetaLearning.learner(MetaMethod.IMAML, model, loss, 0.05, steps, variants);
        assertEquals(model.localParams(), imaml.adaptedNames(theta), "iMAML adapts the local parameters");
        RatingBatch support = ModelFixture.factory(profiles).rows(SUPPORT, SlotMode.SINGLE);
        RatingBatch query = ModelFixture.factory(profiles).rows(QUERY, SlotMode.SINGLE);
        Task<RatingBatch> task = new Task<>(support, query);
        Params grad = imaml.taskGradient(theta, task).gradient();
        Params phi = imaml.adapt(theta, support, steps);
        Params v = phi.subset(model.localParams()).asVariables();
        Params g = Autodiff.grad(loss.apply(phi.merge(v), support), v, false);
        for (String n : v.names()) {
            double[] gn = g.get(n).toArray(), pn = phi.get(n).toArray(), tn = theta.get(n).toArray();
            for (int e = 0; e < gn.length; e++) {
                assertEquals(0.0, gn[e] + lambda * (pn[e] - tn[e]), 1e-11, type + ": the inner problem has not converged");
            }
        }
        List<String> shared = theta.names().stream().filter(n -> !model.localParams().contains(n)).toList();
        SplittableRandom rng = new SplittableRandom(23);
        for (List<String> part : List.of(model.localParams(), shared, theta.names())) {
            if (part.isEmpty()) {
                continue;   // feature_mlp adapts every parameter: nothing is shared
            }
            Params u = theta.map(t -> Tensor.zeros(t.rows(), t.cols()));
            double predicted = 0;
            for (String n : part) {
                double[] d = new double[theta.get(n).size()];
                double[] gn = grad.get(n).toArray();
                for (int e = 0; e < d.length; e++) {
                    d[e] = rng.nextDouble(-1, 1);
                    predicted += gn[e] * d[e];
                }
                u = u.with(n, Tensor.constant(new org.ejml.data.DMatrixRMaj(theta.get(n).rows(), theta.get(n).cols(),
                        true, d)));
            }
            double h = 1e-4;
            double[] f = new double[4];
            double[] shifts = {-2 * h, -h, h, 2 * h};
            for (int k = 0; k < 4; k++) {
                double c = shifts[k];
                Params moved = theta.zip(u, (t, d) -> Tensor.variable(t.addScaled(c, d).detach().data()));
                Params adapted = imaml.adapt(moved, support, steps);
                try (GradMode.Scope scope = GradMode.noGrad()) {
                    f[k] = loss.apply(adapted, query).item();
                }
            }
            double numeric = (f[0] - 8 * f[1] + 8 * f[2] - f[3]) / (12 * h);
            assertEquals(numeric, predicted, 1e-7 + 1e-5 * Math.abs(numeric), type + ", profiles " + profiles
                    + ": along a random direction of " + part);
        }
    }
}
