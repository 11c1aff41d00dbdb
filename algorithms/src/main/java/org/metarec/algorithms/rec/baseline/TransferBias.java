package org.metarec.algorithms.rec.baseline;

import org.metarec.algorithms.rec.ColdStartRecommender;
import org.metarec.algorithms.rec.UserPredictor;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.UserContext;
import org.metarec.core.data.Interactions;

/**
 * The trivial transfer baseline: {@code r_hat(u, i) = mu + b_i + b_u} as {@link ItemBias}, with the user bias
 * pooled over the user's source-domain training ratings and their K target support ratings and damped:
 * <pre>
 *   b_u = ( sum_{source rows} (r - mu_d - b_i^d) + sum_{support} (r - mu - b_i) ) / (n_source + K + lambdaUser)
 * </pre>
 * where {@code mu_d} and {@code b_i^d} are the mean and shrunken item biases of the rating's own domain
 * (Koren, "Factor in the Neighbors", ACM TKDD 4(1), 2010, section 2.1, for the shrunken means). It asks
 * whether "this user rates above or below the average, everywhere" is all that transfers. With K = 0 the
 * bias is the source part alone; a user without source ratings gets the item-bias prediction.
 */
public final class TransferBias implements ColdStartRecommender {

    private final ItemBias target;
    private final double[] sourceSum;   // per user: sum of source residuals
    private final int[] sourceCount;    // per user: number of source ratings
    private final double lambdaUser;

    private TransferBias(ItemBias target, double[] sourceSum, int[] sourceCount, double lambdaUser) {
        this.target = target;
        this.sourceSum = sourceSum;
        this.sourceCount = sourceCount;
        this.lambdaUser = lambdaUser;
    }

    /**
     * Fits the target mean and item biases on the target training rows, and each user's source residuals
     * against their source domain's mean and item biases on the source training rows.
     *
     * @param data the interactions
     * @param targetRows the target domain's training rows, at least one
     * @param sourceRows the source domains' training rows (may be empty)
     * @param lambdaItem shrinkage of item biases in every domain, &ge; 0
     * @param lambdaUser damping of the pooled user bias, &gt; 0
     * @return the baseline
     */
    public static TransferBias fit(Interactions data, int[] targetRows, int[] sourceRows, double lambdaItem,
            double lambdaUser) {
        ItemBias target = ItemBias.fit(data, targetRows, lambdaItem, lambdaUser);
        double[] sum = new double[data.userCount()];
        int[] count = new int[data.userCount()];
        for (int d = 0; d < data.domainCount(); d++) {
            final int domain = d;
            int[] rows = java.util.Arrays.stream(sourceRows).filter(r -> data.domain(r) == domain).toArray();
            if (rows.length == 0) {
                continue;
            }
            ItemBias source = ItemBias.fit(data, rows, lambdaItem, lambdaUser);
            for (int r : rows) {
                sum[data.user(r)] += data.rating(r) - source.mu() - source.itemBias(data.item(r));
                count[data.user(r)]++;
            }
        }
        return new TransferBias(target, sum, count, lambdaUser);
    }

    @Override
    public String method() {
        return "transfer_bias";
    }

    @Override
    public UserPredictor adapt(UserContext user, RatingBatch support) {
        return target.predictor(userBias(user.user(), support.items(), support.ratingValues()));
    }

    /**
     * The damped user bias of a user from their source residuals and support ratings.
     *
     * @param user a user index, or {@link UserContext#NEW_USER} (no source ratings)
     * @param items the support items
     * @param ratings their ratings
     * @return {@code b_u}
     */
    public double userBias(int user, int[] items, double[] ratings) {
        double s = user >= 0 ? sourceSum[user] : 0;
        int n = user >= 0 ? sourceCount[user] : 0;
        for (int j = 0; j < items.length; j++) {
            s += ratings[j] - target.mu() - target.itemBias(items[j]);
        }
        return s / (n + items.length + lambdaUser);
    }

    /**
     * The target domain's mean rating.
     *
     * @return mu
     */
    public double mu() {
        return target.mu();
    }

    /**
     * The target domain's shrunken bias of one item.
     *
     * @param item an item index
     * @return {@code b_i}
     */
    public double itemBias(int item) {
        return target.itemBias(item);
    }

    /**
     * The shrinkage of the item biases.
     *
     * @return lambdaItem
     */
    public double lambdaItem() {
        return target.lambdaItem();
    }

    /**
     * The damping of the user bias.
     *
     * @return lambdaUser
     */
    public double lambdaUser() {
        return lambdaUser;
    }
}
