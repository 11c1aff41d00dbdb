package org.metarec.experiments.study.rec;

import java.util.Arrays;

/**
 * The sizes of a recommendation model.
 *
 * @param dim embedding (or latent) width, &ge; 1
 * @param hidden hidden layer widths, at least one, each &ge; 1
 * @param weightDecay weight of the embedding models' L2 penalty in every training loss, &ge; 0
 */
public record ModelSizes(int dim, int[] hidden, double weightDecay) {

    /** Validates and copies the widths. */
    public ModelSizes {
        if (dim < 1 || hidden == null || hidden.length == 0 || Arrays.stream(hidden).anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("model sizes: expected a width >= 1 and at least one hidden width >= 1, "
                    + "found " + dim + " and " + (hidden == null ? "null" : Arrays.toString(hidden)));
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("model sizes: expected weightDecay >= 0, found " + weightDecay);
        }
        hidden = hidden.clone();
    }

    /** The hidden widths (a copy). */
    @Override
    public int[] hidden() {
        return hidden.clone();
    }
}
