package org.metarec.core.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.Domains;
import org.metarec.core.data.IdMap;
import org.metarec.core.data.Interactions;
import org.metarec.core.data.LoadReport;
import org.metarec.core.data.SideFeatures;
import org.metarec.core.random.Rng;

/**
 * A synthetic multi-domain rating world with known structure (the project's built-in default data).
 *
 * <p><b>Model.</b> With latent dimension k and transfer tau:
 * <ul>
 *   <li>user u has a shared latent s_u ~ N(0, I_k) and, per domain d, a specific latent p_ud ~ N(0, I_k);
 *       its latent in d is u_ud = sqrt(tau) s_u + sqrt(1 - tau) p_ud, so u_ud ~ N(0, I_k) and the
 *       correlation of a user's latents in two domains is tau, coordinate by coordinate;</li>
 *   <li>user bias b_u ~ N(0, 0.3^2) (shared: a generous rater is generous everywhere); domain offset
 *       m_d ~ N(0, 0.15^2); item latent v_i ~ N(0, I_k); item bias c_i ~ N(0, 0.3^2);</li>
 *   <li>true rating r*_ui = 3.5 + m_d + b_u + c_i + 0.8 &lt;u_ud, v_i&gt; / sqrt(k) (variance about 0.84, so
 *       ratings lie roughly in 1..5), observed rating r_ui = r*_ui + noiseStd * z, z ~ N(0, 1).</li>
 * </ul>
 * Ratings are continuous and <em>not</em> clipped: clipping would change the noise distribution. Since
 * E[(r - r*)^2] = noiseStd^2 and r* is the conditional mean of r, no predictor can have a lower expected
 * squared error: {@link #noiseFloorMse()} = noiseStd^2 is the Bayes-optimal MSE. {@link #trueRating(int)}
 * gives r* of every row so tests and experiments can check the floor.
 *
 * <p><b>Who rates what.</b> Each user is active in each domain with probability {@code domainActivity}
 * (at least one domain). The number of ratings per user is log-normal with log-sd 1 (MovieLens 100K has
 * mean/median ratings per user of about 106/65 = exp(sigma^2 / 2), i.e. sigma near 1) and mean
 * {@code meanRatingsPerUser}, at least one per active domain, spread uniformly over the active domains and
 * capped at half of a domain's items. Within a domain, items are chosen without replacement with Zipf
 * popularity (weight 1 / rank^0.8, ranks in random order), independently of the rating (missing at random).
 * Timestamps are uniform over one year in seconds.
 *
 * <p><b>Side features.</b> Users: numeric {@code latent0..latent(k-1)} = s_u + featureNoise * N(0, I)
 * (a noisy view of the shared taste) and categorical {@code segment} = the argmax of the first min(k, 4)
 * noisy coordinates. Items: numeric {@code latent*} = v_i + featureNoise * N(0, I), categorical
 * {@code cluster} (argmax as for users) and categorical {@code domain}.
 *
 * <p><b>Randomness.</b> Each part of the world draws from its own stream derived from the seed
 * ({@code Rng.derive(seed, "synthetic/...")}), so that, for example, changing featureNoise changes no
 * rating and changing noiseStd rescales the same noise draws.
 */
public final class SyntheticWorld {

    /** Global mean rating. */
    public static final double GLOBAL_MEAN = 3.5;
    /** Standard deviation of user biases. */
    public static final double USER_BIAS_STD = 0.3;
    /** Standard deviation of item biases. */
    public static final double ITEM_BIAS_STD = 0.3;
    /** Standard deviation of per-domain offsets. */
    public static final double DOMAIN_OFFSET_STD = 0.15;
    /** Scale of the normalised interaction term &lt;u, v&gt; / sqrt(k). */
    public static final double INTERACTION_SCALE = 0.8;

    private static final long TIME_SPAN_SECONDS = 365L * 24 * 3600;
    private static final int ARGMAX_DIMS = 4;

