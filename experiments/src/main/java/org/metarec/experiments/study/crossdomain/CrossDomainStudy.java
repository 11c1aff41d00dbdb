package org.metarec.experiments.study.crossdomain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.metarec.algorithms.meta.TaskLoss;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.ColdStartRecommender;
import org.metarec.algorithms.rec.RankingCandidates;
import org.metarec.algorithms.rec.TaskEvaluator;
import org.metarec.algorithms.rec.TestScores;
import org.metarec.algorithms.rec.baseline.PooledFineTuning;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.UserContext;
import org.metarec.algorithms.rec.mapping.DomainFactors;
import org.metarec.algorithms.rec.mapping.Emcdr;
import org.metarec.algorithms.rec.mapping.MappingSettings;
import org.metarec.algorithms.rec.mapping.Ptupcdr;
import org.metarec.algorithms.rec.model.ModelInputs;
import org.metarec.algorithms.rec.model.RatingLoss;
import org.metarec.algorithms.rec.model.RecModel;
import org.metarec.algorithms.rec.model.RecModels;
import org.metarec.algorithms.rec.train.BestSoFar;
import org.metarec.algorithms.rec.train.FineTuning;
import org.metarec.algorithms.rec.coldstart.ColdStartMetaMethod;
import org.metarec.algorithms.rec.train.MetaLearning;
import org.metarec.algorithms.rec.train.Selection;
import org.metarec.algorithms.rec.train.TrainingContext;
import org.metarec.algorithms.rec.train.TrainingTasks;
import org.metarec.algorithms.rec.train.TrialBudget;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.Interactions;
import org.metarec.core.random.Rng;
import org.metarec.experiments.study.rec.BaselineSelection;
import org.metarec.experiments.study.rec.RecMethod;

/**
 * The cross-domain cold-start study: train one method on the source domains and the target domain's
 * training users, choose its checkpoint (and adaptation setting) on the validation users only, then
 * measure it on the test users, each of whom reveals K target ratings.
 *
 * <p>Methods ({@link CrossDomainProtocol#METHODS}):
 * <ul>
 *   <li>{@code maml, fomaml, reptile, metasgd, anil, cavia, mamlpp, imaml}: the model is meta-trained over user
 *       tasks of every
 *       included domain ({@link TrainingTasks}); a test user starts from the meta-learned initialisation
 *       and adapts with the learner's inner loop. The model sees the user's cross-domain profile;</li>
 *   <li>{@code pretrained}: the same model trained on all training rows pooled (with profiles), then
 *       fine-tuned on the support set ({@link PooledFineTuning});</li>
 *   <li>{@code target_only}: as pretrained, on the target domain's training rows, without profiles;</li>
 *   <li>with {@link CrossDomainProtocol#useSources()} false, a meta-learner or pretrained sees the target
 *       domain alone (no source tasks, rows or profiles): the ablation that isolates transfer;</li>
 *   <li>{@code global_mean}, {@code item_bias}: closed-form baselines from the target training rows;
 *       {@code transfer_bias}: item_bias with the user bias pooled over source and support ratings;</li>
 *   <li>a meta-learner or pretrained can start its users from another {@link UserStart} (the profile, the
 *       user's own source embedding, or both), trained by {@link TransferTraining}; row names in
 *       {@link MethodVariant};</li>
 *   <li>{@code emcdr}, {@code ptupcdr}: per-domain factorisations and a learned transfer ({@link Emcdr},
 *       {@link Ptupcdr}), then fine-tuning on the support set.</li>
 * </ul>
 *
 * <p>Never looking at the test users is enforced twice: every training and selection step builds its
 * batches from {@link CrossDomainSetup#trainingFactory()}, which throws on a test user's target rating,
 * and the test tasks are only read by {@link #evaluate}. Random streams derive from the seed by
 * purpose: {@code crossdomain/split}, {@code crossdomain/init}, {@code crossdomain/train-tasks},
 * {@code crossdomain/pooled-order}, {@code crossdomain/source-mf}, {@code crossdomain/target-mf},
 * {@code crossdomain/mapping}.
 */
public final class CrossDomainStudy {

