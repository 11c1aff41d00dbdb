package org.metarec.core.stats;

/**
 * A sample mean with a two-sided confidence interval [lower, upper] at the given level.
 *
 * @param mean the sample mean
 * @param lower lower end of the interval
 * @param upper upper end of the interval
 * @param level the confidence level in (0, 1), e.g. 0.95
 * @param n the number of values the mean was computed from
 */
public record ConfidenceInterval(double mean, double lower, double upper, double level, int n) {

    /**
     * Validates: finite values, lower &le; mean &le; upper, level in (0, 1), n &ge; 1.
     *
     * @throws IllegalArgumentException describing the first violated condition
     */
    public ConfidenceInterval {
        if (!Double.isFinite(mean) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
            throw new IllegalArgumentException("confidence interval: expected finite mean and bounds, found mean "
                    + mean + " in [" + lower + ", " + upper + "]");
        }
        if (!(lower <= mean && mean <= upper)) {
            throw new IllegalArgumentException("confidence interval: expected lower <= mean <= upper, found "
                    + lower + " <= " + mean + " <= " + upper);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level: expected a value in (0, 1), found " + level);
        }
        if (n < 1) {
            throw new IllegalArgumentException("confidence interval: expected n >= 1, found " + n);
        }
    }

    /**
     * Half the interval's width: (upper - lower) / 2.
     *
     * @return the half-width, &ge; 0
     */
    public double halfWidth() {
        return (upper - lower) / 2;
    }

    /**
     * Whether lower &le; x &le; upper.
     *
     * @param x a value
     * @return true if x is inside the closed interval
     */
    public boolean contains(double x) {
        return lower <= x && x <= upper;
    }
}
