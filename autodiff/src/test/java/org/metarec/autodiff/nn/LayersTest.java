package org.metarec.autodiff.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.check.GradCheck;
import org.junit.jupiter.api.Test;

/** The functional layers: names, shapes, purity, and their derivatives to second order. */
class LayersTest {

    @Test
    void mlpNamesItsParametersLikeTheReferenceCases() {
        MLP mlp = new MLP(new int[] {1, 40, 40, 1}, Activation.RELU);
        Params p = mlp.init(new SplittableRandom(1));
        assertEquals(List.of("W1", "b1", "W2", "b2", "W3", "b3"), p.names());
        assertEquals("{W1=1x40, b1=1x40, W2=40x40, b2=1x40, W3=40x1, b3=1x1}", p.toString());
        assertEquals(List.of("W3", "b3"), mlp.headNames());
        assertEquals(1 * 40 + 40 + 40 * 40 + 40 + 40 + 1, p.numel());
    }

    @Test
    void initIsFixedByTheGeneratorAndWithinTheFanInBound() {
        MLP mlp = new MLP(new int[] {3, 5, 2}, Activation.TANH);
        Params a = mlp.init(new SplittableRandom(9));
        Params b = mlp.init(new SplittableRandom(9));
        for (String n : a.names()) {
            assertArrayEquals(a.get(n).toArray(), b.get(n).toArray(), 0.0, n);
            assertTrue(a.get(n).requiresGrad(), n);
        }
        double bound = 1 / Math.sqrt(3);
        for (double v : a.get("W1").toArray()) {
            assertTrue(Math.abs(v) <= bound, "W1 entry " + v + " outside +-" + bound);
        }
    }

    @Test
    void applyIsPureAndUsesOnlyTheGivenParameters() {
        MLP mlp = new MLP(new int[] {2, 3, 1}, Activation.SIGMOID);
        Params p = mlp.init(new SplittableRandom(3));
        Tensor x = Tensor.of(new double[][] {{0.5, -1}, {2, 0.25}});
        double[] first = mlp.apply(p, x).toArray();
        Params shifted = p.map(t -> t.add(0.1));
        double[] other = mlp.apply(shifted, x).toArray();
        assertArrayEquals(first, mlp.apply(p, x).toArray(), 0.0);
        assertTrue(first[0] != other[0]);
    }

    @Test
    void linearComputesXwPlusB() {
        Linear layer = new Linear("W", "b", 2, 1);
        Params p = Params.of("W", Tensor.column(2.0, -1.0), "b", Tensor.scalar(0.5));
        assertArrayEquals(new double[] {2 * 3 - 4 + 0.5}, layer.apply(p, Tensor.row(3.0, 4.0)).toArray(), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.apply(p, Tensor.row(1.0, 2.0, 3.0)));
        assertEquals("Linear(W): expected inputs with 2 columns, found 1x3", e.getMessage());
    }

    @Test
    void embeddingGradientScatterAddsIntoTheLookedUpRowsOnly() {
        Embedding emb = new Embedding("E", 4, 2, 0.1);
        Params p = emb.init(new SplittableRandom(2));
        Tensor out = emb.apply(p, new int[] {1, 3, 1});
        Tensor g = Autodiff.grad(out.sum(), p.get("E")).get(0);
        assertArrayEquals(new double[] {0, 0, 2, 2, 0, 0, 1, 1}, g.toArray(), 0.0);
    }

    @Test
    void mlpLossHasCorrectFirstAndSecondDerivatives() {
        for (Activation act : new Activation[] {Activation.TANH, Activation.SIGMOID, Activation.SOFTPLUS}) {
            MLP mlp = new MLP(new int[] {3, 4, 2}, act);
            Params p = mlp.init(new SplittableRandom(act.ordinal()));
            SplittableRandom rng = new SplittableRandom(100 + act.ordinal());
            Tensor x = random(5, 3, rng);
            Tensor y = random(5, 2, rng);
            List<String> names = p.names();
            java.util.function.Function<List<Tensor>, Tensor> loss = in -> {
                Params q = Params.empty();
                for (int i = 0; i < names.size(); i++) {
                    q = q.with(names.get(i), in.get(i));
                }
                return Ops.mse(mlp.apply(q, x), y);
            };
            GradCheck.check(loss, p.tensors());
            GradCheck.checkSecondOrder(loss, p.tensors());
        }
    }

    private static Tensor random(int r, int c, SplittableRandom rng) {
        double[][] a = new double[r][c];
        for (double[] row : a) {
            for (int j = 0; j < c; j++) {
                row[j] = 2 * rng.nextDouble() - 1;
            }
        }
        return Tensor.of(a);
    }

}