    /**
     * A trained method.
     *
     * @param recommender the chosen recommender
     * @param selection how it was chosen on the validation users
     */
    public record Trained(ColdStartRecommender recommender, Selection selection) {}

    /** The prefix of this study's random streams: {@code crossdomain/init}, {@code crossdomain/mapping}, ... */
    public static final String STREAMS = "crossdomain";

    private final CrossDomainSetup setup;
    private final CrossDomainProtocol protocol;
    private final UserStart start;   // null for the methods without the choice

    /**
     * The study of one protocol on a data set (the split is prepared here).
     *
     * @param dataset the data
     * @param protocol the protocol
     */
    public CrossDomainStudy(Dataset dataset, CrossDomainProtocol protocol) {
        this(CrossDomainSetup.prepare(dataset, protocol.split(), protocol.seed()), protocol);
    }

    /**
     * The study of one protocol on a prepared setup (several methods can share one).
     *
     * @param setup the prepared split, with the protocol's split settings and seed
     * @param protocol the protocol
     */
    public CrossDomainStudy(CrossDomainSetup setup, CrossDomainProtocol protocol) {
        this(setup, protocol, UserStart.defaultFor(protocol.method()));
    }

    /**
     * The study of one protocol on a prepared setup, with the method's users starting from {@code start}
     * ({@link MethodVariant}); with the sources off the start must be the method's default.
     *
     * @param setup the prepared split, with the protocol's split settings and seed
     * @param protocol the protocol
     * @param start where the users start: null exactly for the methods without the choice
     */
    public CrossDomainStudy(CrossDomainSetup setup, CrossDomainProtocol protocol, UserStart start) {
        UserStart own = UserStart.defaultFor(protocol.method());
        if ((own == null) != (start == null) || (!protocol.useSources() && start != own)) {
            throw new IllegalArgumentException("crossdomain study: expected " + protocol.method() + " to start users from "
                    + (own == null ? "nothing (it has no learned user start)" : protocol.useSources()
                    ? "one of " + java.util.List.of(UserStart.values()) : own + " (no source embedding without the sources)")
                    + ", found " + start);
        }
        if (!setup.config().equals(protocol.split()) || setup.seed() != protocol.seed()) {
            throw new IllegalArgumentException("crossdomain study: expected a setup prepared with the protocol's split "
                    + "and seed " + protocol.seed() + ", found split " + setup.config() + " and seed " + setup.seed());
        }
        this.setup = setup;
        this.protocol = protocol;
        this.start = start;
    }

    /**
     * The protocol.
     *
     * @return the protocol
     */
    public CrossDomainProtocol protocol() {
        return protocol;
    }

    /**
     * The prepared split and inputs.
     *
     * @return the setup
     */
    public CrossDomainSetup setup() {
        return setup;
    }

    /**
     * Trains the protocol's method and selects it on the validation users.
     *
     * @param pool runs tasks in parallel (results do not depend on its thread count)
     * @return the chosen recommender and the selection history
     */
    public Trained train(TaskPool pool) {
        return train(pool, TrialBudget.unlimited());
    }

