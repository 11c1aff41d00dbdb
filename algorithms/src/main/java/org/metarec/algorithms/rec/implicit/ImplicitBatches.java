package org.metarec.algorithms.rec.implicit;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.metarec.algorithms.rec.data.HiddenRowException;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.SlotMode;
import org.metarec.autodiff.Tensor;
import org.metarec.core.data.Interactions;

/**
 * Builds the batches of implicit feedback for models without side features (matrix factorisation): positives are rows
 * of the data (label 1), negatives are (user, item) pairs that are not (label 0). Like
 * {@link org.metarec.algorithms.rec.data.BatchFactory}, a factory can hide rows: a hidden row never becomes a positive,
 * which is the study's guard that held-out interactions reach neither training nor selection.
 */
public final class ImplicitBatches {

    private final Interactions data;
    private final boolean[] hidden;

    /**
     * A factory that hides nothing.
     *
     * @param data the interactions whose rows are positives
     */
    public ImplicitBatches(Interactions data) {
        this(data, null);
    }

    private ImplicitBatches(Interactions data, boolean[] hidden) {
        this.data = data;
        this.hidden = hidden;
    }

    /**
     * A factory that refuses {@code rows} as positives (and whatever this one refuses).
     *
     * @param rows rows of the data
     * @return the restricted factory
     */
    public ImplicitBatches hiding(int[] rows) {
        boolean[] h = hidden == null ? new boolean[data.size()] : hidden.clone();
        for (int r : rows) {
            h[r] = true;
        }
        return new ImplicitBatches(data, h);
    }

    /**
     * Whether row {@code row} is hidden from this factory.
     *
     * @param row a row of the data
     * @return true if it may not be a positive
     */
    public boolean isHidden(int row) {
        return hidden != null && hidden[row];
    }

    /**
     * The interactions.
     *
     * @return the data
     */
    public Interactions data() {
        return data;
    }

    /**
     * Positives then negatives, for binary cross-entropy: the rows (label 1) and, for row k, the items
     * {@code negatives[k * m .. (k + 1) * m)} of the same user and domain (label 0), with {@code m =
     * negatives.length / rows.length}.
     *
     * @param rows the positive rows
     * @param negatives m sampled items per row, row by row
     * @param mode which user-table row each row uses
     * @return the (user, item, label) batch
     * @throws HiddenRowException if a row is hidden from this factory
     */
    public RatingBatch labelled(int[] rows, int[] negatives, SlotMode mode) {
        int m = perRow(rows, negatives);
        int n = rows.length * (1 + m);
        int[] u = new int[n];
        int[] it = new int[n];
        int[] d = new int[n];
        double[] y = new double[n];
        for (int k = 0; k < rows.length; k++) {
            int r = visible(rows[k]);
            u[k] = data.user(r);
            it[k] = data.item(r);
            d[k] = data.domain(r);
            y[k] = 1;
            for (int j = 0; j < m; j++) {
                int at = rows.length + k * m + j;
                u[at] = u[k];
                it[at] = negatives[k * m + j];
                d[at] = d[k];
            }
        }
        return batch(u, it, d, slots(u, mode), y);
    }

    /**
     * BPR triples: row k pairs the positive row {@code rows[k]} with the sampled item {@code negatives[k]}.
     *
     * @param rows the positive rows
     * @param negatives one sampled item per row
     * @param mode which user-table row each row uses
     * @return the triples
     * @throws HiddenRowException if a row is hidden from this factory
     */
    public PairBatch pairs(int[] rows, int[] negatives, SlotMode mode) {
        if (negatives.length != rows.length) {
            throw new IllegalArgumentException("implicit batches: expected one negative per positive row (" + rows.length
                    + "), found " + negatives.length);
        }
        int n = rows.length;
        int[] u = new int[n];
        int[] it = new int[n];
        int[] d = new int[n];
        for (int k = 0; k < n; k++) {
            int r = visible(rows[k]);
            u[k] = data.user(r);
            it[k] = data.item(r);
            d[k] = data.domain(r);
        }
        int[] s = slots(u, mode);
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        return new PairBatch(batch(u, it, d, s, ones), batch(u, negatives.clone(), d, s, new double[n]));
    }

    /**
     * Items to score for one user in one domain (labels 0), in the given user-table slot.
     *
     * @param user the user index
     * @param slot the user-table row (0 in the cold-start form)
     * @param domain the domain index
     * @param items the items
     * @return the batch
     */
    public RatingBatch candidates(int user, int slot, int domain, int[] items) {
        int n = items.length;
        int[] u = new int[n];
        int[] d = new int[n];
        int[] s = new int[n];
        Arrays.fill(u, user);
        Arrays.fill(d, domain);
        Arrays.fill(s, slot);
        return batch(u, items.clone(), d, s, new double[n]);
    }

    private int visible(int r) {
        if (r < 0 || r >= data.size()) {
            throw new IllegalArgumentException("implicit batches: expected rows in 0.." + (data.size() - 1) + ", found " + r);
        }
        if (isHidden(r)) {
            throw new HiddenRowException("row " + r + " (user " + data.userIds().rawId(data.user(r)) + ", domain "
                    + data.domains().name(data.domain(r)) + ") is hidden from training and model selection: it is a "
                    + "held-out interaction");
        }
        return r;
    }

    private static int perRow(int[] rows, int[] negatives) {
        if (rows.length == 0 ? negatives.length != 0 : negatives.length % rows.length != 0) {
            throw new IllegalArgumentException("implicit batches: expected the same number of negatives for each of the "
                    + rows.length + " rows, found " + negatives.length + " negatives");
        }
        return rows.length == 0 ? 0 : negatives.length / rows.length;
    }

    private static int[] slots(int[] users, SlotMode mode) {
        return mode == SlotMode.PER_USER ? users.clone() : new int[users.length];
    }

    private RatingBatch batch(int[] u, int[] it, int[] d, int[] s, double[] y) {
        int n = u.length;
        int dc = data.domainCount();
        double[] oneHot = new double[n * dc];
        for (int k = 0; k < n; k++) {
            if (it[k] < 0 || it[k] >= data.itemCount()) {
                throw new IllegalArgumentException("implicit batches: expected item indices in 0.." + (data.itemCount() - 1)
                        + ", found " + it[k]);
            }
            oneHot[k * dc + d[k]] = 1;
        }
        return new RatingBatch(u, it, d, s, null, null, Tensor.constant(DMatrixRMaj.wrap(n, dc, oneHot)), null,
                Tensor.constant(DMatrixRMaj.wrap(n, 1, y)));
    }
}
