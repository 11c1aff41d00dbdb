package org.metarec.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.metarec.core.random.Rng;
import org.junit.jupiter.api.Test;

class StudentTIntervalTest {

    @Test
    void twoValuesUseTheCauchyQuantile() {
        // df = 1 is the Cauchy distribution: t_{0.975,1} = tan(pi * (0.975 - 0.5)).
        // Values {0, 2}: mean 1, s = sqrt(2), s / sqrt(n) = 1.
        ConfidenceInterval ci = StudentTInterval.of(new double[] {0, 2});
        double t = Math.tan(Math.PI * 0.475);
        assertEquals(1.0, ci.mean(), 0.0);
        assertEquals(1 - t, ci.lower(), 1e-8);
        assertEquals(1 + t, ci.upper(), 1e-8);
        assertEquals(2, ci.n());
        assertEquals(0.95, ci.level());
    }

    @Test
    void threeValuesUseTheClosedFormForTwoDegreesOfFreedom() {
        // df = 2: t_p = (2p - 1) / sqrt(2 p (1 - p)); p = 0.975 gives 4.30265...
        // Values {1, 2, 3}: mean 2, s = 1, s / sqrt(3).
        double p = 0.975;
        double t = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
        ConfidenceInterval ci = StudentTInterval.of(new double[] {1, 2, 3});
        assertEquals(2.0, ci.mean(), 1e-15);
        assertEquals(t / Math.sqrt(3), ci.halfWidth(), 1e-8);
    }

    @Test
    void otherLevelsUseTheirQuantile() {
        // 90% with df = 1: t_{0.95,1} = tan(0.45 pi).
        ConfidenceInterval ci = StudentTInterval.of(new double[] {0, 2}, 0.90);
        assertEquals(Math.tan(Math.PI * 0.45), ci.halfWidth(), 1e-8);
    }

    @Test
    void oneValueGivesAZeroWidthInterval() {
        ConfidenceInterval ci = StudentTInterval.of(new double[] {0.7});
        assertEquals(0.7, ci.lower());
        assertEquals(0.7, ci.upper());
        assertEquals(1, ci.n());
    }

    @Test
    void constantValuesGiveTheExactConstant() {
        double[] v = new double[10];
        java.util.Arrays.fill(v, 0.1);
        ConfidenceInterval ci = StudentTInterval.of(v);
        assertEquals(0.1, ci.mean(), 0.0);
        assertEquals(0.0, ci.halfWidth(), 0.0);
    }

    @Test
    void noValuesIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StudentTInterval.of(new double[0]));
        assertEquals("mean with confidence interval: expected at least one value, found none", e.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> StudentTInterval.of(new double[] {1, Double.NaN}));
        assertEquals("values[1]: expected a finite number, found NaN", nan.getMessage());
        IllegalArgumentException level = assertThrows(IllegalArgumentException.class,
                () -> StudentTInterval.of(new double[] {1, 2}, 1.0));
        assertEquals("confidence level: expected a value in (0, 1), found 1.0", level.getMessage());
    }

    @Test
    void intervalContainsTheMeanAndShrinksWithMoreData() {
        for (long seed = 0; seed < 100; seed++) {
            Rng rng = Rng.derive(seed, "stats/ci");
            int n = 2 + rng.nextInt(50);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rng.nextGaussian(3, 2);
            }
            ConfidenceInterval ci = StudentTInterval.of(v);
            assertTrue(ci.contains(ci.mean()), "seed " + seed);
            assertTrue(ci.halfWidth() > 0, "seed " + seed);
            // Duplicating every value keeps the mean, lowers s/sqrt(n) and the t quantile: narrower interval.
            double[] doubled = new double[2 * n];
            System.arraycopy(v, 0, doubled, 0, n);
            System.arraycopy(v, 0, doubled, n, n);
            ConfidenceInterval wider = StudentTInterval.of(doubled);
            assertEquals(ci.mean(), wider.mean(), 1e-12, "seed " + seed);
            assertTrue(wider.halfWidth() < ci.halfWidth(), "seed " + seed);
        }
    }

    @Test
    void coverageIsCloseToTheNominalLevel() {
        // 2000 samples of size 5 from N(0,1): the 95% interval covers 0 in 95% of them, up to 5 standard errors.
        Rng rng = Rng.derive(2024, "stats/coverage");
        int trials = 2000;
        int covered = 0;
        for (int trial = 0; trial < trials; trial++) {
            double[] v = new double[5];
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextGaussian();
            }
            if (StudentTInterval.of(v).contains(0.0)) {
                covered++;
            }
        }
        assertEquals(0.95, (double) covered / trials, 5 * Math.sqrt(0.95 * 0.05 / trials), "seed 2024");
    }
}
