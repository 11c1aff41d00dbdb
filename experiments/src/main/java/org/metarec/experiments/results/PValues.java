package org.metarec.experiments.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The two-sided p-values of one method against the reference on one metric; each is null when the test does not
 * apply (the reference itself, fewer than two pairs, a pooled metric for the test over users, a method marked
 * identical to another).
 *
 * @param tSeeds        paired t-test over the per-seed means of the seeds both methods ran
 * @param wilcoxonSeeds Wilcoxon signed-rank test over the same per-seed means
 * @param wilcoxonUsers Wilcoxon signed-rank test over users, each counted once (its mean over its seeds), those
 *                      tested for both methods
 */
public record PValues(Double tSeeds, Double wilcoxonSeeds, Double wilcoxonUsers) {

    /** No tests. */
    public static final PValues NONE = new PValues(null, null, null);

    /** Requires each present value in [0, 1]. */
    public PValues {
        for (Double p : new Double[] {tSeeds, wilcoxonSeeds, wilcoxonUsers}) {
            if (p != null && !(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("expected a p-value in [0, 1], found " + p);
            }
        }
    }

    /** The present values, in component order. */
    public List<Double> present() {
        List<Double> out = new ArrayList<>();
        Arrays.asList(tSeeds, wilcoxonSeeds, wilcoxonUsers).forEach(p -> {
            if (p != null) {
                out.add(p);
            }
        });
        return out;
    }

    /** These p-values with the present ones replaced, in order, from {@code adjusted} starting at {@code from}. */
    PValues replaced(double[] adjusted, int from) {
        int i = from;
        Double t = tSeeds == null ? null : adjusted[i++];
        Double ws = wilcoxonSeeds == null ? null : adjusted[i++];
        Double wu = wilcoxonUsers == null ? null : adjusted[i];
        return new PValues(t, ws, wu);
    }
}
