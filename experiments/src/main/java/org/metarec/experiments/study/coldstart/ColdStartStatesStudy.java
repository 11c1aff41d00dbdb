package org.metarec.experiments.study.coldstart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metarec.algorithms.meta.Task;
import org.metarec.algorithms.meta.TaskLoss;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.ColdStartRecommender;
import org.metarec.algorithms.rec.RankingCandidates;
import org.metarec.algorithms.rec.Recommendation;
import org.metarec.algorithms.rec.TaskEvaluator;
import org.metarec.algorithms.rec.TestScores;
import org.metarec.algorithms.rec.baseline.PooledFineTuning;
import org.metarec.algorithms.rec.coldstart.ColdStartMetaMethod;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.SlotMode;
import org.metarec.algorithms.rec.model.ModelInputs;
import org.metarec.algorithms.rec.model.RatingLoss;
import org.metarec.algorithms.rec.model.RecModel;
import org.metarec.algorithms.rec.model.RecModels;
import org.metarec.algorithms.rec.train.BestSoFar;
import org.metarec.algorithms.rec.train.FineTuning;
import org.metarec.algorithms.rec.train.MetaLearning;
import org.metarec.algorithms.rec.train.PooledTraining;
import org.metarec.algorithms.rec.train.Selection;
import org.metarec.algorithms.rec.train.TrainingContext;
import org.metarec.algorithms.rec.train.TrialBudget;
import org.metarec.algorithms.train.MetaTrainer;
import org.metarec.core.data.Interactions;
import org.metarec.core.tasks.ColdStartStates;
import org.metarec.core.tasks.RatingTask;
import org.metarec.experiments.study.rec.BaselineSelection;
import org.metarec.experiments.study.rec.ModelSizes;
import org.metarec.experiments.study.rec.RecMethod;

/**
 * MeLU's cold-start study (Lee, Im, Jang, Cho and Chung, "MeLU: Meta-Learned User Preference Estimator for
 * Cold-Start Recommendation", KDD 2019, section 5.1): train one method on the warm state (existing users x
 * existing items), choose its checkpoint (and adaptation setting) on the validation users' warm-state tasks
 * only, then measure it on the held-out tasks of each state: warm (held-out existing users), user cold-start,
 * item cold-start and user-and-item cold-start ({@link ColdStartStates}).
 *
 * <p>Methods ({@link #METHODS}):
 * <ul>
 *   <li>{@code maml, fomaml, reptile, metasgd, anil, cavia, mamlpp, imaml}: the model is meta-trained over the
 *       training users'
 *       warm-state tasks, each drawn uniformly with replacement and kept with its fixed split into 10 query
 *       ratings and the rest as support (MeLU's tasks); a test user starts from the meta-learned parameters
 *       and adapts with the learner's inner loop. With the MeLU model the inner loop adapts the decision
 *       layers only (ANIL: the last one), as the paper's local update;</li>
 *   <li>{@code mamo}, {@code tanp}: meta-trained on the same tasks, each with its own model of the configured
 *       embedding and hidden widths ({@link ColdStartMetaMethod}); MAMO personalises its start from the user's
 *       features and adapts by its local update, TaNP encodes the support set;</li>
 *   <li>{@code pretrained}: the same model trained on all training rows pooled, then fine-tuned by SGD on the
 *       support set ({@link PooledFineTuning}; epoch and fine-tuning rate chosen on validation);</li>
 *   <li>{@code global_mean}, {@code item_bias}: closed-form baselines from the training rows (a new item has
 *       no item bias, so {@code item_bias} predicts it from the mean and the user's support bias).</li>
 * </ul>
 *
 * <p>Never looking at a held-out rating is enforced twice: training and selection build every batch from
 * {@link ColdStartStatesSetup#trainingFactory()}, which throws on any row outside the training and validation
 * users' warm-state tasks, and the test tasks are only read by {@link #evaluate}. Random streams derive from
 * the seed by purpose: {@code coldstart/split}, {@code crossdomain/init}, {@code crossdomain/train-tasks},
 * {@code crossdomain/pooled-order} (the last three are the training loops' own, shared with the cross-domain
 * study); MAMO draws its memories from {@code mamo/memory} and TaNP its latent noise from
 * {@code tanp/latent/<iteration>/<task>}.
 */
