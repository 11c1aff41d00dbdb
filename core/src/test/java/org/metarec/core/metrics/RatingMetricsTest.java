package org.metarec.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.metarec.core.random.Rng;
import org.junit.jupiter.api.Test;

class RatingMetricsTest {

    // Errors |p - t| = 0.5, 1, 0, 2: MAE = 3.5/4 = 0.875, MSE = (0.25 + 1 + 0 + 4)/4 = 1.3125.
    private static final double[] TRUTH = {5, 3, 4, 1};
    private static final double[] PREDICTED = {4.5, 2, 4, 3};

    @Test
    void handComputedCase() {
        assertEquals(0.875, RatingMetrics.mae(TRUTH, PREDICTED), 1e-15);
        assertEquals(1.3125, RatingMetrics.mse(TRUTH, PREDICTED), 1e-15);
        assertEquals(Math.sqrt(1.3125), RatingMetrics.rmse(TRUTH, PREDICTED), 1e-15);
    }

    @Test
    void perfectPredictionHasZeroError() {
        assertEquals(0.0, RatingMetrics.mae(TRUTH, TRUTH));
        assertEquals(0.0, RatingMetrics.rmse(TRUTH, TRUTH));
    }

    @Test
    void maeNeverExceedsRmseOnRandomCases() {
        for (long seed = 0; seed < 200; seed++) {
            Rng rng = Rng.derive(seed, "metrics/mae-rmse");
            int n = 1 + rng.nextInt(30);
            double[] t = new double[n];
            double[] p = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = 1 + rng.nextInt(5);
                p[i] = rng.uniform(0, 6);
            }
            double mae = RatingMetrics.mae(t, p);
            double rmse = RatingMetrics.rmse(t, p);
            assertTrue(mae <= rmse + 1e-12, "seed " + seed + ": MAE " + mae + " > RMSE " + rmse);
        }
    }

    @Test
    void constantErrorMakesMaeEqualRmse() {
        // |e| = c for every item gives MAE = RMSE = c (equality case of the power-mean inequality).
        double[] t = {1, 2, 3};
        double[] p = {1.5, 1.5, 3.5};
        assertEquals(0.5, RatingMetrics.mae(t, p), 1e-15);
        assertEquals(0.5, RatingMetrics.rmse(t, p), 1e-15);
    }

    @Test
    void badInputsAreRejectedWithAClearMessage() {
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> RatingMetrics.mae(new double[] {1, 2}, new double[] {1}));
        assertEquals("metric inputs: expected truth and predicted of equal length, found 2 and 1", len.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> RatingMetrics.rmse(new double[0], new double[0]));
        assertEquals("metric inputs: expected at least one value, found none", empty.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> RatingMetrics.mae(new double[] {1, 2}, new double[] {1, Double.NaN}));
        assertEquals("predicted[1]: expected a finite number, found NaN", nan.getMessage());
    }
}
