package org.metarec.algorithms.rec.implicit;

import org.metarec.algorithms.rec.data.RatingBatch;

/**
 * BPR's training triples {@code (u, i, j)} as two aligned batches: row r of {@code positives} is user u with an item
 * i it chose, row r of {@code negatives} is the same user (the same slot) with an item j it did not.
 *
 * @param positives the (user, chosen item) rows
 * @param negatives the (user, sampled item) rows, aligned with {@code positives}
 */
public record PairBatch(RatingBatch positives, RatingBatch negatives) {

    /** Requires aligned batches: equal sizes, and the same user and slot in every row. */
    public PairBatch {
        if (positives == null || negatives == null) {
            throw new IllegalArgumentException("pair batch: expected positives and negatives, found a null");
        }
        if (positives.size() != negatives.size()) {
            throw new IllegalArgumentException("pair batch: expected as many negatives as positives (" + positives.size()
                    + "), found " + negatives.size());
        }
        int[] pu = positives.users(), nu = negatives.users(), ps = positives.slots(), ns = negatives.slots();
        for (int r = 0; r < pu.length; r++) {
            if (pu[r] != nu[r] || ps[r] != ns[r]) {
                throw new IllegalArgumentException("pair batch: expected row " + r + " to pair one user with two items, "
                        + "found user " + pu[r] + " (slot " + ps[r] + ") and user " + nu[r] + " (slot " + ns[r] + ")");
            }
        }
    }

    /**
     * The number of triples.
     *
     * @return N
     */
    public int size() {
        return positives.size();
    }

    /**
     * Both batches joined row-wise: another triple batch with the rows of {@code this} then those of {@code other}.
     *
     * @param other more triples
     * @return the joined batch
     */
    public PairBatch concat(PairBatch other) {
        return new PairBatch(positives.concat(other.positives), negatives.concat(other.negatives));
    }
}