    private final Config config;
    private final Dataset dataset;
    private final double[] trueRatings;
    private final double[][] userShared;
    private final double[][][] userSpecific;
    private final double[] userBias;
    private final double[][] itemLatent;
    private final double[] itemBias;
    private final double[] domainOffset;

    /**
     * Parameters of a {@link SyntheticWorld}.
     *
     * @param users number of users, &ge; 1
     * @param domains number of domains, &ge; 1
     * @param itemsPerDomain items in each domain, &ge; 2
     * @param meanRatingsPerUser mean number of ratings per user over all its domains (approximately: counts are
     *     log-normal with this mean, at least one per active domain, at most half of each domain's items), &gt; 0
     * @param latentDim dimension of user and item latents, &ge; 1
     * @param transfer how much of a user's taste is shared across domains, in [0, 1]: the correlation between a
     *     user's latents in two domains (0: unrelated domains, 1: identical taste everywhere)
     * @param noiseStd standard deviation of the rating noise, &ge; 0; the noise floor MSE is its square
     * @param featureNoise standard deviation of the noise in the side features' views of the latents, &ge; 0
     * @param domainActivity probability that a user rates in a given domain, in (0, 1] (every user is active in at
     *     least one domain); below 1 it creates users who rate in some domains only, as cold-start protocols need
     * @param seed the seed of every random stream of the world
     */
    public record Config(int users, int domains, int itemsPerDomain, double meanRatingsPerUser,
            int latentDim, double transfer, double noiseStd, double featureNoise, double domainActivity, long seed) {

        /**
         * Validates every parameter.
         *
         * @throws IllegalArgumentException naming the first parameter out of range, with its value
         */
        public Config {
            require(users >= 1, "users", ">= 1", users);
            require(domains >= 1, "domains", ">= 1", domains);
            require(itemsPerDomain >= 2, "itemsPerDomain", ">= 2", itemsPerDomain);
            require(meanRatingsPerUser > 0 && Double.isFinite(meanRatingsPerUser), "meanRatingsPerUser", "> 0",
                    meanRatingsPerUser);
            require(latentDim >= 1, "latentDim", ">= 1", latentDim);
            require(transfer >= 0 && transfer <= 1, "transfer", "a value in [0, 1]", transfer);
            require(noiseStd >= 0 && Double.isFinite(noiseStd), "noiseStd", ">= 0", noiseStd);
            require(featureNoise >= 0 && Double.isFinite(featureNoise), "featureNoise", ">= 0", featureNoise);
            require(domainActivity > 0 && domainActivity <= 1, "domainActivity", "a value in (0, 1]", domainActivity);
        }

        private static void require(boolean ok, String key, String expected, Object found) {
            if (!ok) {
                throw new IllegalArgumentException("synthetic world " + key + ": expected " + expected + ", found " + found);
            }
        }

        /**
         * The default world: 2,000 users, 3 domains of 300 items, about 60 ratings per user, latent dimension 8,
         * transfer 0.7, noise sd 0.5, feature noise 0.5, domain activity 0.8, seed 1.
         *
         * @return the default configuration
         */
        public static Config defaults() {
            return new Config(2000, 3, 300, 60, 8, 0.7, 0.5, 0.5, 0.8, 1);
        }

        /**
         * This configuration with another number of users.
         *
         * @param value the new value
         * @return a new configuration
         */
        public Config withUsers(int value) {
            return new Config(value, domains, itemsPerDomain, meanRatingsPerUser, latentDim, transfer, noiseStd,
                    featureNoise, domainActivity, seed);
        }

        /**
         * This configuration with another number of domains.
         *
         * @param value the new value
         * @return a new configuration
         */
        public Config withDomains(int value) {
            return new Config(users, value, itemsPerDomain, meanRatingsPerUser, latentDim, transfer, noiseStd,
                    featureNoise, domainActivity, seed);
        }

        /**
         * This configuration with another number of items per domain.
         *
         * @param value the new value
         * @return a new configuration
         */
        public Config withItemsPerDomain(int value) {
            return new Config(users, domains, value, meanRatingsPerUser, latentDim, transfer, noiseStd,
                    featureNoise, domainActivity, seed);
        }

        /**
         * This configuration with another mean number of ratings per user.
         *
         * @param value the new value
         * @return a new configuration
         */
        public Config withMeanRatingsPerUser(double value) {
            return new Config(users, domains, itemsPerDomain, value, latentDim, transfer, noiseStd,
                    featureNoise, domainActivity, seed);
        }

        /**
         * This configuration with another latent dimension.
         *
         * @param value the new value
         * @return a new configuration
         */
        public Config withLatentDim(int value) {
            return new Config(users, domains, itemsPerDomain, meanRatingsPerUser, value, transfer, noiseStd,
                    featureNoise, domainActivity, seed);
        }

        /**
         * This configuration with another transfer strength.
         *
         * @param value the new value
         * @return a new configuration
         */
        public Config withTransfer(double value) {
            return new Config(users, domains, itemsPerDomain, meanRatingsPerUser, latentDim, value, noiseStd,
                    featureNoise, domainActivity, seed);
        }

        /**
         * This configuration with another rating noise.
         *
         * @param value the new value
         * @return a new configuration
         */
        public Config withNoiseStd(double value) {
            return new Config(users, domains, itemsPerDomain, meanRatingsPerUser, latentDim, transfer, value,
                    featureNoise, domainActivity, seed);
        }

        /**
         * This configuration with another feature noise.
         *
         * @param value the new value
         * @return a new configuration
         */
        public Config withFeatureNoise(double value) {
            return new Config(users, domains, itemsPerDomain, meanRatingsPerUser, latentDim, transfer, noiseStd,
                    value, domainActivity, seed);
        }

        /**
         * This configuration with another domain activity.
         *
         * @param value the new value
         * @return a new configuration
         */
        public Config withDomainActivity(double value) {
            return new Config(users, domains, itemsPerDomain, meanRatingsPerUser, latentDim, transfer, noiseStd,
                    featureNoise, value, seed);
        }

        /**
         * This configuration with another seed.
         *
         * @param value the new value
         * @return a new configuration
         */
        public Config withSeed(long value) {
            return new Config(users, domains, itemsPerDomain, meanRatingsPerUser, latentDim, transfer, noiseStd,
                    featureNoise, domainActivity, value);
        }
    }

