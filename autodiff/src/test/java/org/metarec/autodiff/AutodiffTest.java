package org.metarec.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The engine's contract: accumulation, depth, no-grad, detach, pruning and clear errors. */
class AutodiffTest {

    private static Tensor var(double... v) {
        return Tensor.variable(Tensor.row(v).data());
    }

    @Test
    void gradientsOfATensorUsedSeveralTimesAccumulate() {
        Tensor x = var(3.0);
        // f = x*x + x + x*x*x: f' = 2x + 1 + 3x^2 = 6 + 1 + 27 at x = 3
        Tensor f = x.mul(x).add(x).add(x.mul(x).mul(x)).sum();
        assertEquals(34.0, Autodiff.grad(f, x).get(0).item(), 0.0);
    }

    @Test
    void aHundredThousandNodeChainDoesNotOverflowTheStack() {
        Tensor x = var(1.0);
        Tensor h = x;
        for (int i = 0; i < 100_000; i++) {
            h = h.mul(1.0000001);
        }
        double want = Math.pow(1.0000001, 100_000);
        assertEquals(want, Autodiff.grad(h.sum(), x).get(0).item(), 1e-9);
    }

    @Test
    void secondDerivativeOfACubic() {
        Tensor x = var(2.0);
        Tensor f = x.pow(3).sum();                               // f'' = 6x = 12
        Tensor d1 = Autodiff.grad(f, List.of(x), true).get(0);   // 3x^2 = 12, with a graph
        assertTrue(d1.requiresGrad());
        assertEquals(12.0, d1.item(), 1e-12);
        assertEquals(12.0, Autodiff.grad(d1.sum(), x).get(0).item(), 1e-12);
    }

    @Test
    void withoutCreateGraphTheGradientIsAConstant() {
        Tensor x = var(2.0);
        Tensor d1 = Autodiff.grad(x.pow(3).sum(), List.of(x), false).get(0);
        assertFalse(d1.requiresGrad());
        assertTrue(d1.isLeaf());
    }

    @Test
    void noGradScopeRecordsNothingAndRestoresTheMode() {
        Tensor x = var(1.0, 2.0);
        Tensor y;
        try (GradMode.Scope s = GradMode.noGrad()) {
            y = x.mul(x);
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
        assertFalse(y.requiresGrad());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autodiff.grad(x.mul(y).sum(), List.of(y), false));
        assertTrue(e.getMessage().contains("does not require a gradient"), e.getMessage());
    }

    @Test
    void detachStopsGradients() {
        Tensor x = var(3.0);
        Tensor f = x.mul(x.detach()).sum();                      // d/dx (x * c) = c = 3
        assertEquals(3.0, Autodiff.grad(f, x).get(0).item(), 0.0);
    }

    @Test
    void nonScalarOutputIsRejectedClearly() {
        Tensor x = var(1.0, 2.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autodiff.grad(x.mul(x), x));
        assertEquals("grad: the output must be 1x1 (a scalar), found 1x2; use Autodiff.vjp to supply the output's gradient",
                e.getMessage());
    }

