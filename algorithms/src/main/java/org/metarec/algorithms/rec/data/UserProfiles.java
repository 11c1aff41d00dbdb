package org.metarec.algorithms.rec.data;

import java.util.Arrays;
import org.metarec.core.data.Interactions;

/**
 * The cross-domain profile of a user: a fixed-length summary, learned by nothing, of what the user's
 * ratings in the <em>other</em> domains say about their taste. For user u and domain d, over the
 * user's training rows j in the included domains other than d, with {@code dev_j = r_j - m_(i_j)}
 * the rating minus the item's shrunken mean and {@code x_i} the item's encoded features:
 * <pre>
 *   profile(u, d) = [ log(1 + n) / log(101),  sum_j dev_j / (n + lambda),  sum_j dev_j x_(i_j) / (n + lambda) ]
 * </pre>
 * The first entry says how much history there is, the second is a shrunken user bias (generous
 * raters are generous everywhere), the rest is a rating-weighted centroid of the item features the
 * user liked or disliked: a content-based profile (for MovieLens, genre preferences; for the
 * synthetic world, a noisy moment estimate of the user's latent taste). Models map it to whatever
 * they need; a test user's profile for the target domain is built from source-domain rows only.
 *
 * <p>Item means are {@code m_i = (sum of r + lambdaItem mu) / (n_i + lambdaItem)} over training rows,
 * with {@code mu} the mean of all training rows.
 */
public final class UserProfiles {

    /** Shrinkage of the profile's means towards 0, in pseudo-ratings. */
    public static final double PROFILE_SHRINK = 3.0;
    /** Shrinkage of item means towards the global mean, in pseudo-ratings. */
    public static final double ITEM_SHRINK = 5.0;

    private static final double LOG_SCALE = Math.log(101.0);

    private final FeatureEncoding items;
    private final int[] included;           // domain indices
    private final int[] positionOfDomain;   // domain -> position in included, or -1
    private final double globalMean;
    private final double[] itemMeans;
    private final double[][][] sums;        // [user][position][0: n, 1: sum dev, 2..: sum dev * x]
    private final int[][] history;          // [user] training rows in included domains, ascending
    private final Interactions data;

    private UserProfiles(Interactions data, FeatureEncoding items, int[] included, int[] positionOfDomain,
            double globalMean, double[] itemMeans, double[][][] sums, int[][] history) {
        this.data = data;
        this.history = history;
        this.items = items;
        this.included = included;
        this.positionOfDomain = positionOfDomain;
        this.globalMean = globalMean;
        this.itemMeans = itemMeans;
        this.sums = sums;
    }

    /**
     * Builds the profiles of every user from the training rows of the included domains.
     *
     * @param data the interactions
     * @param trainingRows rows the profiles may read (never a hidden rating)
     * @param includedDomains the domains whose rows count (sources and target), distinct
     * @param items the items' encoded features
     * @return the profiles
     */
    public static UserProfiles build(Interactions data, int[] trainingRows, int[] includedDomains,
            FeatureEncoding items) {
        int[] position = new int[data.domainCount()];
        Arrays.fill(position, -1);
        for (int p = 0; p < includedDomains.length; p++) {
            int d = includedDomains[p];
            if (d < 0 || d >= position.length || position[d] >= 0) {
                throw new IllegalArgumentException("user profiles: expected distinct domain indices in 0.."
                        + (position.length - 1) + ", found " + Arrays.toString(includedDomains));
            }
            position[d] = p;
        }
        double total = 0;
        int count = 0;
        double[] itemSum = new double[data.itemCount()];
        int[] itemCount = new int[data.itemCount()];
        for (int r : trainingRows) {
            if (position[data.domain(r)] < 0) {
                continue;
            }
            total += data.rating(r);
            count++;
            itemSum[data.item(r)] += data.rating(r);
            itemCount[data.item(r)]++;
        }
        if (count == 0) {
            throw new IllegalArgumentException("user profiles: expected training rows in the domains "
                    + Arrays.toString(includedDomains) + ", found none");
        }
        double mu = total / count;
        double[] means = new double[data.itemCount()];
        for (int i = 0; i < means.length; i++) {
            means[i] = (itemSum[i] + ITEM_SHRINK * mu) / (itemCount[i] + ITEM_SHRINK);
        }
        int fi = items.width();
        double[][][] sums = new double[data.userCount()][includedDomains.length][2 + fi];
        double[] x = new double[fi];
        int[] perUser = new int[data.userCount()];
        for (int r : trainingRows) {
            if (position[data.domain(r)] >= 0) {
                perUser[data.user(r)]++;
            }
        }
        int[][] history = new int[data.userCount()][];
        for (int u = 0; u < history.length; u++) {
            history[u] = new int[perUser[u]];
            perUser[u] = 0;
        }
        int[] sortedRows = trainingRows.clone();
        Arrays.sort(sortedRows);
        for (int r : sortedRows) {
            int p = position[data.domain(r)];
            if (p < 0) {
                continue;
            }
            history[data.user(r)][perUser[data.user(r)]++] = r;
            int item = data.item(r);
            double dev = data.rating(r) - means[item];
            double[] s = sums[data.user(r)][p];
            s[0] += 1;
            s[1] += dev;
            items.copyRow(item, x, 0);
            for (int j = 0; j < fi; j++) {
                s[2 + j] += dev * x[j];
            }
        }
        return new UserProfiles(data, items, includedDomains.clone(), position, mu, means, sums, history);
    }

