package org.metarec.algorithms.rec;

import java.util.List;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.Domains;
import org.metarec.core.data.IdMap;
import org.metarec.core.data.Interactions;
import org.metarec.core.data.LoadReport;
import org.metarec.core.data.SideFeatures;
import org.metarec.core.random.Rng;
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
        return new Dataset(y, d.userFeatures(), d.itemFeatures(), LoadReport.builder("changed").build(y),
                d.itemYears());
    }

    /**
     * A MovieLens-like data set for MeLU's cold-start states: 150 users (gender, age group, occupation), 60
     * items (two of four genres each) released 1990-1999, one domain, timestamps. User u first rates at time
     * 10^6 + 1000 u, so users are ordered by first rating; each rates 18-35 of items 0-39 (released 1990-1995)
     * and 14-20 of items 40-59 (1996-1999). A rating is 3 plus the user's taste for the item's genres plus the
     * item's quality plus noise, rounded into 1..5, so features and items both carry signal.
     *
     * @param seed the seed of every draw
     * @return the data set
     */
    public static Dataset coldStartWorld(long seed) {
        Rng rng = Rng.derive(seed, "test/cold-start-world");
        int users = 150;
        int items = 60;
        int[][] genres = new int[items][];
        double[] quality = new double[items];
        int[] years = new int[items];
        for (int i = 0; i < items; i++) {
            int g = rng.nextInt(4);
            genres[i] = new int[] {g, (g + 1 + rng.nextInt(3)) % 4};
            quality[i] = rng.nextGaussian(0, 0.6);
            years[i] = i < 40 ? 1990 + i % 6 : 1996 + i % 4;
        }
        int[] gender = new int[users];
        int[] age = new int[users];
        int[] job = new int[users];
        Interactions.Builder b = Interactions.builder(Domains.of("all"), true);
        for (int u = 0; u < users; u++) {
            gender[u] = rng.nextInt(2);
            age[u] = rng.nextInt(3);
            job[u] = rng.nextInt(4);
            double[] taste = new double[4];
            for (int g = 0; g < 4; g++) {
                taste[g] = rng.nextGaussian(0, 0.5) + (g == job[u] ? 0.8 : 0) - (g == age[u] ? 0.5 : 0);
            }
            int[] old = rng.sample(40, 18 + rng.nextInt(18));
            int[] recent = rng.sample(20, 14 + rng.nextInt(7));
            int[] rated = new int[old.length + recent.length];
            System.arraycopy(old, 0, rated, 0, old.length);
            for (int j = 0; j < recent.length; j++) {
                rated[old.length + j] = 40 + recent[j];
            }
            for (int j = 0; j < rated.length; j++) {
                int i = rated[j];
                double r = 3 + 0.5 * (taste[genres[i][0]] + taste[genres[i][1]]) + quality[i] + rng.nextGaussian(0, 0.5);
                b.add(u, i, Math.max(1, Math.min(5, Math.round(r))), 0, 1_000_000L + 1000L * u + (j == 0 ? 0 : 1 + rng.nextInt(100_000)));
            }
        }
        Interactions x = b.build(IdMap.sequential("u", users), IdMap.sequential("i", items));
        SideFeatures uf = SideFeatures.builder(users).categorical("gender", List.of("M", "F"), gender)
                .categorical("ageGroup", List.of("young", "middle", "old"), age)
                .categorical("occupation", List.of("a", "b", "c", "d"), job).build();
        SideFeatures itf = SideFeatures.builder(items).multiHot("genres", List.of("g0", "g1", "g2", "g3"), genres).build();
        return new Dataset(x, uf, itf, LoadReport.builder("cold-start fixture").build(x), years);
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
