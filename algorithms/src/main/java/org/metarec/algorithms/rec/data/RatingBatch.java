package org.metarec.algorithms.rec.data;

import java.util.Arrays;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Tensor;

/**
 * A batch of rating rows as model inputs: per row the user, item and domain indices, the user's
 * slot in the model's user tables, the encoded features, the user's cross-domain profile and the
 * rating (an Nx1 target).
 *
 * <p>Slots: a model with per-user parameters (matrix factorisation) keeps them in tables whose row
 * {@code slot} a row uses. In the cold-start form the tables have one row and every slot is 0 (the
 * task's user, starting from a learned initialisation); in pooled training a slot is the user index.
 *
 * @param users user index per row
 * @param items item index per row
 * @param domains domain index per row
 * @param slots row of the model's user tables per row
 * @param userFeatures NxFu encoded user features, or null when users have no features
 * @param itemFeatures NxFi encoded item features, or null when items have no features
 * @param domainOneHot NxD one-hot of the row's domain
 * @param profile NxP cross-domain profile of the row's user, or null when the method uses none
 * @param ratings Nx1 ratings (zeros for candidates to be scored)
 */
public record RatingBatch(int[] users, int[] items, int[] domains, int[] slots, Tensor userFeatures,
        Tensor itemFeatures, Tensor domainOneHot, Tensor profile, Tensor ratings) {

    /** Validates that every column has one entry per row, and stores copies of the index arrays. */
    public RatingBatch {
        int n = users.length;
        if (items.length != n || domains.length != n || slots.length != n) {
            throw new IllegalArgumentException("rating batch: expected index arrays of equal length, found users " + n
                    + ", items " + items.length + ", domains " + domains.length + ", slots " + slots.length);
        }
        requireRows("userFeatures", userFeatures, n, true);
        requireRows("itemFeatures", itemFeatures, n, true);
        requireRows("domainOneHot", domainOneHot, n, false);
        requireRows("profile", profile, n, true);
        requireRows("ratings", ratings, n, false);
        if (ratings.cols() != 1) {
            throw new IllegalArgumentException("rating batch: expected ratings as an Nx1 column, found " + ratings.shape());
        }
        users = users.clone();
        items = items.clone();
        domains = domains.clone();
        slots = slots.clone();
    }

    private static void requireRows(String name, Tensor t, int n, boolean optional) {
        if (t == null) {
            if (!optional) {
                throw new IllegalArgumentException("rating batch: expected " + name + ", found null");
            }
            return;
        }
        if (t.rows() != n) {
            throw new IllegalArgumentException("rating batch: expected " + name + " with " + n + " rows, found "
                    + t.shape());
        }
    }

    /**
     * The number of rows.
     *
     * @return N
     */
    public int size() {
        return users.length;
    }

    /** The user indices, one per row (a copy). */
    @Override
    public int[] users() {
        return users.clone();
    }

    /** The item indices, one per row (a copy). */
    @Override
    public int[] items() {
        return items.clone();
    }

    /** The domain indices, one per row (a copy). */
    @Override
    public int[] domains() {
        return domains.clone();
    }

    /** The user-table slots, one per row (a copy). */
    @Override
    public int[] slots() {
        return slots.clone();
    }

    /**
     * The ratings as an array.
     *
     * @return a new array of length N
     */
    public double[] ratingValues() {
        return ratings.toArray();
    }

    /**
     * This batch's rows followed by {@code other}'s (Reptile's support-and-query set, pooled losses).
     *
     * @param other a batch with the same optional parts
     * @return the concatenation
     */
    public RatingBatch concat(RatingBatch other) {
        if (size() == 0) {
            return other;
        }
        if (other.size() == 0) {
            return this;
        }
        return new RatingBatch(join(users, other.users), join(items, other.items), join(domains, other.domains),
                join(slots, other.slots), stack("userFeatures", userFeatures, other.userFeatures),
                stack("itemFeatures", itemFeatures, other.itemFeatures), Ops.concatRows(domainOneHot, other.domainOneHot),
                stack("profile", profile, other.profile), Ops.concatRows(ratings, other.ratings));
    }

    private static int[] join(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Tensor stack(String name, Tensor a, Tensor b) {
        if ((a == null) != (b == null)) {
            throw new IllegalArgumentException("rating batch concat: expected both batches to have " + name
                    + " or neither, found it in one only");
        }
        return a == null ? null : Ops.concatRows(a, b);
    }
}