    @Test
    void anInputOutsideTheGraphIsRejectedUnlessAllowed() {
        Tensor x = var(1.0);
        Tensor unused = var(5.0, 6.0);
        Tensor f = x.mul(x).sum();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autodiff.grad(f, x, unused));
        assertTrue(e.getMessage().startsWith("grad: input 1 (1x2) is not part of the graph"), e.getMessage());
        List<Tensor> g = Autodiff.grad(f, List.of(x, unused), false, true);
        assertArrayEquals(new double[] {0, 0}, g.get(1).toArray(), 0.0);
    }

    @Test
    void shapeMismatchNamesTheOpAndBothShapes() {
        Tensor a = Tensor.zeros(2, 3);
        Tensor b = Tensor.zeros(4, 5);
        assertEquals("matmul: shapes 2x3 and 4x5 do not fit (columns of the first must equal rows of the second)",
                assertThrows(IllegalArgumentException.class, () -> a.matmul(b)).getMessage());
        assertEquals("add: shapes 2x3 and 4x5 differ (expected equal shapes)",
                assertThrows(IllegalArgumentException.class, () -> a.add(b)).getMessage());
        assertEquals("addRowVector: expected a 1x3 row vector to add to 2x3, found 4x5",
                assertThrows(IllegalArgumentException.class, () -> a.addRowVector(b)).getMessage());
    }

    /** A tensor that does not require a gradient is never asked for one: the rule sees need = false. */
    @Test
    void constantsAndUnrequestedBranchesCostNothingInBackward() {
        AtomicInteger asked = new AtomicInteger();
        Tensor data = Tensor.row(1.0, 2.0);
        Tensor w = var(0.5, 0.5);
        Tensor other = var(1.0, 1.0);
        Tensor spy = Tensor.result(Ops.mul(data, w).data(), "spy", (g, self, need) -> {
            assertFalse(need[0], "gradient of a constant was requested");
            assertTrue(need[1]);
            asked.incrementAndGet();
            return new Tensor[] {null, Ops.mul(g, data)};
        }, data, w);
        // 'other' requires a gradient but is not requested: its branch is pruned.
        Tensor otherBranch = Tensor.result(other.data(), "mustNotRun", (g, self, need) -> {
            throw new AssertionError("backward of an unrequested branch ran");
        }, other);
        Tensor f = spy.add(otherBranch).sum();
        assertArrayEquals(new double[] {1.0, 2.0}, Autodiff.grad(f, w).get(0).toArray(), 0.0);
        assertEquals(1, asked.get());
    }

    @Test
    void inputsAreNeverModified() {
        Tensor a = var(1.0, -2.0, 3.0);
        Tensor b = var(0.5, 0.25, -1.0);
        double[] before = a.toArray();
        Tensor f = a.mul(b).add(a).add(a.exp()).sum();
        Autodiff.grad(f, List.of(a, b), true);
        assertArrayEquals(before, a.toArray(), 0.0);
    }

    @Test
    void vjpOfANonScalarOutput() {
        Tensor x = var(1.0, 2.0, 3.0);
        Tensor y = x.mul(x);                                     // dy/dx = 2x, diagonal
        Tensor v = Tensor.row(1.0, 10.0, 100.0);
        List<Tensor> g = Autodiff.vjp(y, v, List.of(x), false, false);
        assertArrayEquals(new double[] {2.0, 40.0, 600.0}, g.get(0).toArray(), 0.0);
    }

    @Test
    void hessianVectorProductOfAQuadraticIsAv() {
        // f(x) = 1/2 x^T A x with symmetric A: H = A, so H v = A v.
        Tensor a = Tensor.of(new double[][] {{2, 1}, {1, 3}});
        Tensor x = Tensor.variable(Tensor.column(0.3, -0.7).data());
        Tensor f = x.transpose().matmul(a).matmul(x).mul(0.5);
        Tensor v = Tensor.column(1.0, 2.0);
        Tensor hv = Autodiff.hvp(f, List.of(x), List.of(v), false).get(0);
        assertArrayEquals(new double[] {4.0, 7.0}, hv.toArray(), 1e-15);
        // grad of ||grad f||^2 = 2 H grad f = 2 A A x
        Tensor gng = Autodiff.gradNormGrad(f, List.of(x), false).get(0);
        double[] ax = {2 * 0.3 + 1 * -0.7, 1 * 0.3 + 3 * -0.7};
        assertArrayEquals(new double[] {2 * (2 * ax[0] + ax[1]), 2 * (ax[0] + 3 * ax[1])}, gng.toArray(), 1e-15);
    }

    @Test
    void hvpOfGradIsTheHessianProductForItsOwnVariablesAndTheMixedProductForOthers() {
        // f(x, w) = (x . w)^2 / 2: grad_x f = s w with s = x . w; d/dw <s w, v> = (w . v) x + s v.
        double[] xs = {0.3, -0.7, 1.1}, ws = {0.5, 2.0, -0.4}, vs = {1.0, -2.0, 0.25};
        Tensor x = var(xs), w = var(ws), v = Tensor.row(vs);
        Tensor f = Functions.dot(x, w).pow(2).mul(0.5);
        List<Tensor> gx = Autodiff.grad(f, List.of(x), true, true);
        double s = 0, wv = 0;
        for (int i = 0; i < 3; i++) {
            s += xs[i] * ws[i];
            wv += ws[i] * vs[i];
        }
        double[] mixed = new double[3];
        for (int i = 0; i < 3; i++) {
            mixed[i] = wv * xs[i] + s * vs[i];
        }
        assertArrayEquals(mixed, Autodiff.hvpOfGrad(gx, List.of(v), List.of(w), false).get(0).toArray(), 1e-15);
        // With the gradient's own variables it is hvp, to the bit.
        assertArrayEquals(Autodiff.hvp(f, List.of(x), List.of(v), false).get(0).toArray(),
                Autodiff.hvpOfGrad(gx, List.of(v), List.of(x), false).get(0).toArray(), 0.0);
        // A direction of the wrong shape, or none, is named.
        assertThrows(IllegalArgumentException.class,
                () -> Autodiff.hvpOfGrad(gx, List.of(Tensor.row(1.0)), List.of(w), false));
        assertArrayEquals(new double[3], Autodiff.hvpOfGrad(List.of(), List.of(), List.of(w), false).get(0).toArray(), 0.0);
    }
}
