package org.metarec.core.stats;

/**
 * Outcome of a two-sided Wilcoxon signed-rank test.
 *
 * @param nonZeroPairs pairs left after dropping zero differences (the n of the test)
 * @param wPlus sum of the ranks of |d| over positive differences d (ties get average ranks)
 * @param pValue two-sided p-value in [0, 1]
 * @param exact true if the p-value is from the exact null distribution, false if from the normal approximation
 */
public record WilcoxonResult(int nonZeroPairs, double wPlus, double pValue, boolean exact) {

    /**
     * Validates the ranges.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public WilcoxonResult {
        if (nonZeroPairs < 0) {
            throw new IllegalArgumentException("Wilcoxon: expected nonZeroPairs >= 0, found " + nonZeroPairs);
        }
        if (!(pValue >= 0 && pValue <= 1)) {
            throw new IllegalArgumentException("Wilcoxon: expected a p-value in [0, 1], found " + pValue);
        }
    }
}
