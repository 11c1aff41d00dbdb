package org.metarec.algorithms.meta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.data.XYBatch;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.check.Property;

/**
 * CAVIA's meta-gradient is the derivative of its meta-loss, the context starts at zero whatever the parameters
 * hold and gets no meta-gradient, and with a context that is an additive offset to every parameter it is MAML.
 */
class CAVIATest {

    /** An MLP whose first layer also sees a context vector: x -> mlp([x, 1 * ctx]). */
    private static TaskLoss<XYBatch> contextLoss(MetaLearnerPropertiesTest.Problem p) {
        return (params, b) -> {
            Tensor ctx = Ops.broadcastRows(params.get("ctx"), b.size());
            Params net = params.subset(p.theta().names());
            Tensor x = Ops.concatCols(b.x(), ctx);
            return Ops.mse(p.mlp().apply(net, x), b.y());
        };
    }

    private static MetaLearnerPropertiesTest.Problem withContextInput(Property.Case c) {
        MetaLearnerPropertiesTest.Problem p = MetaLearnerPropertiesTest.problem(c);
        int in = p.tasks().get(0).support().x().cols();
        int[] sizes = p.mlp().sizes();
        sizes[0] = in + 2;     // two context inputs
        org.metarec.autodiff.nn.MLP mlp = new org.metarec.autodiff.nn.MLP(sizes, org.metarec.autodiff.nn.Activation.TANH);
        return new MetaLearnerPropertiesTest.Problem(mlp, mlp.init(c.rng()), p.tasks(), null);
    }

    @Test
    void metaGradientEqualsFiniteDifferencesAndTheContextGetsNone() {
        Property.forAll("CAVIA meta-gradient = d meta-loss / d theta", 41L, 6, 3, c -> {
            MetaLearnerPropertiesTest.Problem p = withContextInput(c);
            TaskLoss<XYBatch> loss = contextLoss(p);
            CAVIA<XYBatch> cavia = new CAVIA<>(loss, List.of("ctx"), 0.3, 1 + c.intIn(0, 1));
            Params theta = cavia.initMeta(p.theta().with("ctx", c.matrix(1, 2, -1, 1)));
            assertArrayEquals(new double[2], theta.get("ctx").toArray(), 0.0, "initMeta zeroes the context");
            Params shifted = theta.with("ctx", Tensor.variable(c.matrix(1, 2, -1, 1).data()));
            Params grad;
            try (TaskPool pool = new TaskPool(1)) {
                grad = pool.step(cavia, shifted, p.tasks()).gradient();
                assertArrayEquals(new double[2], grad.get("ctx").toArray(), 0.0, "the context is not meta-learned");
                assertEquals(pool.step(cavia, theta, p.tasks()).metaLoss(), pool.step(cavia, shifted, p.tasks()).metaLoss(),
                        0.0, "every task starts at a zero context, whatever the parameters hold");
            }
            int steps = 1;
            CAVIA<XYBatch> oneStep = new CAVIA<>(loss, List.of("ctx"), 0.3, steps);
            try (TaskPool pool = new TaskPool(1)) {
                grad = pool.step(oneStep, theta, p.tasks()).gradient();
            }
            MetaLearnerPropertiesTest.assertMatchesFiniteDifferences(grad, theta, p.theta().names(),
                    t -> MetaLearnerPropertiesTest.metaLoss(oneStep, t, p.tasks(), loss, steps), c.toString());
        });
    }

    @Test
    void withAnOffsetToEveryParameterAsContextItIsMaml() {
        Property.forAll("CAVIA(context = offset of every parameter) = MAML", 42L, 6, 3, c -> {
            MetaLearnerPropertiesTest.Problem p = MetaLearnerPropertiesTest.problem(c);
            List<String> names = p.theta().names();
            LinkedHashMap<String, Tensor> all = new LinkedHashMap<>();
            List<String> offsets = new ArrayList<>();
            for (String n : names) {
                all.put(n, p.theta().get(n));
                all.put("d" + n, Tensor.variable(new org.ejml.data.DMatrixRMaj(p.theta().get(n).rows(), p.theta().get(n).cols())));
                offsets.add("d" + n);
            }
            // The model is linear in the context: it sees theta + delta, so d/d delta at delta = 0 is d/d theta.
            TaskLoss<XYBatch> offsetLoss = (params, b) -> {
                LinkedHashMap<String, Tensor> net = new LinkedHashMap<>();
                for (String n : names) {
                    net.put(n, params.get(n).add(params.get("d" + n)));
                }
                return p.loss().apply(Params.of(net), b);
            };
            int steps = 1 + c.intIn(0, 1);
            double lr = 0.2;
            MetaLearner.TaskResult cavia = new CAVIA<>(offsetLoss, offsets, lr, steps).taskGradient(Params.of(all), p.tasks().get(0));
            MetaLearner.TaskResult maml = new MAML<>(p.loss(), lr, steps).taskGradient(p.theta(), p.tasks().get(0));
            assertEquals(maml.queryLoss(), cavia.queryLoss(), 1e-13);
            for (String n : names) {
                assertArrayEquals(maml.gradient().get(n).toArray(), cavia.gradient().get(n).toArray(), 1e-12, c + ": " + n);
                double[] adapted = cavia.adapted().get(n).add(cavia.adapted().get("d" + n)).toArray();
                assertArrayEquals(maml.adapted().get(n).toArray(), adapted, 1e-13, c + ": adapted " + n);
            }
        });
    }

    @Test
    void aContextTheModelLacksIsNamed() {
        Property.forAll("CAVIA names a missing context", 43L, 1, 2, c -> {
            MetaLearnerPropertiesTest.Problem p = MetaLearnerPropertiesTest.problem(c);
            CAVIA<XYBatch> cavia = new CAVIA<>(p.loss(), List.of("ctx"), 0.1, 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> cavia.adapt(p.theta(), p.tasks().get(0).support(), 1));
            assertEquals("CAVIA: the model has no parameter 'ctx'; its parameters are " + p.theta().names(), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new CAVIA<>(p.loss(), List.of(), 0.1, 1));
        });
    }
}
