package org.metarec.algorithms.rec.baseline;

import org.metarec.algorithms.rec.ColdStartRecommender;
import org.metarec.algorithms.rec.UserPredictor;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.UserContext;
import org.metarec.core.data.Interactions;

/**
 * The baseline predictor {@code r_hat(u, i) = mu + b_i + b_u} with shrunken means (Koren, "Factor in the
 * Neighbors", ACM TKDD 4(1), 2010, section 2.1): over the target domain's training rows
 * {@code b_i = sum (r - mu) / (n_i + lambdaItem)}, and from the user's K support ratings
 * {@code b_u = sum (r - mu - b_i) / (K + lambdaUser)} (0 when K = 0).
 */
public final class ItemBias implements ColdStartRecommender {

    private final double mu;
    private final double[] itemBias;
    private final double lambdaItem;
    private final double lambdaUser;

    private ItemBias(double mu, double[] itemBias, double lambdaItem, double lambdaUser) {
        this.mu = mu;
        this.itemBias = itemBias;
        this.lambdaItem = lambdaItem;
        this.lambdaUser = lambdaUser;
    }

    /**
     * Fits mu and the item biases.
     *
     * @param data the interactions
     * @param rows the target domain's training rows, at least one
     * @param lambdaItem shrinkage of item biases, &ge; 0
     * @param lambdaUser shrinkage of the user bias, &gt; 0
     * @return the baseline
     */
    public static ItemBias fit(Interactions data, int[] rows, double lambdaItem, double lambdaUser) {
        if (!(lambdaItem >= 0) || !(lambdaUser > 0)) {
            throw new IllegalArgumentException("item bias: expected lambdaItem >= 0 and lambdaUser > 0, found "
                    + lambdaItem + ", " + lambdaUser);
        }
        double mu = data.meanRating(rows);
        double[] sum = new double[data.itemCount()];
        int[] count = new int[data.itemCount()];
        for (int r : rows) {
            sum[data.item(r)] += data.rating(r) - mu;
            count[data.item(r)]++;
        }
        double[] b = new double[sum.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = count[i] == 0 ? 0 : sum[i] / (count[i] + lambdaItem);
        }
        return new ItemBias(mu, b, lambdaItem, lambdaUser);
    }

    @Override
    public String method() {
        return "item_bias";
    }

    @Override
    public UserPredictor adapt(UserContext user, RatingBatch support) {
        double s = 0;
        int[] items = support.items();
        double[] y = support.ratingValues();
        for (int j = 0; j < items.length; j++) {
            s += y[j] - mu - itemBias[items[j]];
        }
        return predictor(s / (items.length + lambdaUser));
    }

    /** Predicts {@code mu + b_i + userBias} for every item of a batch (shared with {@link TransferBias}). */
    UserPredictor predictor(double userBias) {
        return batch -> {
            int[] it = batch.items();
            double[] out = new double[it.length];
            for (int j = 0; j < it.length; j++) {
                out[j] = mu + itemBias[it[j]] + userBias;
            }
            return out;
        };
    }

    /**
     * The fitted mean rating.
     *
     * @return mu
     */
    public double mu() {
        return mu;
    }

    /**
     * The fitted bias of one item (0 for an item without training rows).
     *
     * @param item an item index
     * @return {@code b_i}
     */
    public double itemBias(int item) {
        return itemBias[item];
    }

    /**
     * The shrinkage of the item biases.
     *
     * @return lambdaItem
     */
    public double lambdaItem() {
        return lambdaItem;
    }

    /**
     * The shrinkage of the user bias.
     *
     * @return lambdaUser
     */
    public double lambdaUser() {
        return lambdaUser;
    }
}
