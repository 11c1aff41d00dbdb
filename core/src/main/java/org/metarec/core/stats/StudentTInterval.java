package org.metarec.core.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The Student-t confidence interval for a mean: mean &plusmn; t_{(1+level)/2, n-1} * s / sqrt(n), with s the
 * sample standard deviation (denominator n - 1).
 *
 * <p>With a single value there is no estimate of spread; the interval is then [mean, mean] (width 0) and
 * should be read as "no interval", not as certainty. Zero values are an error.
 */
public final class StudentTInterval {

    /** The default confidence level, 95%. */
    public static final double DEFAULT_LEVEL = 0.95;

    private StudentTInterval() {
    }

    /**
     * The 95% interval for the mean of {@code values}.
     *
     * @param values finite values, at least one
     * @return the mean and its interval
     */
    public static ConfidenceInterval of(double[] values) {
        return of(values, DEFAULT_LEVEL);
    }

    /**
     * The interval for the mean of {@code values} at {@code level}.
     *
     * @param values finite values, at least one
     * @param level the confidence level in (0, 1)
     * @return the mean and its interval ([mean, mean] when there is one value)
     * @throws IllegalArgumentException for no values, a non-finite value or a level outside (0, 1)
     */
    public static ConfidenceInterval of(double[] values, double level) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("mean with confidence interval: expected at least one value, found none");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level: expected a value in (0, 1), found " + level);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("values[" + i + "]: expected a finite number, found "
                        + values[i]);
            }
        }
        int n = values.length;
        double mean = mean(values);
        if (n == 1) {
            return new ConfidenceInterval(mean, mean, mean, level, 1);
        }
        double sd = Math.sqrt(sumOfSquaredDeviations(values, mean) / (n - 1));
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability((1 + level) / 2);
        double half = t * sd / Math.sqrt(n);
        // min/max keep lower <= mean <= upper when the half-width underflows relative to the mean.
        return new ConfidenceInterval(mean, Math.min(mean, mean - half), Math.max(mean, mean + half), level, n);
    }

    /**
     * The arithmetic mean, accumulated with a second correction pass so that constant inputs give
     * exactly that constant.
     */
    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double correction = 0;
        for (double v : values) {
            correction += v - mean;
        }
        return mean + correction / values.length;
    }

    static double sumOfSquaredDeviations(double[] values, double mean) {
        double ss = 0;
        for (double v : values) {
            double d = v - mean;
            ss += d * d;
        }
        return ss;
    }
}
