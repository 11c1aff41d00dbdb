package org.metarec.experiments.study.crossdomain;


import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.metarec.algorithms.rec.RankingCandidates;
import org.metarec.algorithms.rec.RankingSettings;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.FeatureEncoding;
import org.metarec.algorithms.rec.data.UserProfiles;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.Interactions;
import org.metarec.core.random.Rng;
import org.metarec.core.tasks.ColdStartSplit;
import org.metarec.core.tasks.RatingTask;
import org.metarec.core.tasks.SupportOrder;

/**
 * Everything the methods of one cross-domain run share, prepared once: the cold-start split (from
 * the stream {@code crossdomain/split} of the seed), the warm users if any (stream {@code crossdomain/warm}), the feature encodings, the users' cross-domain
 * profiles (from training rows only) and the batch factories.
 *
 * <p>The factory for training and model selection ({@link #trainingFactory()}) hides every
 * target-domain rating of the test users, support and query alike, and the warm users' held-out ratings
 * ({@link WarmUsers}); only {@link #testFactory()},
 * which the study uses in its final evaluation alone, can read them.
 */
public final class CrossDomainSetup {

    /**
     * How the split's tasks are made beyond {@link ColdStartSplit.Config}.
     *
     * @param supportOrder random support rows, or each user's first K by time
     * @param warmUsers how many training users get held-out target ratings ({@link WarmUsers}), 0 for none
     */
    public record Options(SupportOrder supportOrder, int warmUsers) {

        /** Random support rows and no warm users: the split of {@link #prepare(Dataset, ColdStartSplit.Config, long)}. */
        public static final Options DEFAULT = new Options(SupportOrder.RANDOM, 0);

        /** Validates. */
        public Options {
            if (supportOrder == null || warmUsers < 0) {
                throw new IllegalArgumentException("crossdomain setup: expected a support order and warm users >= 0, "
                        + "found " + supportOrder + " and " + warmUsers);
            }
        }
    }

    private final Dataset dataset;
    private final ColdStartSplit.Config config;
    private final long seed;
    private final ColdStartSplit split;
    private final int[] sources;
    private final int target;
    private final BatchFactory training;
    private final BatchFactory test;
    private final int[] targetTrainingRows;
    private final int[] sourceTrainingRows;
    private final int[] trainingRows;
    private final Options options;
    private final WarmUsers warm;

    private CrossDomainSetup(Dataset dataset, ColdStartSplit.Config config, long seed, Options options) {
        this(dataset, config, seed, options, drawSplit(dataset, config, seed, options.supportOrder()), null);
    }

