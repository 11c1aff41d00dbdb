package org.metarec.experiments.results;

/**
 * A method's mean of a metric over seeds: the mean of the per-seed means, with a 95% Student-t interval over
 * those means (df = seeds - 1), which does not exist for a single seed.
 *
 * @param seeds  the number of seeds, &ge; 1
 * @param users  the number of distinct test users (or tasks that are no users) over all seeds, 0 if unknown
 * @param mean   the mean over seeds of the per-seed means
 * @param ciLow  lower end of the interval, or null with one seed
 * @param ciHigh upper end of the interval, or null with one seed
 */
public record SeedStats(int seeds, int users, double mean, Double ciLow, Double ciHigh) {

    /** What a table shows, and summary.json says, in place of the interval of a single seed. */
    public static final String ONE_SEED = "n/a (1 seed)";

    /** Requires seeds &ge; 1, a finite mean, and an interval around it exactly when there are two seeds or more. */
    public SeedStats {
        if (seeds < 1 || users < 0 || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("expected seeds >= 1, users >= 0 and a finite mean, found seeds=" + seeds
                    + ", users=" + users + ", mean=" + mean);
        }
        if ((ciLow == null) != (ciHigh == null) || (ciLow == null) != (seeds == 1)) {
            throw new IllegalArgumentException("expected an interval exactly when there are 2 seeds or more, found " + seeds
                    + " seeds and [" + ciLow + ", " + ciHigh + "]");
        }
        if (ciLow != null && !(ciLow <= mean && mean <= ciHigh && Double.isFinite(ciLow) && Double.isFinite(ciHigh))) {
            throw new IllegalArgumentException("expected finite ci_low <= mean <= ci_high, found " + ciLow + " <= " + mean
                    + " <= " + ciHigh);
        }
    }

    /** True when there is an interval (two seeds or more). */
    public boolean hasInterval() {
        return ciLow != null;
    }

    /** Half the interval's width, or 0 without an interval (a plot then draws no error bar). */
    public double halfWidth() {
        return hasInterval() ? (ciHigh - ciLow) / 2 : 0.0;
    }

    /** The interval as a table shows it: {@code [low, high]}, or {@link #ONE_SEED}. */
    public String intervalText() {
        return hasInterval() ? Table.interval(ciLow, ciHigh) : ONE_SEED;
    }
}