public final class ColdStartStatesStudy {

    /**
     * The prefix of the training loops' streams ({@code crossdomain/init}, {@code crossdomain/train-tasks},
     * {@code crossdomain/pooled-order}): the same names as the cross-domain study's, whose training code this
     * study reuses, so the two studies train a method with the same streams.
     */
    private static final String TRAINING_STREAMS = "crossdomain";

    /** The methods this study runs. */
    public static final List<RecMethod> METHODS = List.of(RecMethod.GLOBAL_MEAN, RecMethod.ITEM_BIAS,
            RecMethod.PRETRAINED, RecMethod.MAML, RecMethod.FOMAML, RecMethod.REPTILE, RecMethod.METASGD, RecMethod.ANIL,
            RecMethod.CAVIA, RecMethod.MAMLPP, RecMethod.IMAML, RecMethod.MAMO, RecMethod.TANP);

    /**
     * Every setting of one method's run.
     *
     * @param method one of {@link #METHODS}
     * @param model one of {@link RecModels#TYPES} (the MeLU protocol's is {@code melu}); ignored by the baselines
     *     and by {@code mamo} and {@code tanp}, which bring their own
     * @param seed the seed of every random stream; the setup must have been prepared with it
     * @param sizes embedding width, hidden (decision) layer widths, and the L2 penalty of every training loss
     *     (MeLU has none)
     * @param meta the meta-learners' settings (Reptile's inner rate is {@code reptileInnerLr} instead)
     * @param reptileInnerLr Reptile's inner learning rate
     * @param pooled the pooled training of {@code pretrained}
     * @param fineTune its fine-tuning on the support set
     * @param coldStart MAMO's and TaNP's settings (their own models have the embedding and hidden widths of
     *     {@code sizes}; MAMO's local update is {@code meta}'s inner rate and steps)
     * @param shrinkages the item_bias shrinkages scored on the validation users
     */
    public record Protocol(RecMethod method, String model, long seed, ModelSizes sizes, MetaLearning.Settings meta,
            double reptileInnerLr, PooledTraining.Settings pooled, FineTuning fineTune,
            ColdStartMetaMethod.Settings coldStart, BaselineSelection.Shrinkages shrinkages) {

        /**
         * A protocol with MAMO's and TaNP's default settings and item_bias's default grid of shrinkages.
         *
         * @param method the method
         * @param model the model type
         * @param seed the seed
         * @param sizes the model's sizes
         * @param meta the meta-learners' settings
         * @param reptileInnerLr Reptile's inner rate
         * @param pooled pooled training
         * @param fineTune fine-tuning
         */
        public Protocol(RecMethod method, String model, long seed, ModelSizes sizes, MetaLearning.Settings meta,
                double reptileInnerLr, PooledTraining.Settings pooled, FineTuning fineTune) {
            this(method, model, seed, sizes, meta, reptileInnerLr, pooled, fineTune, ColdStartMetaMethod.Settings.DEFAULT,
                    BaselineSelection.Shrinkages.DEFAULT);
        }

        /** Validates the names. */
        public Protocol {
            if (!METHODS.contains(method)) {
                throw new IllegalArgumentException("coldstart method: expected one of " + METHODS + ", found '"
                        + method + "'");
            }
            if (!RecModels.TYPES.contains(model)) {
                throw new IllegalArgumentException("coldstart model: expected one of " + RecModels.TYPES + ", found '"
                        + model + "'");
            }
            if (sizes == null || !(reptileInnerLr > 0) || meta == null || pooled == null || fineTune == null
                    || coldStart == null || shrinkages == null) {
                throw new IllegalArgumentException("coldstart protocol: expected sizes, reptileInnerLr > 0 and meta, "
                        + "pooled and fine-tuning settings, found " + sizes + ", " + reptileInnerLr + ", " + meta
                        + ", " + pooled + ", " + fineTune);
            }
        }

        /**
         * This protocol with another method.
         *
         * @param m the method
         * @return a new protocol
         */
        public Protocol withMethod(RecMethod m) {
            return new Protocol(m, model, seed, sizes, meta, reptileInnerLr, pooled, fineTune, coldStart, shrinkages);
        }
    }

