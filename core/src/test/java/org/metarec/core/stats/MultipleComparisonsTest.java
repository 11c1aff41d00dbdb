package org.metarec.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MultipleComparisonsTest {

    /**
     * Worked by hand: p = (0.01, 0.04, 0.03, 0.005), m = 4. Sorted: 0.005, 0.01, 0.03, 0.04.
     * Holm: 4 * 0.005 = 0.02; 3 * 0.01 = 0.03; 2 * 0.03 = 0.06; max(0.06, 1 * 0.04) = 0.06.
     * BH: from the top, 4/4 * 0.04 = 0.04; min(0.04, 4/3 * 0.03 = 0.04) = 0.04; min(0.04, 4/2 * 0.01 = 0.02) = 0.02;
     * min(0.02, 4/1 * 0.005 = 0.02) = 0.02.
     */
    @Test
    void aHandComputedFamilyOfFour() {
        double[] p = {0.01, 0.04, 0.03, 0.005};
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, MultipleComparisons.holm(p), 1e-15);
        assertArrayEquals(new double[] {0.02, 0.04, 0.04, 0.02}, MultipleComparisons.benjaminiHochberg(p), 1e-15);
    }

    @Test
    void adjustedValuesAreCappedAtOneAndNeverBelowTheRawOnes() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int t = 0; t < 200; t++) {
            double[] p = new double[1 + rng.nextInt(12)];
            for (int i = 0; i < p.length; i++) {
                p[i] = rng.nextDouble();
            }
            double[] holm = MultipleComparisons.holm(p);
            double[] bh = MultipleComparisons.benjaminiHochberg(p);
            for (int i = 0; i < p.length; i++) {
                assertTrue(holm[i] >= p[i] && holm[i] <= 1 && bh[i] >= p[i] && bh[i] <= 1);
                assertTrue(bh[i] <= holm[i] + 1e-15, "BH is never more conservative than Holm");
                for (int j = 0; j < p.length; j++) {
                    if (p[i] <= p[j]) {
                        assertTrue(holm[i] <= holm[j] && bh[i] <= bh[j], "adjustment keeps the order");
                    }
                }
            }
        }
        assertArrayEquals(new double[] {0.3}, MultipleComparisons.holm(new double[] {0.3}), 0.0, "one test: unchanged");
        assertThrows(IllegalArgumentException.class, () -> MultipleComparisons.holm(new double[] {1.5}));
    }
}
