package org.metarec.core.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Two-sided paired tests for two methods measured on the same tasks (values a_i and b_i of task i).
 *
 * <p>When every difference is zero there is no evidence of a difference and both tests return p = 1.
 */
public final class PairedTests {

    /** Largest number of non-zero pairs for which the exact Wilcoxon null distribution is used (as in R). */
    public static final int WILCOXON_EXACT_MAX_N = 50;

    private PairedTests() {
    }

    /**
     * Both tests at once, plus the mean difference.
     *
     * @param a values of the first method, one per task
     * @param b values of the second method on the same tasks, same order
     * @return the comparison
     */
    public static PairedComparison compare(double[] a, double[] b) {
        double[] d = differences(a, b);
        double t = tStatistic(d);
        return new PairedComparison(d.length, StudentTInterval.mean(d), t, tTestPValue(t, d.length),
                wilcoxonSignedRank(a, b));
    }

    /**
     * Two-sided p-value of the paired t-test: t = mean(d) / (sd(d) / sqrt(n)) with n - 1 degrees of freedom,
     * p = 2 * (1 - F_t(|t|)). All differences zero gives p = 1; constant non-zero differences give p = 0.
     *
     * @param a values of the first method
     * @param b values of the second method on the same tasks
     * @return the p-value in [0, 1]
     * @throws IllegalArgumentException for fewer than 2 pairs, unequal lengths or non-finite values
     */
    public static double pairedTTest(double[] a, double[] b) {
        double[] d = differences(a, b);
        return tTestPValue(tStatistic(d), d.length);
    }

    /**
     * The two-sided Wilcoxon signed-rank test (Wilcoxon, Biometrics Bulletin 1(6), 1945). Zero differences
     * are dropped; the remaining |d| are ranked with average ranks for ties; W+ is the rank sum of the
     * positive differences. With at most {@link #WILCOXON_EXACT_MAX_N} pairs and no ties the p-value is exact,
     * 2 * min(P(W &le; W+), P(W &ge; W+)) counted over all 2^n sign patterns; otherwise it is the normal
     * approximation with continuity correction and tie-corrected variance
     * n(n+1)(2n+1)/24 - sum(t^3 - t)/48. No non-zero difference gives p = 1.
     *
     * @param a values of the first method
     * @param b values of the second method on the same tasks
     * @return the test result
     * @throws IllegalArgumentException for fewer than 2 pairs, unequal lengths or non-finite values
     */
    public static WilcoxonResult wilcoxonSignedRank(double[] a, double[] b) {
        double[] d = differences(a, b);
        double[] nonZero = Arrays.stream(d).filter(x -> x != 0).toArray();
        int n = nonZero.length;
        if (n == 0) {
            return new WilcoxonResult(0, 0, 1.0, true);
        }
        double[] magnitudes = Arrays.stream(nonZero).map(Math::abs).toArray();
        Ranks ranks = Ranks.average(magnitudes);
        double wPlus = 0;
        for (int i = 0; i < n; i++) {
            if (nonZero[i] > 0) {
                wPlus += ranks.rank(i);
            }
        }
        if (n <= WILCOXON_EXACT_MAX_N && !ranks.hasTies()) {
            return new WilcoxonResult(n, wPlus, exactSignedRankPValue(n, (int) wPlus), true);
        }
        double mean = n * (n + 1) / 4.0;
        double variance = n * (n + 1.0) * (2 * n + 1) / 24.0 - ranks.tieCorrection() / 48.0;
        double z = Math.max(0.0, Math.abs(wPlus - mean) - 0.5) / Math.sqrt(variance);
        double p = 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(-z);
        return new WilcoxonResult(n, wPlus, Math.min(1.0, p), false);
    }

    /** Exact two-sided p-value: counts of rank subsets of {1..n} by sum, by dynamic programming. */
    private static double exactSignedRankPValue(int n, int wPlus) {
        int maxSum = n * (n + 1) / 2;
        // counts[s] = number of subsets of {1..n} with sum s; at most 2^50, exact in a double.
        double[] counts = new double[maxSum + 1];
        counts[0] = 1;
        for (int rank = 1; rank <= n; rank++) {
            for (int s = maxSum; s >= rank; s--) {
                counts[s] += counts[s - rank];
            }
        }
        double below = 0;
        for (int s = 0; s <= wPlus; s++) {
            below += counts[s];
        }
        double above = 0;
        for (int s = wPlus; s <= maxSum; s++) {
            above += counts[s];
        }
        double total = Math.scalb(1.0, n);
        return Math.min(1.0, 2 * Math.min(below, above) / total);
    }

    private static double tStatistic(double[] d) {
        double mean = StudentTInterval.mean(d);
        double ss = StudentTInterval.sumOfSquaredDeviations(d, mean);
        if (ss == 0) {
            // Constant differences: 0/0 means no difference at all, c/0 an infinitely clear one.
            return mean == 0 ? 0.0 : Math.copySign(Double.POSITIVE_INFINITY, mean);
        }
        double sd = Math.sqrt(ss / (d.length - 1));
        return mean / (sd / Math.sqrt(d.length));
    }

    private static double tTestPValue(double t, int n) {
        if (Double.isInfinite(t)) {
            return 0.0;
        }
        double p = 2 * new TDistribution(null, n - 1).cumulativeProbability(-Math.abs(t));
        return Math.min(1.0, p);
    }

    private static double[] differences(double[] a, double[] b) {
        if (a == null || b == null) {
            throw new IllegalArgumentException("paired test: expected two arrays, found null");
        }
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired test: expected the same number of tasks for both methods, found "
                    + a.length + " and " + b.length);
        }
        if (a.length < 2) {
            throw new IllegalArgumentException("paired test: expected at least 2 pairs, found " + a.length);
        }
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i]) || !Double.isFinite(b[i])) {
                throw new IllegalArgumentException("paired test, pair " + i + ": expected finite values, found "
                        + a[i] + " and " + b[i]);
            }
            d[i] = a[i] - b[i];
        }
        return d;
    }
}