    /**
     * Trains the protocol's method and selects it on the validation users, scoring while {@code budget} lasts
     * (one trial per scored checkpoint and adaptation setting; training stops when it is spent).
     *
     * @param pool runs tasks in parallel (results do not depend on its thread count)
     * @param budget the trials the selection may spend
     * @return the chosen recommender and the selection history
     */
    public Trained train(TaskPool pool, TrialBudget budget) {
        CrossDomainProtocol p = protocol;
        CrossDomainProtocol.Training t = p.training();
        BatchFactory factory = setup.trainingFactory();
        TaskEvaluator validation = new TaskEvaluator(factory, setup.split().validationTasks());
        TrainingContext ctx = new TrainingContext(p.seed(), STREAMS, pool, validation, budget);
        Interactions data = setup.dataset().interactions();
        int k = p.split().supportSize();
        double wd = p.sizes().weightDecay();
        RecMethod method = p.method();
        // Without the sources, a method sees the target domain alone: no source rows, tasks or profiles.
        boolean sources = p.useSources() && method != RecMethod.TARGET_ONLY;
        BatchFactory f = sources ? factory : factory.withProfiles(null);
        int[] rows = sources ? setup.trainingRows() : setup.targetTrainingRows();
        TrainingContext seen = sources ? ctx : ctx.withValidation(new TaskEvaluator(f, setup.split().validationTasks()));
        if (start != UserStart.defaultFor(method)) {
            return new TransferTraining(setup, p, fineTuning(), ctx).train(method, start);
        }
        switch (method.family()) {
            case CLOSED_FORM -> {
                BestSoFar<ColdStartRecommender> best = switch (method) {
                    case GLOBAL_MEAN -> BaselineSelection.globalMean(data, setup.targetTrainingRows(), validation, pool,
                            budget);
                    case TRANSFER_BIAS -> BaselineSelection.transferBias(data, setup.targetTrainingRows(),
                            p.useSources() ? setup.sourceTrainingRows() : new int[0], validation, pool, t.shrinkages(),
                            budget);
                    default -> BaselineSelection.itemBias(data, setup.targetTrainingRows(), validation, pool,
                            t.shrinkages(), budget);
                };
                return new Trained(best.value(), best.selection());
            }
            case POOLED -> {
                RecModel model = model(f, data.meanRating(rows));
                PooledFineTuning.Result r = PooledFineTuning.train(method.configName(), model, RatingLoss.of(model, wd),
                        f, rows, t.pooled(), fineTuning(), seen);
                return new Trained(r.recommender(), r.selection());
            }
            case MAPPING -> {
                return trainMapping(factory, ctx);
            }
            case META -> {
                RecModel model = model(f, data.meanRating(rows));
                TaskLoss<RatingBatch> loss = RatingLoss.of(model, wd);
                CrossDomainProtocol.MetaTraining m = t.meta();
                TrainingTasks tasks = new TrainingTasks(f, rows, sources ? setup.sources() : new int[0],
                        setup.target(), k, m.trainQuerySize(), m.targetTaskShare());
                MetaLearning.Result r = MetaLearning.train(method.meta(), model, loss, tasks, k,
                        m.forMethod(method.meta()), seen);
                return new Trained(r.recommender(), r.selection());
            }
            case COLD_START_META -> {
                CrossDomainProtocol.MetaTraining m = t.meta();
                ColdStartMetaMethod cs = method.coldStart();
                RecModel model = cs.model(ModelInputs.of(f, data.meanRating(rows)), p.sizes().dim(), p.sizes().hidden(),
                        m.coldStart());
                TrainingTasks tasks = new TrainingTasks(f, rows, sources ? setup.sources() : new int[0],
                        setup.target(), k, m.trainQuerySize(), m.targetTaskShare());
                MetaLearning.Result r = MetaLearning.train(cs, model, m.coldStart(), tasks::draw, k, m.settings(), seen);
                return new Trained(r.recommender(), r.selection());
            }
            default -> throw new IllegalStateException("crossdomain: no training for " + method);
        }
    }

    /** The fine-tuning rates to choose among: with K = 0 there is nothing to fine-tune on, so only the first. */
    private FineTuning fineTuning() {
        FineTuning f = protocol.training().fineTune();
        return protocol.split().supportSize() == 0 ? f.firstRateOnly() : f;
    }

    private RecModel model(BatchFactory factory, double mean) {
        return RecModels.create(protocol.model(), ModelInputs.of(factory, mean), protocol.sizes().dim(),
                protocol.sizes().hidden());
    }

