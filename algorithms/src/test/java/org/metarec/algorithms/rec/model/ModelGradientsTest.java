package org.metarec.algorithms.rec.model;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.metarec.algorithms.meta.InnerLoop;
import org.metarec.algorithms.meta.MetaLearner;
import org.metarec.algorithms.meta.MetaMethod;
import org.metarec.algorithms.meta.MetaStepOracle;
import org.metarec.algorithms.meta.Task;
import org.metarec.algorithms.meta.TaskLoss;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.SlotMode;
import org.metarec.algorithms.rec.train.MetaLearning;
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
                MetaMethod.ANIL)) {
            MetaLearner<RatingBatch> learner = MetaLearning.learner(method, model, loss, 0.1, 2);
            MetaStepOracle.assertStepMatchesPlainLoop(learner, learner.initMeta(theta), tasks,
                    type + ", profiles " + profiles);
        }
    }
}
