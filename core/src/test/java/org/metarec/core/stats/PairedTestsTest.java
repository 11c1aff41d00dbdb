package org.metarec.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.metarec.core.random.Rng;
import org.junit.jupiter.api.Test;

class PairedTestsTest {

    @Test
    void tTestHandCheckedWithTwoDegreesOfFreedom() {
        // d = {1, 2, 3}: mean 2, s = 1, t = 2 / (1/sqrt 3) = sqrt 12. For df = 2 the t CDF is
        // 1/2 + t / (2 sqrt(2 + t^2)), so p = 1 - |t| / sqrt(2 + t^2) = 1 - sqrt(12/14).
        double[] a = {2, 4, 6};
        double[] b = {1, 2, 3};
        double expected = 1 - Math.sqrt(12.0 / 14.0);
        assertEquals(expected, PairedTests.pairedTTest(a, b), 1e-9);
        assertEquals(expected, PairedTests.pairedTTest(b, a), 1e-9, "two-sided: symmetric in a and b");
        PairedComparison c = PairedTests.compare(a, b);
        assertEquals(2.0, c.meanDifference(), 1e-15);
        assertEquals(Math.sqrt(12), c.tStatistic(), 1e-12);
        assertEquals(3, c.n());
    }

    @Test
    void allZeroDifferencesGiveOne() {
        double[] a = {0.3, 0.5, 0.9};
        PairedComparison c = PairedTests.compare(a, a.clone());
        assertEquals(1.0, c.tTestPValue());
        assertEquals(0.0, c.tStatistic());
        assertEquals(1.0, c.wilcoxonPValue());
        assertEquals(0, c.wilcoxon().nonZeroPairs());
    }

    @Test
    void constantNonZeroDifferencesGiveZeroForTheTTest() {
        assertEquals(0.0, PairedTests.pairedTTest(new double[] {2, 3, 4}, new double[] {1, 2, 3}));
    }

    @Test
    void wilcoxonExactAllPositive() {
        // n = 5, all differences positive: W+ = 15, only 1 of 2^5 sign patterns is as extreme on each side,
        // so p = 2/32.
        WilcoxonResult w = PairedTests.wilcoxonSignedRank(new double[] {1, 2, 3, 4, 5}, new double[5]);
        assertEquals(15.0, w.wPlus());
        assertEquals(0.0625, w.pValue(), 1e-15);
        assertTrue(w.exact());
    }

    @Test
    void wilcoxonExactHandCounted() {
        // d = 1..5 and -6: W+ = 15. P(W+ >= 15) = P(W+ <= 6) by symmetry; subsets of {1..6} with sum <= 6:
        // sums 0,1,2: one each; 3: {3},{1,2}; 4: {4},{1,3}; 5: {5},{1,4},{2,3}; 6: {6},{1,5},{2,4},{1,2,3}
        // = 14 of 64, so p = 2 * 14/64 = 0.4375.
        double[] a = {1, 2, 3, 4, 5, -6};
        WilcoxonResult w = PairedTests.wilcoxonSignedRank(a, new double[6]);
        assertEquals(15.0, w.wPlus());
        assertEquals(0.4375, w.pValue(), 1e-15);
    }

    @Test
    void wilcoxonDropsZeroDifferences() {
        // The zeros are dropped, leaving the all-positive n = 5 case above.
        double[] a = {1, 2, 0, 3, 4, 0, 5};
        WilcoxonResult w = PairedTests.wilcoxonSignedRank(a, new double[7]);
        assertEquals(5, w.nonZeroPairs());
        assertEquals(0.0625, w.pValue(), 1e-15);
    }

    @Test
    void wilcoxonWithTiesUsesTheCorrectedNormalApproximation() {
        // Ten equal positive differences: one tie group of t = 10, all ranks 5.5, W+ = 55, E = 27.5,
        // Var = 10*11*21/24 - (1000 - 10)/48 = 75.625; z = (27.5 - 0.5)/sqrt(75.625).
        double[] a = new double[10];
        java.util.Arrays.fill(a, 1.0);
        WilcoxonResult w = PairedTests.wilcoxonSignedRank(a, new double[10]);
        assertFalse(w.exact());
        assertEquals(55.0, w.wPlus());
        double z = 27.0 / Math.sqrt(75.625);
        double expected = 2 * (1 - new NormalDistribution(null, 0, 1).cumulativeProbability(z));
        assertEquals(expected, w.pValue(), 1e-12);
    }

    @Test
    void wilcoxonExactAndNormalAgreeRoughlyAtTheSwitchPoint() {
        // For n = 50 without ties both methods are available; they should agree to about 0.01.
        Rng rng = Rng.derive(9, "stats/wilcoxon");
        double[] a = new double[50];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i + 1) * (rng.nextDouble() < 0.65 ? 1 : -1);
        }
        WilcoxonResult exact = PairedTests.wilcoxonSignedRank(a, new double[50]);
        assertTrue(exact.exact());
        int n = 50;
        double mean = n * (n + 1) / 4.0;
        double sd = Math.sqrt(n * (n + 1.0) * (2 * n + 1) / 24.0);
        double z = (Math.abs(exact.wPlus() - mean) - 0.5) / sd;
        double normal = 2 * (1 - new NormalDistribution(null, 0, 1).cumulativeProbability(z));
        assertEquals(normal, exact.pValue(), 0.01, "seed 9");
    }

    @Test
    void pValuesAreUniformishUnderTheNullAndSmallUnderAShift() {
        int trials = 400;
        int tRejections = 0;
        int wRejections = 0;
        int shiftedDetected = 0;
        for (int trial = 0; trial < trials; trial++) {
            Rng rng = Rng.derive(trial, "stats/null");
            double[] a = new double[20];
            double[] b = new double[20];
            double[] shifted = new double[20];
            for (int i = 0; i < 20; i++) {
                a[i] = rng.nextGaussian();
                b[i] = rng.nextGaussian();
                shifted[i] = b[i] + 1.5;
            }
            PairedComparison c = PairedTests.compare(a, b);
            if (c.tTestPValue() < 0.05) {
                tRejections++;
            }
            if (c.wilcoxonPValue() < 0.05) {
                wRejections++;
            }
            if (PairedTests.compare(shifted, a).wilcoxonPValue() < 0.05) {
                shiftedDetected++;
            }
        }
        // Under H0 the rejection rate is 5%: 400 trials give sd sqrt(.05*.95/400) = 0.011; allow 5 sd.
        double tol = 5 * Math.sqrt(0.05 * 0.95 / trials);
        assertEquals(0.05, (double) tRejections / trials, tol, "seeds 0..399");
        assertEquals(0.05, (double) wRejections / trials, tol, "seeds 0..399");
        // A shift of 1.5 sd of the difference's scale (sd sqrt 2) is detected almost always at n = 20.
        assertTrue(shiftedDetected > 0.95 * trials, "seeds 0..399: detected " + shiftedDetected);
    }

    @Test
    void badInputsAreRejected() {
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> PairedTests.compare(new double[] {1, 2}, new double[] {1, 2, 3}));
        assertEquals("paired test: expected the same number of tasks for both methods, found 2 and 3",
                len.getMessage());
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> PairedTests.pairedTTest(new double[] {1}, new double[] {2}));
        assertEquals("paired test: expected at least 2 pairs, found 1", few.getMessage());
    }
}
