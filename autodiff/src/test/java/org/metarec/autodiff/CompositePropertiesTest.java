package org.metarec.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.metarec.autodiff.check.GradCheck;
import org.metarec.autodiff.check.Property;
import org.junit.jupiter.api.Test;

/** Properties of gradients as a whole: linearity, the chain rule over random chains, symmetric Hessians. */
class CompositePropertiesTest {

    /** Smooth shape-preserving ops to chain at random (no kinks, no poles on bounded inputs). */
    private static final List<UnaryOperator<Tensor>> SMOOTH = List.of(
            Ops::tanh, Ops::sin, Ops::sigmoid, Ops::softplus, x -> x.mul(0.7), x -> x.add(0.3),
            x -> x.mul(x).mul(0.5), x -> x.mul(x.cos()), x -> x.exp().mul(0.2));

    @Test
    void gradientIsLinearInTheFunction() {
        Property.forAll("grad(a f + b g) = a grad f + b grad g", 21L, 12, 5, c -> {
            Tensor x = Tensor.variable(c.matrix(c.rows(), c.cols(), -1.5, 1.5).data());
            double a = 2 * c.rng().nextDouble() - 1, b = 2 * c.rng().nextDouble() - 1;
            Tensor f = x.sin().mul(x).sum();
            Tensor g = x.tanh().exp().sum();
            Tensor combined = f.mul(a).add(g.mul(b));
            double[] lhs = Autodiff.grad(combined, x).get(0).toArray();
            double[] gf = Autodiff.grad(x.sin().mul(x).sum(), x).get(0).toArray();
            double[] gg = Autodiff.grad(x.tanh().exp().sum(), x).get(0).toArray();
            for (int i = 0; i < lhs.length; i++) {
                assertEquals(a * gf[i] + b * gg[i], lhs[i], 1e-12 * (1 + Math.abs(lhs[i])), c + " entry " + i);
            }
        });
    }

    @Test
    void chainRuleHoldsOverRandomChainsOfOps() {
        Property.forAll("a random chain of ops, matmul and bias, to first and second order", 22L, 12, 4, c -> {
            SplittableRandom pick = new SplittableRandom(c.seed());
            int k = c.intIn(1, 4);
            Tensor x = c.matrix(c.rows(), k, -1, 1);
            Tensor w = c.matrix(k, c.cols(), -1, 1);
            Tensor b = c.matrix(1, c.cols(), -1, 1);
            List<UnaryOperator<Tensor>> chain = new ArrayList<>();
            for (int i = 0, n = 2 + pick.nextInt(4); i < n; i++) {
                chain.add(SMOOTH.get(pick.nextInt(SMOOTH.size())));
            }
            java.util.function.Function<List<Tensor>, Tensor> f = in -> {
                Tensor h = in.get(0).matmul(in.get(1)).addRowVector(in.get(2));
                for (UnaryOperator<Tensor> op : chain) {
                    h = op.apply(h);
                }
                return h.sumRows();
            };
            GradCheck.check(f, List.of(x, w, b));
            GradCheck.checkSecondOrder(f, List.of(x, w, b));
        });
    }

    @Test
    void hessianVectorProductsAreSymmetric() {
        Property.forAll("u . Hv == v . Hu", 23L, 12, 4, c -> {
            Tensor x = Tensor.variable(c.matrix(c.rows(), c.cols(), -1, 1).data());
            Tensor w = Tensor.variable(c.matrix(c.cols(), 2, -1, 1).data());
            Tensor y = c.matrix(c.rows(), 2, -1, 1);
            Tensor loss = Ops.mse(x.matmul(w).tanh(), y).add(Functions.sumOfSquares(w.sin()).mul(0.1));
            List<Tensor> params = List.of(x, w);
            List<Tensor> u = List.of(c.matrix(c.rows(), c.cols(), -1, 1), c.matrix(c.cols(), 2, -1, 1));
            List<Tensor> v = List.of(c.matrix(c.rows(), c.cols(), -1, 1), c.matrix(c.cols(), 2, -1, 1));
            List<Tensor> hv = Autodiff.hvp(loss, params, v, false);
            List<Tensor> hu = Autodiff.hvp(loss, params, u, false);
            double uHv = 0, vHu = 0;
            for (int i = 0; i < 2; i++) {
                uHv += Functions.dot(u.get(i), hv.get(i)).item();
                vHu += Functions.dot(v.get(i), hu.get(i)).item();
            }
            assertEquals(uHv, vHu, 1e-12 * (1 + Math.abs(uHv)), c.toString());
        });
    }

    @Test
    void thirdOrderOfASmoothNetworkMatchesFiniteDifferences() {
        Property.forAll("third derivative of tanh(x w) . y", 24L, 6, 3, c -> {
            Tensor x = c.matrix(c.rows(), c.cols(), -1, 1);
            Tensor w = c.matrix(c.cols(), 2, -1, 1);
            GradCheck.checkThirdOrder(in -> in.get(0).matmul(in.get(1)).tanh().sum(), List.of(x, w),
                    GradCheck.Options.defaults());
        });
    }
}