    private SyntheticWorld(Config config) {
        this.config = config;
        int k = config.latentDim();
        int nUsers = config.users();
        int nDomains = config.domains();
        int perDomain = config.itemsPerDomain();
        int nItems = nDomains * perDomain;
        long seed = config.seed();

        Rng users = Rng.derive(seed, "synthetic/user-latents");
        userShared = new double[nUsers][];
        userSpecific = new double[nUsers][nDomains][];
        userBias = new double[nUsers];
        for (int u = 0; u < nUsers; u++) {
            userShared[u] = gaussianVector(users, k);
            for (int d = 0; d < nDomains; d++) {
                userSpecific[u][d] = gaussianVector(users, k);
            }
            userBias[u] = USER_BIAS_STD * users.nextGaussian();
        }
        Rng items = Rng.derive(seed, "synthetic/item-latents");
        itemLatent = new double[nItems][];
        itemBias = new double[nItems];
        for (int i = 0; i < nItems; i++) {
            itemLatent[i] = gaussianVector(items, k);
            itemBias[i] = ITEM_BIAS_STD * items.nextGaussian();
        }
        Rng domainRng = Rng.derive(seed, "synthetic/domain-offsets");
        domainOffset = new double[nDomains];
        for (int d = 0; d < nDomains; d++) {
            domainOffset[d] = DOMAIN_OFFSET_STD * domainRng.nextGaussian();
        }

        int[][] countsPerDomain = RatingCounts.perUserAndDomain(config);
        ZipfPopularity popularity = new ZipfPopularity(config);
        Rng choices = Rng.derive(seed, "synthetic/item-choices");
        Rng noise = Rng.derive(seed, "synthetic/noise");
        Rng times = Rng.derive(seed, "synthetic/timestamps");
        String[] domainNames = new String[nDomains];
        for (int d = 0; d < nDomains; d++) {
            domainNames[d] = "d" + d;
        }
        Domains domains = Domains.of(domainNames);
        Interactions.Builder builder = Interactions.builder(domains, true);
        int totalRatings = 0;
        for (int[] row : countsPerDomain) {
            for (int c : row) {
                totalRatings += c;
            }
        }
        double[] truth = new double[totalRatings];
        int row = 0;
        int[] takenStamp = new int[perDomain];
        int stamp = 0;
        for (int u = 0; u < nUsers; u++) {
            for (int d = 0; d < nDomains; d++) {
                int count = countsPerDomain[u][d];
                if (count == 0) {
                    continue;
                }
                stamp++;
                for (int c = 0; c < count; c++) {
                    int local;
                    do {
                        local = popularity.draw(d, choices);
                    } while (takenStamp[local] == stamp);
                    takenStamp[local] = stamp;
                    int item = d * perDomain + local;
                    double expected = expectedRating(u, item);
                    double observed = expected + config.noiseStd() * noise.nextGaussian();
                    builder.add(u, item, observed, d, times.nextLong(TIME_SPAN_SECONDS));
                    truth[row++] = expected;
                }
            }
        }
        trueRatings = truth;
        Interactions interactions = builder.build(IdMap.sequential("u", nUsers), IdMap.sequential("i", nItems));
        LoadReport report = LoadReport.builder(describe(config))
                .rawCounts(countUsersWithRatings(countsPerDomain), countDistinctItems(interactions),
                        interactions.size())
                .build(interactions);
        dataset = new Dataset(interactions, userFeatures(), itemFeatures(domainNames), report);
    }