    /**
     * A trained method.
     *
     * @param recommender the chosen recommender
     * @param selection how it was chosen on the validation users
     */
    public record Trained(ColdStartRecommender recommender, Selection selection) {}

    private final ColdStartStatesSetup setup;
    private final Protocol protocol;

    /**
     * The study of one method on a prepared split (several methods share one).
     *
     * @param setup the prepared split, drawn with the protocol's seed
     * @param protocol the method's settings
     */
    public ColdStartStatesStudy(ColdStartStatesSetup setup, Protocol protocol) {
        if (setup.seed() != protocol.seed()) {
            throw new IllegalArgumentException("coldstart study: expected a setup prepared with the protocol's seed "
                    + protocol.seed() + ", found seed " + setup.seed());
        }
        this.setup = setup;
        this.protocol = protocol;
    }

    /**
     * Trains the protocol's method on the training users' warm-state rows and selects it on the validation
     * users.
     *
     * @param pool runs tasks in parallel (results do not depend on its thread count)
     * @return the chosen recommender and the selection history
     */
    public Trained train(TaskPool pool) {
        return train(pool, TrialBudget.unlimited());
    }

    /**
     * Trains and selects on the validation users while {@code budget} lasts (one trial per scored checkpoint
     * and adaptation setting; training stops when it is spent).
     *
     * @param pool runs tasks in parallel (results do not depend on its thread count)
     * @param budget the trials the selection may spend
     * @return the chosen recommender and the selection history
     */
    public Trained train(TaskPool pool, TrialBudget budget) {
        Protocol p = protocol;
        ColdStartStates states = setup.states();
        BatchFactory factory = setup.trainingFactory();
        TaskEvaluator validation = new TaskEvaluator(factory, states.validationTasks());
        TrainingContext ctx = new TrainingContext(p.seed(), TRAINING_STREAMS, pool, validation, budget);
        Interactions data = setup.dataset().interactions();
        int[] rows = states.trainingRows();
        RecMethod method = p.method();
        switch (method.family()) {
            case CLOSED_FORM -> {
                BestSoFar<ColdStartRecommender> best = method == RecMethod.GLOBAL_MEAN
                        ? BaselineSelection.globalMean(data, rows, validation, pool, budget)
                        : BaselineSelection.itemBias(data, rows, validation, pool, p.shrinkages(), budget);
                return new Trained(best.value(), best.selection());
            }
            case POOLED -> {
                RecModel model = model(factory, data.meanRating(rows));
                PooledFineTuning.Result r = PooledFineTuning.train(method.configName(), model,
                        RatingLoss.of(model, p.sizes().weightDecay()), factory, rows, p.pooled(), p.fineTune(), ctx);
                return new Trained(r.recommender(), r.selection());
            }
            case META -> {
                RecModel model = model(factory, data.meanRating(rows));
                TaskLoss<RatingBatch> loss = RatingLoss.of(model, p.sizes().weightDecay());
                MetaLearning.Settings s = p.meta().forMethod(method.meta(), p.reptileInnerLr());
                MetaLearning.Result r = MetaLearning.train(method.meta(), model, loss, taskSource(factory),
                        smallestSupport(), s, ctx);
                return new Trained(r.recommender(), r.selection());
            }
            case COLD_START_META -> {
                ColdStartMetaMethod m = method.coldStart();
                RecModel model = m.model(ModelInputs.of(factory, data.meanRating(rows)), p.sizes().dim(),
                        p.sizes().hidden(), p.coldStart());
                MetaLearning.Result r = MetaLearning.train(m, model, p.coldStart(), taskSource(factory),
                        smallestSupport(), p.meta(), ctx);
                return new Trained(r.recommender(), r.selection());
            }
            default -> throw new IllegalStateException("coldstart: the study does not run " + method);
        }
    }

