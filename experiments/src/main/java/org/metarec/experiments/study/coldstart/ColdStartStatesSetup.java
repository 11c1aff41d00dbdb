package org.metarec.experiments.study.coldstart;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.metarec.algorithms.rec.RankingCandidates;
import org.metarec.algorithms.rec.RankingSettings;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.FeatureEncoding;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.Interactions;
import org.metarec.core.random.Rng;
import org.metarec.core.tasks.ColdStartStates;
import org.metarec.core.tasks.RatingTask;

/**
 * Everything the methods of one seed of MeLU's cold-start study share, prepared once: the split into the
 * four cold-start states ({@link ColdStartStates}, from the stream {@code coldstart/split} of the seed), the
 * feature encodings and the batch factories.
 *
 * <p>The factory for training and model selection ({@link #trainingFactory()}) can read the rows of the
 * training users' and the validation users' warm-state tasks and nothing else: every rating of a new user,
 * of a new item, of a warm test user, and of a user whose task is too small or too large, throws
 * {@link org.metarec.algorithms.rec.data.HiddenRowException}. Only {@link #testFactory()}, which the study
 * uses in its final evaluation alone, can read them. Batches carry no cross-domain profile.
 */
public final class ColdStartStatesSetup {

    private final Dataset dataset;
    private final ColdStartStates.Config config;
    private final long seed;
    private final ColdStartStates states;
    private final BatchFactory training;
    private final BatchFactory test;

    private ColdStartStatesSetup(Dataset dataset, ColdStartStates.Config config, long seed) {
        this(dataset, config, seed, ColdStartStates.create(dataset.interactions(), dataset.itemYears(), config,
                Rng.derive(seed, "coldstart/split")));
    }

    private ColdStartStatesSetup(Dataset dataset, ColdStartStates.Config config, long seed, ColdStartStates states) {
        this.dataset = dataset;
        this.config = config;
        this.seed = seed;
        this.states = states;
        this.test = new BatchFactory(dataset.interactions(), FeatureEncoding.of(dataset.userFeatures()),
                FeatureEncoding.of(dataset.itemFeatures()), null);
        boolean[] visible = new boolean[dataset.interactions().size()];
        for (int r : states.trainingRows()) {
            visible[r] = true;
        }
        for (int r : ColdStartStates.rowsOf(states.validationTasks())) {
            visible[r] = true;
        }
        this.training = test.hiding(IntStream.range(0, visible.length).filter(r -> !visible[r])
                .toArray());
    }

    /**
     * Splits the data and prepares the inputs.
     *
     * @param dataset the data: one domain, timestamps and item release years
     * @param config the split settings
     * @param seed the run's seed
     * @return the setup
     * @throws IllegalArgumentException for data without release years, with several domains or without
     *     timestamps, or a split without warm-state training users
     */
    public static ColdStartStatesSetup prepare(Dataset dataset, ColdStartStates.Config config, long seed) {
        if (!dataset.hasItemYears()) {
            throw new IllegalArgumentException("cold-start states: expected items with release years (MovieLens), "
                    + "found a data set without them");
        }
        return new ColdStartStatesSetup(dataset, config, seed);
    }

    /**
     * One fold of k-fold validation: this setup with {@code users} (warm-state training users) as its validation
     * users and the other training users as its training users ({@link ColdStartStates#withValidationFold}). Its
     * training factory reads the warm-state tasks of the training users only: this setup's validation users, like
     * every held-out rating, stay hidden.
     *
     * @param users the fold's users
     * @return the fold's setup
     */
    public ColdStartStatesSetup fold(int[] users) {
        ColdStartStates folded = states.withValidationFold(users);
        return new ColdStartStatesSetup(dataset, config, seed, folded);
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
    public ColdStartStates.Config config() {
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
     * The split into cold-start states.
     *
     * @return the split
     */
    public ColdStartStates states() {
        return states;
    }

    /**
     * The factory for training and model selection: only training and validation users' warm-state rows.
     *
     * @return the factory
     */
    public BatchFactory trainingFactory() {
        return training;
    }

    /**
     * The factory of the final evaluation, which can read every row.
     *
     * @return the factory
     */
    public BatchFactory testFactory() {
        return test;
    }

    /**
     * The test tasks of a state as measured with K support ratings: those with at least K support rows, each
     * cut to its first K (a random subset; the query is unchanged). All of them, whole, when K is null.
     *
     * @param state the state
     * @param k the support size, or null for MeLU's "every rating not in the query"
     * @return the tasks, in ascending user order
     */
    public List<RatingTask> testTasks(ColdStartStates.State state, Integer k) {
        List<RatingTask> tasks = states.testTasks(state);
        return k == null ? tasks
                : tasks.stream().filter(t -> t.supportSize() >= k).map(t -> t.withSupportSize(k)).toList();
    }

    /**
     * The rows the training factory refuses, ascending.
     *
     * @return a new array
     */
    public int[] hiddenRows() {
        return Arrays.stream(dataset.interactions().allRows()).filter(training::isHidden).toArray();
    }

    /**
     * The ranking candidates of a state's test tasks at K ({@link #testTasks}): the catalogue is every item of the
     * state's kind (existing or new, by release year) that has a rating, a user's known items those of its support and
     * of every row training and model selection can read ({@link #trainingFactory()}); negatives and ties derive from
     * this setup's seed ({@link RankingCandidates}).
     *
     * @param settings what to rank
     * @param state the state
     * @param k the support size, or null for the whole support
     * @return the candidates
     */
    public RankingCandidates ranking(RankingSettings settings, ColdStartStates.State state, Integer k) {
        Interactions x = dataset.interactions();
        boolean existing = existingItems(state);
        int[] catalogue = Arrays.stream(x.allRows()).filter(r -> {
            ColdStartStates.State s = states.state(x, r);
            return s != null && existingItems(s) == existing;
        }).map(x::item).distinct().sorted().toArray();
        return RankingCandidates.build(x, testTasks(state, k), catalogue, r -> !training.isHidden(r), settings, seed);
    }

    private static boolean existingItems(ColdStartStates.State s) {
        return s == ColdStartStates.State.WARM || s == ColdStartStates.State.USER_COLD;
    }
}
