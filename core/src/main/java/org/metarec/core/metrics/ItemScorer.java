package org.metarec.core.metrics;

/** A method's scores of items for one user: higher means ranked earlier. */
@FunctionalInterface
public interface ItemScorer {

    /**
     * The scores of {@code items} for {@code user}.
     *
     * @param user a user index
     * @param items item indices; not modified
     * @return one finite score per item
     */
    double[] scores(int user, int[] items);
}