    /** The training users' warm-state tasks, each drawn uniformly with replacement, with its fixed split. */
    private MetaTrainer.TaskSource<RatingBatch> taskSource(BatchFactory factory) {
        List<RatingTask> tasks = setup.states().trainingTasks();
        return rng -> {
            RatingTask t = tasks.get(rng.nextInt(tasks.size()));
            return new Task<>(factory.rows(t.supportRows(), SlotMode.SINGLE), factory.rows(t.queryRows(), SlotMode.SINGLE));
        };
    }

    /** The fewest support ratings a task has. */
    private int smallestSupport() {
        return setup.config().minRatings() - setup.config().querySize();
    }

    private RecModel model(BatchFactory factory, double mean) {
        return RecModels.create(protocol.model(), ModelInputs.of(factory, mean), protocol.sizes().dim(),
                protocol.sizes().hidden());
    }

    /**
     * Measures a trained recommender on the held-out tasks of every state ({@link TestScores#of}: per user MAE,
     * RMSE and within-query nDCG@3 of the query ratings after adapting on the support set; MAE and RMSE pooled
     * over all query ratings), under the setting {@code <state>} (support: every rating not in the query, MeLU's
     * protocol) and, for each K of {@code supportSizes}, {@code <state>_k<K>} (the tasks with at least K support
     * ratings, each with its first K, a random subset; the query is the same). A setting without tasks (a state
     * or K that no task reaches) is left out.
     *
     * @param recommender the trained recommender
     * @param supportSizes fixed support sizes K to measure besides the full support
     * @param pool runs test tasks in parallel
     * @return setting to scores, states in {@link ColdStartStates.State} order
     */
    public Map<String, TestScores> evaluate(ColdStartRecommender recommender, int[] supportSizes, TaskPool pool) {
        return evaluate(recommender, supportSizes, pool, Map.of());
    }

    /**
     * As {@link #evaluate(ColdStartRecommender, int[], TaskPool)}, with the ranking metrics of each setting's
     * candidates besides ({@link TaskEvaluator#scores(ColdStartRecommender, TaskPool, RankingCandidates)}).
     *
     * @param recommender the trained recommender
     * @param supportSizes fixed support sizes K to measure besides the full support
     * @param pool runs test tasks in parallel
     * @param ranking setting ({@code <state>} or {@code <state>_k<K>}) to its candidates
     *     ({@link ColdStartStatesSetup#ranking}); a setting not here gets no ranking metrics
     * @return setting to scores, states in {@link ColdStartStates.State} order
     */
    public Map<String, TestScores> evaluate(ColdStartRecommender recommender, int[] supportSizes, TaskPool pool,
                                            Map<String, RankingCandidates> ranking) {
        Map<String, TestScores> out = new LinkedHashMap<>();
        for (ColdStartStates.State state : ColdStartStates.State.values()) {
            List<Integer> sizes = new ArrayList<>();
            sizes.add(null);
            Arrays.stream(supportSizes).forEach(sizes::add);
            for (Integer k : sizes) {
                List<RatingTask> tasks = setup.testTasks(state, k);
                if (!tasks.isEmpty()) {
                    String setting = settingName(state, k);
                    out.put(setting, new TaskEvaluator(setup.testFactory(), tasks).cappingDivergence().scores(recommender, pool,
                            ranking.get(setting)));
                }
            }
        }
        return out;
    }

    /**
     * The name of a state's setting at K in metric names.
     *
     * @param state the state
     * @param k the support size, or null for the whole support
     * @return {@code <state>} or {@code <state>_k<K>}
     */
    public static String settingName(ColdStartStates.State state, Integer k) {
        return state.label() + (k == null ? "" : "_k" + k);
    }

    /**
     * The prepared split.
     *
     * @return the setup
     */
    public ColdStartStatesSetup setup() {
        return setup;
    }

    /**
     * The method's settings.
     *
     * @return the protocol
     */
    public Protocol protocol() {
        return protocol;
    }
}