    private Trained trainMapping(BatchFactory factory, TrainingContext ctx) {
        CrossDomainProtocol.Training t = protocol.training();
        int dim = protocol.sizes().dim();
        double wd = protocol.sizes().weightDecay();
        DomainFactors source = DomainFactors.fit(factory, setup.sourceTrainingRows(), dim, wd, t.pooled(),
                ctx.rng("source-mf"));
        DomainFactors target = DomainFactors.fit(factory, setup.targetTrainingRows(), dim, wd, t.pooled(),
                ctx.rng("target-mf"));
        int[] overlap = Emcdr.trainedInBoth(source, target, setup.split().trainingOverlapUsers());
        MappingSettings mapping = t.mappingSettings(protocol.sizes());
        if (protocol.method() == RecMethod.EMCDR) {
            Emcdr.Result r = Emcdr.train(source, target, overlap, mapping, fineTuning(), wd, ctx);
            return new Trained(r.recommender(), r.selection());
        }
        Interactions data = setup.dataset().interactions();
        int[] targetRows = setup.targetTrainingRows();
        List<UserContext> contexts = new ArrayList<>();
        List<int[]> rowsOf = new ArrayList<>();
        for (int u : overlap) {
            contexts.add(factory.context(u, setup.target()));
            rowsOf.add(Arrays.stream(data.rowsOf(u, setup.target()))
                    .filter(r -> Arrays.binarySearch(targetRows, r) >= 0).toArray());
        }
        Ptupcdr.Result r = Ptupcdr.train(source, target, new Ptupcdr.TrainingUsers(contexts, rowsOf), mapping,
                fineTuning(), wd, data, ctx);
        return new Trained(r.recommender(), r.selection());
    }

    /**
     * Measures a trained recommender on the test users (ascending user order): per user MAE, RMSE and the
     * within-query nDCG@3 of the query ratings after adapting on the K support ratings, and MAE and RMSE pooled
     * over all their query ratings ({@link TestScores#of}). Warm users' scores are {@link #evaluateWarm}'s.
     *
     * @param recommender the trained recommender
     * @param pool runs test tasks in parallel
     * @return the scores
     */
    public TestScores evaluate(ColdStartRecommender recommender, TaskPool pool) {
        return new TaskEvaluator(setup.testFactory(), setup.split().testTasks()).cappingDivergence().scores(recommender, pool);
    }

    /**
     * Measures a trained recommender on the setup's warm users ({@link WarmUsers}: training users whose held-out
     * target ratings never reached training or selection), as {@link #evaluate} does the test users.
     *
     * @param recommender the trained recommender
     * @param pool runs the tasks in parallel
     * @return the scores, or empty when the setup has no warm users
     */
    public java.util.Optional<TestScores> evaluateWarm(ColdStartRecommender recommender, TaskPool pool) {
        if (setup.warmUsers().tasks().isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new TaskEvaluator(setup.testFactory(), setup.warmUsers().tasks()).cappingDivergence().scores(recommender, pool));
    }

    /**
     * As {@link #evaluate(ColdStartRecommender, TaskPool)}, with the ranking metrics of {@code ranking} besides
     * ({@link TaskEvaluator#scores(ColdStartRecommender, TaskPool, RankingCandidates)}): the test users' relevant query
     * items ranked among the target domain's items and among sampled negatives.
     *
     * @param recommender the trained recommender
     * @param pool runs test tasks in parallel
     * @param ranking the setup's candidates of the test users ({@link CrossDomainSetup#ranking}), or null for none
     * @return the scores
     */
    public TestScores evaluate(ColdStartRecommender recommender, TaskPool pool, RankingCandidates ranking) {
        return new TaskEvaluator(setup.testFactory(), setup.split().testTasks()).cappingDivergence().scores(recommender, pool, ranking);
    }

    /**
     * As {@link #evaluateWarm(ColdStartRecommender, TaskPool)}, with the ranking metrics of {@code ranking} besides.
     *
     * @param recommender the trained recommender
     * @param pool runs the tasks in parallel
     * @param ranking the setup's candidates of the warm users ({@link CrossDomainSetup#ranking}), or null for none
     * @return the scores, or empty when the setup has no warm users
     */
    public java.util.Optional<TestScores> evaluateWarm(ColdStartRecommender recommender, TaskPool pool,
                                                        RankingCandidates ranking) {
        if (setup.warmUsers().tasks().isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new TaskEvaluator(setup.testFactory(), setup.warmUsers().tasks()).cappingDivergence()
                .scores(recommender, pool, ranking));
    }

    /**
     * Trains, selects and evaluates.
     *
     * @param pool runs tasks in parallel
     * @return the test scores, as {@link #evaluate}
     */
    public TestScores run(TaskPool pool) {
        return evaluate(train(pool).recommender(), pool);
    }
}
