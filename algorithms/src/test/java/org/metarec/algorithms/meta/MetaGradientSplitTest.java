package org.metarec.algorithms.meta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.data.XYBatch;
import org.metarec.algorithms.optim.GradClip;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.check.Property;
import org.metarec.autodiff.nn.Activation;
import org.metarec.autodiff.nn.MLP;

/**
 * The split of MAML's meta-gradient: its first-order part is first-order MAML's meta-gradient to
 * the bit, the two parts add up to the full meta-gradient, and on a quadratic loss the part through
 * the inner updates is the closed form {@code ((I - alpha H)^k - I) grad L_query(phi)}.
 */
class MetaGradientSplitTest {

    @Test
    void firstOrderPartIsFirstOrderMamlsMetaGradientToTheBit() {
        Property.forAll("first-order part == FOMAML", 41L, 10, 4, c -> {
            MetaLearnerPropertiesTest.Problem p = MetaLearnerPropertiesTest.problem(c);
            int steps = 1 + c.intIn(0, 2);
            double lr = 0.05 + 0.3 * c.rng().nextDouble();
            List<String> adapted = c.rng().nextBoolean() ? null : p.mlp().headNames();
            MetaLearnerSettings<XYBatch> s = MetaLearnerSettings.of(p.loss(), lr, steps).withAdapted(adapted);
            for (Task<XYBatch> task : p.tasks()) {
                MetaGradientSplit split = MetaGradientSplit.of(s, p.theta(), task);
                Params fomaml = new FirstOrderMAML<>(p.loss(), lr, steps, adapted).taskGradient(p.theta(), task).gradient();
                for (String name : p.theta().names()) {
                    assertArrayEquals(fomaml.get(name).toArray(), split.firstOrder().get(name).toArray(), 0.0, name);
                    assertArrayEquals(fomaml.get(name).toArray(), split.fomaml().get(name).toArray(), 0.0, name);
                    double[] full = split.full().get(name).toArray();
                    double[] fo = split.firstOrder().get(name).toArray();
                    double[] inner = split.throughInner().get(name).toArray();
                    for (int i = 0; i < full.length; i++) {
                        assertEquals(full[i], fo[i] + inner[i], 1e-15 * (1 + Math.abs(full[i])), name + "[" + i + "]");
                    }
                }
            }
        });
    }

    /**
     * A linear model {@code y = x W + b} with MSE: the support loss is quadratic, its Hessian over
     * {@code [W; b]} is the constant {@code H = (2/n) A^T A} with {@code A = [X 1]}, so after {@code k}
     * steps the part through the inner updates is {@code ((I - alpha H)^k - I) grad L_query(phi)}.
     */
    @Test
    void onAQuadraticLossThePartThroughTheInnerUpdatesIsTheClosedForm() {
        Property.forAll("Hessian term of a quadratic", 43L, 8, 5, c -> {
            int d = 1 + c.intIn(0, 3), n = c.rows() + 2, steps = 1 + c.intIn(0, 3);
            double alpha = 0.02 + 0.1 * c.rng().nextDouble();
            MLP linear = new MLP(new int[] {d, 1}, Activation.TANH);   // no hidden layer: no activation applied
            Params theta = linear.init(c.rng());
            Tensor xs = c.matrix(n, d, -1, 1), ys = c.matrix(n, 1, -1, 1);
            Task<XYBatch> task = new Task<>(new XYBatch(xs, ys),
                    new XYBatch(c.matrix(n, d, -1, 1), c.matrix(n, 1, -1, 1)));
            TaskLoss<XYBatch> loss = (p, b) -> Ops.mse(linear.apply(p, b.x()), b.y());
            MetaGradientSplit split = MetaGradientSplit.of(MetaLearnerSettings.of(loss, alpha, steps), theta, task);

            DMatrixRMaj a = new DMatrixRMaj(n, d + 1);       // [X 1]
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    a.set(i, j, xs.get(i, j));
                }
                a.set(i, d, 1.0);
            }
            DMatrixRMaj h = new DMatrixRMaj(d + 1, d + 1);
            CommonOps_DDRM.multTransA(2.0 / n, a, a, h);
            DMatrixRMaj step = CommonOps_DDRM.identity(d + 1);   // I - alpha H
            CommonOps_DDRM.addEquals(step, -alpha, h);
            DMatrixRMaj power = CommonOps_DDRM.identity(d + 1);
            for (int s = 0; s < steps; s++) {
                DMatrixRMaj next = new DMatrixRMaj(d + 1, d + 1);
                CommonOps_DDRM.mult(power, step, next);
                power = next;
            }
            CommonOps_DDRM.subtractEquals(power, CommonOps_DDRM.identity(d + 1));
            DMatrixRMaj gq = new DMatrixRMaj(d + 1, 1);          // grad L_query(phi) as [dW; db]
            for (int j = 0; j < d; j++) {
                gq.set(j, 0, split.firstOrder().get("W1").get(j, 0));
            }
            gq.set(d, 0, split.firstOrder().get("b1").get(0, 0));
            DMatrixRMaj want = new DMatrixRMaj(d + 1, 1);
            CommonOps_DDRM.multTransA(power, gq, want);          // the power is symmetric; transposed as the formula says

            double scale = 1e-12 * (1 + CommonOps_DDRM.elementMaxAbs(want));
            for (int j = 0; j < d; j++) {
                assertEquals(want.get(j, 0), split.throughInner().get("W1").get(j, 0), scale, "W1[" + j + "]");
            }
            assertEquals(want.get(d, 0), split.throughInner().get("b1").get(0, 0), scale, "b1");
            assertTrue(CommonOps_DDRM.elementMaxAbs(want) > 1e-6, "the Hessian term is not negligible here");
        });
    }

    @Test
    void withoutInnerStepsNothingComesThroughTheInnerUpdates() {
        Property.forAll("no inner steps", 47L, 4, 3, c -> {
            MetaLearnerPropertiesTest.Problem p = MetaLearnerPropertiesTest.problem(c);
            MetaGradientSplit split = MetaGradientSplit.of(MetaLearnerSettings.of(p.loss(), 0.3, 0), p.theta(),
                    p.tasks().get(0));
            assertEquals(0.0, GradClip.globalNorm(split.throughInner()), 0.0);
            assertEquals(1.0, MetaGradientSplit.cosine(split.full(), split.fomaml()), 1e-12);
        });
    }
}
