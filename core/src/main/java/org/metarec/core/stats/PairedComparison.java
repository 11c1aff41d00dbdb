package org.metarec.core.stats;

/**
 * Paired comparison of two methods evaluated on the same tasks: differences d_i = a_i - b_i.
 *
 * @param n the number of pairs
 * @param meanDifference mean of d (positive: a is larger)
 * @param tStatistic the paired t statistic mean(d) / (sd(d) / sqrt(n)) (0 when every d is 0)
 * @param tTestPValue two-sided p-value of the paired t-test
 * @param wilcoxon the two-sided Wilcoxon signed-rank test
 */
public record PairedComparison(int n, double meanDifference, double tStatistic, double tTestPValue,
        WilcoxonResult wilcoxon) {

    /**
     * Validates the ranges.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public PairedComparison {
        if (n < 2) {
            throw new IllegalArgumentException("paired comparison: expected n >= 2, found " + n);
        }
        if (!(tTestPValue >= 0 && tTestPValue <= 1)) {
            throw new IllegalArgumentException("paired t-test: expected a p-value in [0, 1], found " + tTestPValue);
        }
        if (wilcoxon == null) {
            throw new IllegalArgumentException("paired comparison: expected a Wilcoxon result, found null");
        }
    }

    /**
     * Two-sided p-value of the Wilcoxon signed-rank test (shortcut for {@code wilcoxon().pValue()}).
     *
     * @return the p-value
     */
    public double wilcoxonPValue() {
        return wilcoxon.pValue();
    }
}