    /**
     * The length of a profile: 2 + the width of the item features.
     *
     * @return the dimension
     */
    public int dim() {
        return 2 + items.width();
    }

    /**
     * The profile of {@code user} for a task in {@code domain}: aggregated over the user's training
     * rows in the included domains other than {@code domain}.
     *
     * @param user a user index
     * @param domain the task's domain (if it is not included, every included domain counts)
     * @return a new array of length {@link #dim()}
     */
    public double[] of(int user, int domain) {
        if (user < 0 || user >= sums.length) {
            throw new IllegalArgumentException("user profiles: expected a user index in 0.." + (sums.length - 1)
                    + ", found " + user);
        }
        double[] acc = new double[dim()];
        int own = domain >= 0 && domain < positionOfDomain.length ? positionOfDomain[domain] : -1;
        for (int p = 0; p < included.length; p++) {
            if (p == own) {
                continue;
            }
            double[] s = sums[user][p];
            for (int j = 0; j < acc.length; j++) {
                acc[j] += s[j];
            }
        }
        return finish(acc);
    }

    /**
     * The profile of a user known only by a rating history (a new user of {@link org.metarec.algorithms.rec.Personalizer}).
     *
     * @param historyItems item indices the user rated (in other domains than the one to recommend in)
     * @param historyRatings their ratings, aligned
     * @return a new array of length {@link #dim()}
     */
    public double[] ofHistory(int[] historyItems, double[] historyRatings) {
        if (historyItems.length != historyRatings.length) {
            throw new IllegalArgumentException("profile history: expected as many ratings as items, found "
                    + historyItems.length + " items and " + historyRatings.length + " ratings");
        }
        double[] acc = new double[dim()];
        double[] x = new double[items.width()];
        for (int j = 0; j < historyItems.length; j++) {
            double dev = historyRatings[j] - itemMean(historyItems[j]);
            items.copyRow(historyItems[j], x, 0);
            acc[0] += 1;
            acc[1] += dev;
            for (int f = 0; f < x.length; f++) {
                acc[2 + f] += dev * x[f];
            }
        }
        return finish(acc);
    }

    /**
     * The user's training rows in the included domains other than {@code domain}: the history that
     * {@link #of(int, int)} summarises (PTUPCDR reads it item by item).
     *
     * @param user a user index
     * @param domain the task's domain
     * @return a new array of row indices, ascending
     */
    public int[] historyRows(int user, int domain) {
        if (user < 0 || user >= history.length) {
            throw new IllegalArgumentException("user profiles: expected a user index in 0.." + (history.length - 1)
                    + ", found " + user);
        }
        return Arrays.stream(history[user]).filter(r -> data.domain(r) != domain).toArray();
    }

    /**
     * The included domains, in the order given to {@link #build}.
     *
     * @return a new array of domain indices
     */
    public int[] includedDomains() {
        return included.clone();
    }

    private static double[] finish(double[] acc) {
        double n = acc[0];
        double[] out = new double[acc.length];
        out[0] = Math.log1p(n) / LOG_SCALE;
        for (int j = 1; j < acc.length; j++) {
            out[j] = acc[j] / (n + PROFILE_SHRINK);
        }
        return out;
    }

    /**
     * The shrunken mean rating of an item over the training rows.
     *
     * @param item an item index
     * @return {@code m_i}
     */
    public double itemMean(int item) {
        if (item < 0 || item >= itemMeans.length) {
            throw new IllegalArgumentException("user profiles: expected an item index in 0.." + (itemMeans.length - 1)
                    + ", found " + item);
        }
        return itemMeans[item];
    }

    /**
     * The mean of the training rows of the included domains.
     *
     * @return {@code mu}
     */
    public double globalMean() {
        return globalMean;
    }
}
