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

    @Test
    void cosineScheduleStartsAtTheBaseRateAndEndsAtTheMinimum() {
        CosineSchedule cos = new CosineSchedule(0.01, 0.001, 100);
        assertEquals(0.01, cos.at(1), 0.0);
        assertEquals(0.0055, cos.at(51), 1e-15);              // halfway: the mean of base and min
        assertEquals(0.001, cos.at(101), 1e-18);
        assertEquals(0.001, cos.at(5000), 1e-18);              // then constant
        for (long t = 2; t <= 101; t++) {
            assertTrue(cos.at(t) < cos.at(t - 1), "decreasing at step " + t);
        }
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(0.01, 0.02, 10));
    }

    @Test
    void adamAtAConstantScheduleIsAdamToTheBitAndFollowsASchedule() {
        Adam plain = new Adam(0.05, 0.9, 0.999, 1e-8);
        Adam constant = new Adam(LearningRateSchedule.constant(0.05), 0.9, 0.999, 1e-8);
        Params x = p(1, -2), y = p(1, -2);
        for (int t = 0; t < 5; t++) {
            x = plain.step(x, p(0.3 * t, -0.1));
            y = constant.step(y, p(0.3 * t, -0.1));
        }
        assertArrayEquals(x.get("w").toArray(), y.get("w").toArray(), 0.0);
        // First step of Adam moves by lr(1) * g / (|g| + eps); the second step uses lr(2).
        Adam scheduled = new Adam(step -> step == 1 ? 0.1 : 0.0125, 0.9, 0.999, 1e-8);
        Params z = scheduled.step(p(0), p(2));
        assertEquals(-0.1 * 2 / (2 + 1e-8), z.get("w").item(), 1e-15);
    }

    @Test
    void sgdFollowsItsScheduleAndRestoresItsStep() {
        SGD sgd = new SGD(new CosineSchedule(1.0, 0.5, 2));
        Params x = sgd.step(p(0), p(1));       // rate 1
        assertEquals(-1.0, x.get("w").item(), 0.0);
        SGD resumed = new SGD(new CosineSchedule(1.0, 0.5, 2));
        resumed.restore(sgd.state());
        Params y = resumed.step(x, p(1));      // rate at step 2: 0.75
        assertEquals(-1.75, y.get("w").item(), 1e-15);
        assertEquals(-1.75, sgd.step(x, p(1)).get("w").item(), 1e-15);
    }
}
