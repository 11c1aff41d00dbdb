package org.metarec.algorithms.rec.train;

import java.util.Arrays;

/**
 * Fine-tuning of a trained model on a cold-start user's support ratings: {@code steps} SGD steps at one
 * of {@code lrs}, the rate chosen on the validation users (0 means no fine-tuning).
 *
 * @param steps SGD steps on the support set, &ge; 0
 * @param lrs the candidate rates, at least one, each &ge; 0
 */
public record FineTuning(int steps, double[] lrs) {

    /** The default of the recommendation studies: 5 steps, the rate chosen among 0 (none), 0.03, 0.1, 0.3 and 1. */
    public static final FineTuning DEFAULT = new FineTuning(5, new double[] {0, 0.03, 0.1, 0.3, 1.0});

    /** Validates and copies the rates. */
    public FineTuning {
        if (steps < 0) {
            throw new IllegalArgumentException("fine-tuning steps: expected >= 0, found " + steps);
        }
        if (lrs == null || lrs.length == 0 || Arrays.stream(lrs).anyMatch(r -> !(r >= 0) || !Double.isFinite(r))) {
            throw new IllegalArgumentException("fine-tuning rates: expected at least one rate >= 0, found "
                    + (lrs == null ? "null" : Arrays.toString(lrs)));
        }
        lrs = lrs.clone();
    }

    /** The candidate rates (a copy). */
    @Override
    public double[] lrs() {
        return lrs.clone();
    }

    /** Only the first candidate rate: with K = 0 there is nothing to fine-tune on, so nothing to choose. */
    public FineTuning firstRateOnly() {
        return new FineTuning(steps, new double[] {lrs[0]});
    }
}
