package org.metarec.algorithms.optim;

/**
 * Cosine annealing of the learning rate from {@code base} to {@code min} over {@code steps} steps, then
 * {@code min}:
 * <pre>
 *   lr(t) = min + (base - min) * (1 + cos(pi * min(t - 1, steps) / steps)) / 2        t = 1, 2, ...
 * </pre>
 * so the first step uses {@code base} (computed as {@code base - (base - min)(1 - cos)/2}, which gives
 * {@code base} exactly). This is the schedule of Loshchilov and Hutter (SGDR, ICLR 2017)
 * without restarts, which MAML++ (Antoniou, Edwards and Storkey, ICLR 2019, section 4) uses for the
 * meta-optimiser's learning rate.
 *
 * @param base the first step's rate, &gt; 0
 * @param min the rate reached after {@code steps} steps, in (0, base]
 * @param steps the length of the annealing, &ge; 1 (usually the whole training budget)
 */
public record CosineSchedule(double base, double min, long steps) implements LearningRateSchedule {

    /** Requires {@code 0 < min <= base} and {@code steps >= 1}. */
    public CosineSchedule {
        if (!(min > 0) || !(min <= base) || steps < 1) {
            throw new IllegalArgumentException("cosine schedule: expected 0 < min <= base and steps >= 1, found base="
                    + base + ", min=" + min + ", steps=" + steps);
        }
    }

    @Override
    public double at(long step) {
        if (step < 1) {
            throw new IllegalArgumentException("cosine schedule: steps count from 1, found " + step);
        }
        double progress = Math.min(step - 1, steps) / (double) steps;
        return base - (base - min) * (1 - Math.cos(Math.PI * progress)) / 2;
    }
}
