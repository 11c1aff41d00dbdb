package org.metarec.algorithms.rec;

import java.util.List;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.Domains;
import org.metarec.core.data.IdMap;
import org.metarec.core.data.Interactions;
import org.metarec.core.data.LoadReport;
import org.metarec.core.data.SideFeatures;
import org.metarec.core.synthetic.SyntheticWorld;

/** Small hand-written data sets and synthetic worlds shared by the recommendation tests. */
public final class RecFixtures {

    private RecFixtures() {
    }

    /**
     * Four users, six items in two domains (items 0-2 in d0, 3-5 in d1), nine ratings:
     * <pre>
     *   row: user item rating domain
     *    0:   0    0    4     0        5:   2    2    5     0
     *    1:   0    1    2     0        6:   2    3    4     1
     *    2:   0    3    5     1        7:   2    5    2     1
     *    3:   1    0    3     0        8:   3    1    3     0
     *    4:   1    4    1     1
     * </pre>
     * Users: numeric age 20, 30, 40, 50 and gender M, F, M, F. Items: multi-hot genres over {a, b, c}
     * ({a}, {a, b}, {}, {c}, {b, c}, {a}) and categorical decade over {80s, 90s} (0, 1, 1, 0, -1, 1).
     */
    public static Dataset tiny() {
        int[] users = {0, 0, 0, 1, 1, 2, 2, 2, 3};
        int[] items = {0, 1, 3, 0, 4, 2, 3, 5, 1};
        double[] ratings = {4, 2, 5, 3, 1, 5, 4, 2, 3};
        int[] domains = {0, 0, 1, 0, 1, 0, 1, 1, 0};
        return dataset(users, items, ratings, domains);
    }

    /** The tiny data set with other ratings (same rows otherwise). */
    public static Dataset tinyWithRatings(double[] ratings) {
        return dataset(new int[] {0, 0, 0, 1, 1, 2, 2, 2, 3}, new int[] {0, 1, 3, 0, 4, 2, 3, 5, 1}, ratings,
                new int[] {0, 0, 1, 0, 1, 0, 1, 1, 0});
    }

    private static Dataset dataset(int[] users, int[] items, double[] ratings, int[] domains) {
        Interactions x = Interactions.of(IdMap.sequential("u", 4), IdMap.sequential("i", 6), Domains.of("d0", "d1"),
                users, items, ratings, domains, null);
        SideFeatures uf = SideFeatures.builder(4).numeric("age", new double[] {20, 30, 40, 50})
                .categorical("gender", List.of("M", "F"), new int[] {0, 1, 0, 1}).build();
        SideFeatures itf = SideFeatures.builder(6)
                .multiHot("genres", List.of("a", "b", "c"), new int[][] {{0}, {0, 1}, {}, {2}, {1, 2}, {0}})
                .categorical("decade", List.of("80s", "90s"), new int[] {0, 1, 1, 0, -1, 1}).build();
        return new Dataset(x, uf, itf, LoadReport.builder("tiny fixture").build(x));
    }

    /**
     * The same data with the ratings of {@code rows} replaced by {@code 6 - rating} (a different but
     * valid value), everything else unchanged.
     */
    public static Dataset withRatingsChanged(Dataset d, int[] rows) {
        Interactions x = d.interactions();
        int n = x.size();
        int[] u = new int[n];
        int[] it = new int[n];
        int[] dom = new int[n];
        double[] r = new double[n];
        long[] ts = x.hasTimestamps() ? new long[n] : null;
        for (int k = 0; k < n; k++) {
            u[k] = x.user(k);
            it[k] = x.item(k);
            dom[k] = x.domain(k);
            r[k] = x.rating(k);
            if (ts != null) {
                ts[k] = x.timestamp(k);
            }
        }
        for (int k : rows) {
            r[k] = 6.0 - r[k];
        }
        Interactions y = Interactions.of(x.userIds(), x.itemIds(), x.domains(), u, it, r, dom, ts);
        return new Dataset(y, d.userFeatures(), d.itemFeatures(), LoadReport.builder("changed").build(y));
    }

    /**
     * The synthetic world of the study tests: 500 users, three domains of 100 items, latent dimension 4,
     * about 60 ratings per user, noise sd 0.5 (noise floor MSE 0.25).
     */
    public static SyntheticWorld world(double transfer, long seed) {
        return SyntheticWorld.generate(SyntheticWorld.Config.defaults().withUsers(500).withItemsPerDomain(100)
                .withLatentDim(4).withMeanRatingsPerUser(60).withTransfer(transfer).withSeed(seed));
    }
}