    /** A setup of {@code split}, with the warm users {@code givenWarm}, or drawn from the split when null. */
    private CrossDomainSetup(Dataset dataset, ColdStartSplit.Config config, long seed, Options options,
            ColdStartSplit split, WarmUsers givenWarm) {
        this.dataset = dataset;
        this.config = config;
        this.seed = seed;
        this.options = options;
        Interactions data = dataset.interactions();
        this.split = split;
        this.target = split.targetIndex();
        this.sources = split.sourceIndices();
        this.warm = givenWarm != null ? givenWarm : WarmUsers.draw(data, split, options.warmUsers(), options.supportOrder(),
                Rng.derive(seed, "crossdomain/warm"));
        int[] held = this.warm.heldOutRows();
        int[] trainingRows = Arrays.stream(split.trainingRows()).filter(r -> Arrays.binarySearch(held, r) < 0).toArray();
        this.trainingRows = trainingRows;
        this.targetTrainingRows = Arrays.stream(trainingRows).filter(r -> data.domain(r) == target).toArray();
        this.sourceTrainingRows = Arrays.stream(trainingRows).filter(r -> data.domain(r) != target).toArray();
        if (targetTrainingRows.length == 0) {
            throw new IllegalArgumentException("crossdomain split: expected target-domain training ratings in "
                    + config.targetDomain() + ", found none");
        }
        FeatureEncoding users = FeatureEncoding.of(dataset.userFeatures());
        FeatureEncoding items = FeatureEncoding.of(dataset.itemFeatures());
        int[] included = new int[sources.length + 1];
        System.arraycopy(sources, 0, included, 0, sources.length);
        included[sources.length] = target;
        UserProfiles profiles = UserProfiles.build(data, trainingRows, included, items);
        this.test = new BatchFactory(data, users, items, profiles);
        List<Integer> hidden = new ArrayList<>();
        for (RatingTask t : split.testTasks()) {
            for (int r : t.supportRows()) {
                hidden.add(r);
            }
            for (int r : t.queryRows()) {
                hidden.add(r);
            }
        }
        for (int r : held) {
            hidden.add(r);
        }
        this.training = test.hiding(hidden.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The cold-start split of a run with {@code seed}, drawn from the stream {@code crossdomain/split}: the split
     * {@link #prepare} makes, without the inputs it prepares for training.
     *
     * @param dataset the data, with the split's domains
     * @param split the split settings
     * @param seed the run's seed
     * @return the split
     * @throws IllegalArgumentException naming a domain the data does not have, or a split without test users
     */
    public static ColdStartSplit drawSplit(Dataset dataset, ColdStartSplit.Config split, long seed) {
        return drawSplit(dataset, split, seed, SupportOrder.RANDOM);
    }

    /**
     * The cold-start split as {@link #drawSplit(Dataset, ColdStartSplit.Config, long)}, with the support ratings of
     * each test user chosen in {@code order} (at random, or the first K by time).
     *
     * @param dataset the data
     * @param split the split settings
     * @param seed the seed
     * @param order how the K support ratings are chosen
     * @return the split
     */
    public static ColdStartSplit drawSplit(Dataset dataset, ColdStartSplit.Config split, long seed, SupportOrder order) {
        return ColdStartSplit.create(dataset.interactions(), split, Rng.derive(seed, "crossdomain/split"), order);
    }

    /**
     * Prepares the split and the inputs.
     *
     * @param dataset the data, with the split's domains
     * @param split the split settings
     * @param seed the run's seed
     * @return the setup
     * @throws IllegalArgumentException naming a domain the data does not have, or a split without test users
     */
    public static CrossDomainSetup prepare(Dataset dataset, ColdStartSplit.Config split, long seed) {
        return prepare(dataset, split, seed, Options.DEFAULT);
    }

    /**
     * Prepares the split, with a support order and warm users.
     *
     * @param dataset the data, with the split's domains (and timestamps for a temporal order)
     * @param split the split settings
     * @param seed the run's seed
     * @param options the support order and the number of warm users
     * @return the setup
     * @throws IllegalArgumentException as {@link #prepare(Dataset, ColdStartSplit.Config, long)}, or for a
     *     temporal order on data without timestamps
     */
    public static CrossDomainSetup prepare(Dataset dataset, ColdStartSplit.Config split, long seed, Options options) {
        return new CrossDomainSetup(dataset, split, seed, options);
    }

    /**
     * The users k-fold validation splits: the training candidates of the split ({@link
     * ColdStartSplit#trainingCandidates}) that are not warm users (whose held-out ratings are test data), ascending.
     *
     * @return a new array
     */
    public int[] foldableUsers() {
        int[] warmUsers = warm.tasks().stream().mapToInt(RatingTask::user).sorted().toArray();
        return Arrays.stream(split.trainingCandidates(dataset.interactions()))
                .filter(u -> Arrays.binarySearch(warmUsers, u) < 0).toArray();
    }

    /**
     * One fold of k-fold validation: this setup with {@code users} (of {@link #foldableUsers()}) as its validation
     * users, their target ratings out of the training rows and the profiles ({@link ColdStartSplit#withValidationFold});
     * the test users, the warm users and their held-out ratings, and this setup's own validation users (kept out of
     * training) are unchanged.
     *
     * @param users the fold's users
     * @return the fold's setup
     * @throws IllegalArgumentException for a user who is not foldable
     */
    public CrossDomainSetup fold(int[] users) {
        int[] foldable = foldableUsers();
        for (int u : users) {
            if (Arrays.binarySearch(foldable, u) < 0) {
                throw new IllegalArgumentException("crossdomain fold: expected training candidates that are not warm "
                        + "users, found user " + u);
            }
        }
        ColdStartSplit folded = split.withValidationFold(dataset.interactions(), users,
                Rng.derive(seed, "crossdomain/split"), options.supportOrder());
        return new CrossDomainSetup(dataset, config, seed, options, folded, warm);
    }

    /**
     * The support order and warm users of this setup.
     *
     * @return the options
     */
    public Options options() {
        return options;
    }

    /**
     * The warm users: training users with held-out target ratings, scored next to the cold users.
     *
     * @return the warm users (none unless asked for)
     */
    public WarmUsers warmUsers() {
        return warm;
    }

    /**
     * The data.
     *
     * @return the dataset
     */
    public Dataset dataset() {
        return dataset;
    }

    /**
     * The split settings.
     *
     * @return the settings
     */
    public ColdStartSplit.Config config() {
        return config;
    }

    /**
     * The seed the split was drawn with.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * The cold-start split.
     *
     * @return the split
     */
    public ColdStartSplit split() {
        return split;
    }

    /**
     * The source domain indices.
     *
     * @return a new array
     */
    public int[] sources() {
        return sources.clone();
    }

    /**
     * The target domain index.
     *
     * @return the index
     */
    public int target() {
        return target;
    }

    /**
     * The factory for training and model selection: profiles on, the test users' target ratings hidden.
     *
     * @return the factory
     */
    public BatchFactory trainingFactory() {
        return training;
    }

    /**
     * The factory of the final evaluation, which can read the test users' ratings.
     *
     * @return the factory
     */
    public BatchFactory testFactory() {
        return test;
    }

    /**
     * The training rows of the target domain (ascending).
     *
     * @return a new array
     */
    public int[] targetTrainingRows() {
        return targetTrainingRows.clone();
    }

    /**
     * The training rows of the source domains (ascending).
     *
     * @return a new array
     */
    public int[] sourceTrainingRows() {
        return sourceTrainingRows.clone();
    }

    /**
     * All training rows (ascending): the split's, without the warm users' held-out rows.
     *
     * @return a new array
     */
    public int[] trainingRows() {
        return trainingRows.clone();
    }

    /**
     * The ranking candidates of the test users (or of the warm users): the catalogue is every item of the target
     * domain, a user's known items those of its support and of every row training and model selection can read
     * ({@link #trainingFactory()}: its source ratings, and a warm user's training ratings); negatives and ties derive
     * from this setup's seed ({@link RankingCandidates}).
     *
     * @param settings what to rank
     * @param warm the warm users' tasks instead of the test users'
     * @return the candidates, for {@link CrossDomainStudy#evaluate(org.metarec.algorithms.rec.ColdStartRecommender,
     *     org.metarec.algorithms.parallel.TaskPool, RankingCandidates)}
     */
    public RankingCandidates ranking(RankingSettings settings, boolean warm) {
        Interactions x = dataset.interactions();
        int[] catalogue = Arrays.stream(x.rowsInDomain(target)).map(x::item).distinct().sorted().toArray();
        return RankingCandidates.build(x, warm ? warmUsers().tasks() : split.testTasks(), catalogue,
                r -> !training.isHidden(r), settings, seed);
    }
}
