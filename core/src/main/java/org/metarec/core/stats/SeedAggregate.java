package org.metarec.core.stats;

import java.util.Arrays;
import java.util.List;

/**
 * A metric aggregated across seeds: the mean of each seed's per-task values, then the mean of those
 * per-seed means with a Student-t interval over seeds (the seeds, not the tasks, are the independent
 * replications).
 *
 * @param perSeedMeans the mean of each seed's values, in seed order
 * @param acrossSeeds mean of the per-seed means with its confidence interval (n = number of seeds)
 */
public record SeedAggregate(double[] perSeedMeans, ConfidenceInterval acrossSeeds) {

    /**
     * Validates and copies the per-seed means.
     *
     * @throws IllegalArgumentException if the number of per-seed means differs from the interval's n
     */
    public SeedAggregate {
        if (perSeedMeans == null || acrossSeeds == null) {
            throw new IllegalArgumentException("seed aggregate: expected per-seed means and an interval, found null");
        }
        if (perSeedMeans.length != acrossSeeds.n()) {
            throw new IllegalArgumentException("seed aggregate: expected " + acrossSeeds.n()
                    + " per-seed means, found " + perSeedMeans.length);
        }
        perSeedMeans = perSeedMeans.clone();
    }

    /**
     * Aggregates per-task values of several seeds at the 95% level.
     *
     * @param valuesPerSeed for each seed, its per-task values (each non-empty)
     * @return the aggregate
     */
    public static SeedAggregate of(List<double[]> valuesPerSeed) {
        return of(valuesPerSeed, StudentTInterval.DEFAULT_LEVEL);
    }

    /**
     * Aggregates per-task values of several seeds: mean per seed, then {@link StudentTInterval} over seeds.
     *
     * @param valuesPerSeed for each seed, its per-task values (each non-empty)
     * @param level the confidence level in (0, 1)
     * @return the aggregate
     * @throws IllegalArgumentException if there is no seed or a seed has no values
     */
    public static SeedAggregate of(List<double[]> valuesPerSeed, double level) {
        if (valuesPerSeed == null || valuesPerSeed.isEmpty()) {
            throw new IllegalArgumentException("seed aggregate: expected values of at least one seed, found none");
        }
        double[] means = new double[valuesPerSeed.size()];
        for (int s = 0; s < means.length; s++) {
            double[] values = valuesPerSeed.get(s);
            if (values == null || values.length == 0) {
                throw new IllegalArgumentException("seed aggregate, seed #" + s
                        + ": expected at least one value, found none");
            }
            means[s] = StudentTInterval.of(values, level).mean();
        }
        return new SeedAggregate(means, StudentTInterval.of(means, level));
    }

    /**
     * The per-seed means (a copy).
     *
     * @return the mean of each seed's values
     */
    @Override
    public double[] perSeedMeans() {
        return perSeedMeans.clone();
    }

    /**
     * Component-wise equality, comparing the per-seed means by content.
     *
     * @param o another object
     * @return true if equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof SeedAggregate other && Arrays.equals(perSeedMeans, other.perSeedMeans)
                && acrossSeeds.equals(other.acrossSeeds);
    }

    /**
     * Hash consistent with {@link #equals(Object)}.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(perSeedMeans) + acrossSeeds.hashCode();
    }

    /**
     * A readable description.
     *
     * @return e.g. {@code SeedAggregate[perSeedMeans=[1.0, 2.0], acrossSeeds=...]}
     */
    @Override
    public String toString() {
        return "SeedAggregate[perSeedMeans=" + Arrays.toString(perSeedMeans) + ", acrossSeeds="
                + acrossSeeds + "]";
    }
}
