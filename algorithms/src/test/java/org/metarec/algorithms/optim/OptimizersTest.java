package org.metarec.algorithms.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.junit.jupiter.api.Test;

class OptimizersTest {

    private static Params p(double... v) {
        return Params.of("w", Tensor.row(v).asVariable());
    }

    @Test
    void sgdStepsAgainstTheGradient() {
        Params next = new SGD(0.5).step(p(1, 2), p(2, -4));
        assertArrayEquals(new double[] {0, 4}, next.get("w").toArray(), 0.0);
        assertTrue(next.get("w").requiresGrad());
    }

    @Test
    void adamsFirstStepHasMagnitudeLrWhateverTheGradientScale() {
        // With bias correction, m1/(1-b1) = g and v1/(1-b2) = g^2, so the step is lr * g / (|g| + eps).
        Params next = new Adam(0.01).step(p(0, 0, 0), p(1e-3, -50, 7));
        double[] w = next.get("w").toArray();
        assertEquals(-0.01 * 1e-3 / (1e-3 + 1e-8), w[0], 1e-15);
        assertEquals(0.01 * 50 / (50 + 1e-8), w[1], 1e-15);
        assertEquals(-0.01 * 7 / (7 + 1e-8), w[2], 1e-15);
    }

    @Test
    void adamSecondStepMatchesTheFormula() {
        Adam adam = new Adam(0.1, 0.9, 0.999, 1e-8);
        Params x = adam.step(p(1.0), p(2.0));
        x = adam.step(x, p(-1.0));
        double m = 0.9 * 0.1 * 2 + 0.1 * -1, v = 0.999 * 0.001 * 4 + 0.001 * 1;
        double want = 1.0 - 0.1 * 2 / (2 + 1e-8) - 0.1 * (m / (1 - 0.81)) / (Math.sqrt(v / (1 - 0.999 * 0.999)) + 1e-8);
        assertEquals(want, x.get("w").item(), 1e-15);
    }

    @Test
    void adamStateRestoresExactly() {
        Adam a = new Adam(0.05);
        Params x = a.step(p(1, 2), p(0.3, -0.2));
        Adam b = new Adam(0.05);
        b.restore(a.state());
        Params ya = a.step(x, p(0.1, 0.4));
        Params yb = b.step(x, p(0.1, 0.4));
        assertArrayEquals(ya.get("w").toArray(), yb.get("w").toArray(), 0.0);
        assertEquals(2, b.steps());
    }

    @Test
    void clippingRescalesToTheMaximumNormOnlyWhenAbove() {
        Params g = Params.of("a", Tensor.row(3.0), "b", Tensor.row(4.0));
        assertEquals(5.0, GradClip.globalNorm(g), 0.0);
        assertSame(g, GradClip.clipGlobalNorm(g, 5.0));
        Params c = GradClip.clipGlobalNorm(g, 1.0);
        assertEquals(1.0, GradClip.globalNorm(c), 1e-15);
        assertEquals(0.6, c.get("a").item(), 1e-15);
    }

    @Test
    void invalidSettingsAreRejected() {
        assertEquals("SGD: learning rate must be > 0, found -1.0",
                assertThrows(IllegalArgumentException.class, () -> new SGD(-1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 1.0, 0.9, 1e-8));
    }
}