    /**
     * Generates the world described by {@code config}.
     *
     * @param config the parameters
     * @return the world
     */
    public static SyntheticWorld generate(Config config) {
        return new SyntheticWorld(config);
    }

    /**
     * The parameters this world was generated from.
     *
     * @return the configuration
     */
    public Config config() {
        return config;
    }

    /**
     * The generated data set: interactions (domains "d0", "d1", ...; items of domain d are the indices
     * d * itemsPerDomain .. (d+1) * itemsPerDomain - 1), side features and a report.
     *
     * @return the data set
     */
    public Dataset dataset() {
        return dataset;
    }

    /**
     * The noise-free rating r* of a row of {@code dataset().interactions()}.
     *
     * @param row a row index
     * @return r* of that row
     */
    public double trueRating(int row) {
        return trueRatings[row];
    }

    /**
     * The noise-free ratings of the given rows.
     *
     * @param rows row indices
     * @return r* in the same order
     */
    public double[] trueRatings(int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = trueRatings[rows[i]];
        }
        return out;
    }

    /**
     * The noise-free rating of any user for any item (rated or not), in the item's domain:
     * 3.5 + m_d + b_u + c_i + 0.8 &lt;u_ud, v_i&gt; / sqrt(k).
     *
     * @param user a user index
     * @param item an item index
     * @return r*
     */
    public double expectedRating(int user, int item) {
        int d = domainOfItem(item);
        double[] latent = userLatent(user, d);
        double dot = 0;
        for (int j = 0; j < latent.length; j++) {
            dot += latent[j] * itemLatent[item][j];
        }
        return GLOBAL_MEAN + domainOffset[d] + userBias[user] + itemBias[item]
                + INTERACTION_SCALE * dot / Math.sqrt(latent.length);
    }

    /**
     * The lowest achievable expected MSE, noiseStd^2: the MSE of predicting r* exactly (Bayes-optimal, since
     * r* is the conditional mean of the observed rating).
     *
     * @return the noise floor
     */
    public double noiseFloorMse() {
        return config.noiseStd() * config.noiseStd();
    }

    /**
     * The domain an item belongs to: item / itemsPerDomain.
     *
     * @param item an item index
     * @return its domain index
     */
    public int domainOfItem(int item) {
        if (item < 0 || item >= itemLatent.length) {
            throw new IllegalArgumentException("item index: expected 0.." + (itemLatent.length - 1) + ", found "
                    + item);
        }
        return item / config.itemsPerDomain();
    }

    /**
     * A user's latent in a domain: sqrt(tau) s_u + sqrt(1 - tau) p_ud.
     *
     * @param user a user index
     * @param domain a domain index
     * @return a new array of length latentDim
     */
    public double[] userLatent(int user, int domain) {
        double a = Math.sqrt(config.transfer());
        double b = Math.sqrt(1 - config.transfer());
        double[] out = new double[config.latentDim()];
        for (int j = 0; j < out.length; j++) {
            out[j] = a * userShared[user][j] + b * userSpecific[user][domain][j];
        }
        return out;
    }

    /**
     * An item's latent v_i.
     *
     * @param item an item index
     * @return a new array of length latentDim
     */
    public double[] itemLatent(int item) {
        return itemLatent[item].clone();
    }

    private static double[] gaussianVector(Rng rng, int k) {
        double[] v = new double[k];
        for (int j = 0; j < k; j++) {
            v[j] = rng.nextGaussian();
        }
        return v;
    }

    private SideFeatures userFeatures() {
        Rng rng = Rng.derive(config.seed(), "synthetic/user-features");
        return noisyViewFeatures(rng, userShared, "segment", "s").build();
    }

    private SideFeatures itemFeatures(String[] domainNames) {
        Rng rng = Rng.derive(config.seed(), "synthetic/item-features");
        int[] domainCodes = new int[itemLatent.length];
        for (int i = 0; i < domainCodes.length; i++) {
            domainCodes[i] = domainOfItem(i);
        }
        return noisyViewFeatures(rng, itemLatent, "cluster", "c")
                .categorical("domain", List.of(domainNames), domainCodes)
                .build();
    }

    /** Numeric latent + noise per dimension, and the argmax of the first noisy dimensions as a category. */
    private SideFeatures.Builder noisyViewFeatures(Rng rng, double[][] latents, String categoryName,
            String categoryPrefix) {
        int n = latents.length;
        int k = config.latentDim();
        double[][] noisy = new double[k][n];
        for (int e = 0; e < n; e++) {
            for (int j = 0; j < k; j++) {
                noisy[j][e] = latents[e][j] + config.featureNoise() * rng.nextGaussian();
            }
        }
        int buckets = Math.min(k, ARGMAX_DIMS);
        int[] category = new int[n];
        for (int e = 0; e < n; e++) {
            int best = 0;
            for (int j = 1; j < buckets; j++) {
                if (noisy[j][e] > noisy[best][e]) {
                    best = j;
                }
            }
            category[e] = best;
        }
        List<String> vocabulary = new ArrayList<>();
        for (int j = 0; j < buckets; j++) {
            vocabulary.add(categoryPrefix + j);
        }
        SideFeatures.Builder b = SideFeatures.builder(n);
        for (int j = 0; j < k; j++) {
            b.numeric("latent" + j, noisy[j]);
        }
        return b.categorical(categoryName, vocabulary, category);
    }

    private static int countUsersWithRatings(int[][] counts) {
        int n = 0;
        for (int[] row : counts) {
            for (int c : row) {
                if (c > 0) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    private static int countDistinctItems(Interactions x) {
        boolean[] seen = new boolean[x.itemCount()];
        int n = 0;
        for (int r = 0; r < x.size(); r++) {
            if (!seen[x.item(r)]) {
                seen[x.item(r)] = true;
                n++;
            }
        }
        return n;
    }

    private static String describe(Config c) {
        return String.format(Locale.ROOT, "synthetic world (users=%d, domains=%d, itemsPerDomain=%d, "
                + "meanRatingsPerUser=%s, latentDim=%d, transfer=%s, noiseStd=%s, featureNoise=%s, "
                + "domainActivity=%s, seed=%d)", c.users(), c.domains(), c.itemsPerDomain(), c.meanRatingsPerUser(),
                c.latentDim(), c.transfer(), c.noiseStd(), c.featureNoise(), c.domainActivity(), c.seed());
    }
}
