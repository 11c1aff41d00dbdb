package org.metarec.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.metarec.core.random.Rng;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    private static final double[] TRUTH = {5, 3, 4, 1};
    private static final double[] PREDICTED = {4.5, 2, 4, 3};

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void rankingIsByPredictionDescending() {
        assertArrayEquals(new int[] {0, 2, 3, 1}, RankingMetrics.rankByPrediction(TRUTH, PREDICTED));
    }

    @Test
    void ndcgHandComputed() {
        // Ranked true ratings 5, 4, 1, 3; ideal 5, 4, 3, 1.
        double dcg3 = 5 / log2(2) + 4 / log2(3) + 1 / log2(4);
        double idcg3 = 5 / log2(2) + 4 / log2(3) + 3 / log2(4);
        assertEquals(dcg3 / idcg3, RankingMetrics.ndcgAtK(TRUTH, PREDICTED, 3), 1e-12);
        // At k = 2 the top two are already ideal.
        assertEquals(1.0, RankingMetrics.ndcgAtK(TRUTH, PREDICTED, 2), 1e-12);
        // k beyond n uses all n items.
        double dcg4 = dcg3 + 3 / log2(5);
        double idcg4 = idcg3 + 1 / log2(5);
        assertEquals(dcg4 / idcg4, RankingMetrics.ndcgAtK(TRUTH, PREDICTED, 10), 1e-12);
    }

    @Test
    void hitRateAndPrecisionHandComputed() {
        // Ranked true ratings 5, 4, 1, 3; relevant means >= 4.
        assertEquals(1.0, RankingMetrics.hitRateAtK(TRUTH, PREDICTED, 1, 4));
        assertEquals(1.0, RankingMetrics.precisionAtK(TRUTH, PREDICTED, 1, 4));
        assertEquals(2.0 / 3, RankingMetrics.precisionAtK(TRUTH, PREDICTED, 3, 4), 1e-15);
        // k = 10 > n = 4: divide by 4, two relevant items.
        assertEquals(0.5, RankingMetrics.precisionAtK(TRUTH, PREDICTED, 10, 4), 1e-15);
        // A ranking that puts the two irrelevant items first misses at k = 2.
        double[] reversed = {1, 4, 2, 3};
        assertEquals(0.0, RankingMetrics.hitRateAtK(TRUTH, reversed, 2, 4));
        assertEquals(1.0, RankingMetrics.hitRateAtK(TRUTH, reversed, 3, 4));
        // No relevant item at all: hit rate 0.
        assertEquals(0.0, RankingMetrics.hitRateAtK(new double[] {1, 2}, new double[] {2, 1}, 5, 4));
    }

    @Test
    void aConstantPredictorScoresTheMeanOfARandomRankingNotTheWorstOne() {
        // Every position gets the mean gain (5 + 3 + 4 + 1) / 4 = 3.25; precision@2 is the share of relevant items.
        double[] constant = {3, 3, 3, 3};
        double idcg4 = 5 + 4 / log2(3) + 3 / log2(4) + 1 / log2(5);
        double expected = 3.25 * (1 + 1 / log2(3) + 1 / log2(4) + 1 / log2(5)) / idcg4;
        assertEquals(expected, RankingMetrics.ndcgAtK(TRUTH, constant, 4), 1e-12);
        double worst = (1 + 3 / log2(3) + 4 / log2(4) + 5 / log2(5)) / idcg4;
        assertTrue(RankingMetrics.ndcgAtK(TRUTH, constant, 4) > worst + 0.05, "no longer the pessimistic score");
        assertEquals(0.5, RankingMetrics.precisionAtK(TRUTH, constant, 2, 4), 1e-15);
        // Two places out of four, two relevant: P(no hit) = (2/4)(1/3) = 1/6.
        assertEquals(5.0 / 6, RankingMetrics.hitRateAtK(TRUTH, constant, 2, 4), 1e-15);
    }

    @Test
    void tiedMetricsEqualTheAverageOverEveryOrderingOfTheTies() {
        for (long seed = 0; seed < 200; seed++) {
            Rng rng = Rng.derive(seed, "metrics/ranking-ties");
            int n = 1 + rng.nextInt(6);
            double[] t = new double[n];
            double[] p = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = 1 + rng.nextInt(5);
                p[i] = rng.nextInt(3);   // few distinct values: many ties
            }
            for (int k : new int[] {1, 2, 3, 10}) {
                double[] brute = bruteForceOverTieOrderings(t, p, k);
                String where = "seed " + seed + ", n=" + n + ", k=" + k;
                assertEquals(brute[0], RankingMetrics.ndcgAtK(t, p, k), 1e-12, where + ": nDCG");
                assertEquals(brute[1], RankingMetrics.precisionAtK(t, p, k, 4), 1e-12, where + ": precision");
                assertEquals(brute[2], RankingMetrics.hitRateAtK(t, p, k, 4), 1e-12, where + ": hit rate");
            }
        }
    }

    /** Means of nDCG, precision and hit rate over every ranking consistent with {@code p}, each scored without ties. */
    private static double[] bruteForceOverTieOrderings(double[] t, double[] p, int k) {
        double[] sums = new double[3];
        int[] count = {0};
        permute(new int[t.length], new boolean[t.length], 0, perm -> {
            for (int r = 1; r < perm.length; r++) {
                if (p[perm[r]] > p[perm[r - 1]]) {
                    return;   // not an ordering of the predictions, only of their ties
                }
            }
            double[] strict = new double[t.length];
            for (int r = 0; r < perm.length; r++) {
                strict[perm[r]] = perm.length - r;
            }
            sums[0] += RankingMetrics.ndcgAtK(t, strict, k);
            sums[1] += RankingMetrics.precisionAtK(t, strict, k, 4);
            sums[2] += RankingMetrics.hitRateAtK(t, strict, k, 4);
            count[0]++;
        });
        return new double[] {sums[0] / count[0], sums[1] / count[0], sums[2] / count[0]};
    }

    private static void permute(int[] perm, boolean[] used, int at, java.util.function.Consumer<int[]> visit) {
        if (at == perm.length) {
            visit.accept(perm);
            return;
        }
        for (int i = 0; i < perm.length; i++) {
            if (!used[i]) {
                used[i] = true;
                perm[at] = i;
                permute(perm, used, at + 1, visit);
                used[i] = false;
            }
        }
    }

    @Test
    void rankingDoesNotDependOnInputOrderWhenPredictionsTie() {
        // The same items listed in two orders, with tied predictions, get the same metric values.
        double[] t1 = {5, 1, 4, 2};
        double[] p1 = {2, 2, 3, 3};
        double[] t2 = {2, 4, 1, 5};
        double[] p2 = {3, 3, 2, 2};
        assertEquals(RankingMetrics.ndcgAtK(t1, p1, 2), RankingMetrics.ndcgAtK(t2, p2, 2), 0.0);
        assertEquals(RankingMetrics.precisionAtK(t1, p1, 2, 4), RankingMetrics.precisionAtK(t2, p2, 2, 4), 0.0);
    }

    @Test
    void propertiesOnRandomTasks() {
        for (long seed = 0; seed < 300; seed++) {
            Rng rng = Rng.derive(seed, "metrics/ranking");
            int n = 1 + rng.nextInt(25);
            double[] t = new double[n];
            double[] p = new double[n];
            double[] monotone = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = 1 + rng.nextInt(5);
                p[i] = rng.nextInt(4) + rng.nextDouble();
                monotone[i] = 2 * p[i] + 7;
            }
            for (int k : new int[] {1, 3, 5, 10, 100}) {
                double ndcg = RankingMetrics.ndcgAtK(t, p, k);
                String where = "seed " + seed + ", n=" + n + ", k=" + k;
                assertTrue(ndcg >= 0 && ndcg <= 1, where + ": nDCG " + ndcg);
                assertEquals(1.0, RankingMetrics.ndcgAtK(t, t, k), 1e-12, where + ": perfect ranking");
                assertEquals(ndcg, RankingMetrics.ndcgAtK(t, monotone, k), 0.0,
                        where + ": nDCG must depend only on the order of predictions");
                double precision = RankingMetrics.precisionAtK(t, p, k, 4);
                double hit = RankingMetrics.hitRateAtK(t, p, k, 4);
                assertTrue(precision >= 0 && precision <= 1, where);
                assertTrue(hit >= 0 && hit <= 1 && (hit > 0) == (precision > 0), where + ": hit > 0 iff precision > 0");
            }
        }
    }

    @Test
    void negativeGainsCountAsZeroAndAllZeroGainsGiveZero() {
        assertEquals(0.0, RankingMetrics.ndcgAtK(new double[] {-1, 0}, new double[] {1, 2}, 2));
        // Gains (0, 2): ranking the 2 first is ideal even though the other item is negative.
        assertEquals(1.0, RankingMetrics.ndcgAtK(new double[] {-1, 2}, new double[] {0, 1}, 2), 1e-15);
    }

    @Test
    void cutoffMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RankingMetrics.ndcgAtK(TRUTH, PREDICTED, 0));
        assertEquals("cutoff k: expected >= 1, found 0", e.getMessage());
    }
}
