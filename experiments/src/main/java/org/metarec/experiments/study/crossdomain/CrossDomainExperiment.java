package org.metarec.experiments.study.crossdomain;

import static org.metarec.experiments.config.Specs.bool;
import static org.metarec.experiments.config.Specs.integer;
import static org.metarec.experiments.config.Specs.key;
import static org.metarec.experiments.config.Specs.listOf;
import static org.metarec.experiments.config.Specs.oneOf;
import static org.metarec.experiments.config.Specs.real;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import org.metarec.algorithms.rec.ColdStartRecommender;
import org.metarec.algorithms.rec.RankingCandidates;
import org.metarec.algorithms.rec.RankingSettings;
import org.metarec.algorithms.rec.mapping.MappingSettings;
import org.metarec.algorithms.rec.train.MetaLearning;
import org.metarec.core.random.Rng;
import org.metarec.algorithms.rec.train.PooledTraining;
import org.metarec.core.data.Dataset;
import org.metarec.core.synthetic.SyntheticWorld;
import org.metarec.core.tasks.ColdStartSplit;
import org.metarec.core.tasks.RatingTask;
import org.metarec.algorithms.rec.TestScores;
import org.metarec.experiments.results.Measure;
import org.metarec.experiments.results.ResultSink;
import org.metarec.experiments.results.TaskId;
import org.metarec.core.tasks.SupportOrder;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.config.KeySpec;
import org.metarec.experiments.config.ObjectRule;
import org.metarec.experiments.config.ObjectSpec;
import org.metarec.experiments.data.DataSources;
import org.metarec.experiments.run.ExperimentKind;
import org.metarec.experiments.run.RunContext;
import org.metarec.experiments.study.crossdomain.CrossDomainProtocol;
import org.metarec.experiments.study.crossdomain.CrossDomainSetup;
import org.metarec.experiments.study.crossdomain.CrossDomainStudy;
import org.metarec.experiments.study.rec.CellResults;
import org.metarec.experiments.study.rec.CellRunner;
import org.metarec.experiments.study.rec.Folds;
import org.metarec.experiments.study.rec.RankingKeys;
import org.metarec.experiments.study.rec.RecMethod;
import org.metarec.experiments.study.rec.StudyKeys;
import org.metarec.experiments.study.rec.Tunable;
import org.metarec.experiments.study.rec.TunedValues;
import org.metarec.experiments.study.rec.Tuner;
import org.metarec.experiments.study.rec.TuningLog;
import org.metarec.experiments.study.rec.TuningSettings;

/**
 * The {@code crossdomain} kind: cold-start recommendation in a target domain, after training on source
 * domains (the protocol of EMCDR, TMCDR and PTUPCDR), run by {@link CrossDomainStudy}.
 *
 * <p>One run covers every combination of cold-start ratio ({@code crossdomain.cold_start_ratios}, or
 * {@code protocol.cold_start_ratio}), support size K ({@code evaluation.support_sizes}), seed
 * ({@code crossdomain.seeds}, or {@code seed}) and method ({@code methods}). Each combination draws its
 * own split from its seed, selects the model on validation users only and scores the test users. Metrics
 * are named {@code <metric>_k<K>_beta<percent>}: per test user {@code mae_user}, {@code rmse_user} and
 * {@code ndcg3_within_query}, and per seed {@code mae_pooled} and {@code rmse_pooled} (over all query ratings of
 * the seed's test users). Every value is recorded with its seed and user (each seed's split is a fresh draw of
 * test users, so users repeat across seeds), and the summary averages per seed and counts each user once. {@code train.csv} holds each combination's validation curve (validation RMSE
 * at every scored checkpoint).
 *
 * <p>A method name may carry the suffixes of {@link MethodVariant} ({@code maml.src}, {@code pretrained.profile},
 * {@code maml.nosrc}, ...), each its own row. With {@code crossdomain.warm_users} above 0 the warm users'
 * held-out ratings are scored too, as {@code mae_warm_k<K>_beta<percent>} and so on; with
 * {@code crossdomain.support_order: temporal} the support set is each user's first K ratings by time.
 *
 * <p>On synthetic data an extra row, {@code oracle}, scores the world's true rating function on the same
 * test tasks: the noise floor.
 *
 * <p>With {@code crossdomain.tuning.strategy: random} each combination's method is tuned by {@link Tuner}: random
 * search over its space with the same budget of validation scorings for every method (a checkpoint, an epoch, a
 * fine-tuning rate and a shrinkage each count one trial), streams {@code tuning/<method>/<cell>} of the cell's
 * seed; every trial goes to {@code tuning.csv} ({@link TuningLog}) and the chosen values to the end of
 * {@code config.resolved.yaml}. Without it, each method chooses among its built-in candidates. The log reports each
 * split's number of validation and test users; {@code tuning.min_validation_users} raises the first. With
 * {@code tuning.folds} k &ge; 2 a trial is scored by k-fold validation over the split's training candidates that are
 * not warm users ({@link Tuner#kFoldSearch}, folds from the stream {@code crossdomain/folds}), and the log says
 * "k-fold over N training users" with each fold's size.
 *
 * <p>A checkpoint is written after every finished combination, holding the per-task metrics of all
 * finished combinations; {@code resume} continues with the next one.
 */
public final class CrossDomainExperiment implements ExperimentKind {

    @Override
    public String name() {
        return "crossdomain";
    }

    @Override
    public String description() {
        return "Cross-domain cold-start recommendation: train on source domains, adapt to target-domain users from K ratings.";
    }

    @Override
    public ObjectSpec settings() {
        List<KeySpec> keys = new ArrayList<>(List.of(
                key("cold_start_ratios", listOf(real().above(0).below(1)).distinct()).defaultTo(List.of())
                        .doc("Cold-start ratios (beta) to run, each a fraction of the eligible overlap users that become test "
                                + "users; empty means `protocol.cold_start_ratio` alone."),
                StudyKeys.seeds(),
                key("use_sources", bool()).defaultTo(true)
                        .doc("Whether methods may use the source domains (false gives target-only variants)."),
                StudyKeys.weightDecay(),
                key("train_query", integer().atLeast(1)).defaultTo(CrossDomainProtocol.MetaTraining.DEFAULT_TRAIN_QUERY).doc("Query ratings per meta-training task (at most)."),
                key("target_task_share", real().atLeast(0).atMost(1))
                        .defaultTo(CrossDomainProtocol.MetaTraining.DEFAULT_TARGET_TASK_SHARE)
                        .doc("Probability that a meta-training task comes from a target-domain user.")));
        keys.addAll(StudyKeys.pooledTraining("pretrained, target_only, and the factorisations of the mapping methods"));
        keys.add(key("mapping_iterations", integer().atLeast(1)).defaultTo(CrossDomainProtocol.Mapping.DEFAULT.iterations())
                .doc("Adam steps of the EMCDR mapping and of the PTUPCDR meta network."));
        keys.add(TuningSettings.section(CrossDomainProtocol.METHODS));
        keys.addAll(TransferKeys.keys());
        return new ObjectSpec(keys, List.of());
    }

    @Override
    public List<String> reads() {
        return List.of("data.source", "data.path", "data.synthetic", "data.genres_as_domains", "data.amazon", "data.recbole",
                "data.delimited",
                "data.skip_bad_lines", "protocol.source_domains", "protocol.target_domain", "protocol.cold_start_ratio",
                "protocol.validation_ratio", "protocol.query", "protocol.min_ratings", "model.type", "model.hidden",
                "model.embedding_dim", "meta.inner_lr", "meta.inner_steps", "meta.meta_batch", "meta.reptile.inner_lr",
                "meta.mamlpp", "meta.imaml", "meta.mamo", "meta.tanp", "optimizer.lr", "optimizer.clip_norm",
                "budget.meta_iterations", "budget.validate_every",
                "evaluation.support_sizes", "evaluation.reference", "evaluation.correction",
                "evaluation.primary_metrics", RankingKeys.SECTION);
    }

    /** The rating errors and the ranking metrics that {@code evaluation.ranking} turns on ({@link RankingKeys#metrics}). */
    @Override
    public Optional<List<String>> metrics(Map<String, Object> config) {
        return Optional.of(RankingKeys.metrics(config));
    }

    /** Every method and its user-start and no-sources variants ({@link MethodVariant}). */
    @Override
    public List<String> methods() {
        return MethodVariant.all(CrossDomainProtocol.METHODS).stream().map(MethodVariant::name).toList();
    }

    /** The methods, and on synthetic data the {@link #ORACLE} row. */
    @Override
    public List<String> rows(Map<String, Object> config) {
        List<String> rows = new ArrayList<>(ExperimentKind.super.rows(config));
        if ("synthetic".equals(((Map<?, ?>) config.get("data")).get("source"))) {
            rows.add(ORACLE);
        }
        return rows;
    }

    @Override
    public List<ObjectRule> rules() {
        return List.of(StudyKeys.ratingsSource(name()), StudyKeys.knownDomains(), StudyKeys.caviaNeedsUserParameters(),
                StudyKeys.mamoNeedsAUserProfile(name()), TransferKeys.variantsNeedUserTablesAndSources(),
                StudyKeys.tunedMethodsHaveASpace(name()));
    }

    /**
     * The cold-start split of each (beta, K, seed) of the run's grid, as the run draws it: overlapping users, those
     * with enough target ratings to be drawn, and the cold (test), validation and training users.
     */
    @Override
    public String dataSummary(Config c, Dataset data) {
        StringBuilder out = new StringBuilder();
        int minValidation = TuningSettings.read(c, name(), CrossDomainProtocol.METHODS).minValidationUsers();
        for (double ratio : ratios(c)) {
            for (int k : c.getIntArray("evaluation.support_sizes")) {
                for (long seed : StudyKeys.seeds(c, "crossdomain")) {
                    ColdStartSplit.Config config;
                    ColdStartSplit s;
                    try {
                        config = split(c, data, new Cell(ratio, k, seed, ""), minValidation);
                        s = CrossDomainSetup.drawSplit(data, config, seed);
                    } catch (IllegalArgumentException e) {
                        // The report is still worth reading: say why a run would stop here.
                        out.append(String.format(Locale.ROOT, "Cold-start split beta %.2f, K %d, seed %d: cannot be drawn "
                                + "(a run would stop): %s%n", ratio, k, seed, e.getMessage()));
                        continue;
                    }
                    if (!out.toString().contains("Cold-start splits:")) {
                        out.append(String.format(Locale.ROOT, "Cold-start splits: %s -> %s, validation ratio %.2f, at most "
                                + "%d query ratings, at least %d target ratings%n", config.sourceDomains(),
                                config.targetDomain(), config.validationRatio(), config.maxQuerySize(),
                                config.minTargetRatings()));
                        out.append(String.format(Locale.ROOT, "  %5s %3s %6s %9s %9s %9s %9s %10s %9s %11s%n", "beta", "K",
                                "seed", "overlap", "eligible", "cold", "query", "validation", "training", "train rows"));
                    }
                    long queries = s.testTasks().stream().mapToLong(t -> t.querySize()).sum();
                    out.append(String.format(Locale.ROOT, "  %5.2f %3d %6d %,9d %,9d %,9d %,9d %,10d %,9d %,11d%n", ratio, k,
                            seed, s.overlapUsers().length, s.overlapUsers().length - s.ineligibleOverlapUsers(),
                            s.testUsers().length, queries, s.validationUsers().length, s.trainingOverlapUsers().length,
                            s.trainingRows().length));
                }
            }
        }
        return out.append(!out.toString().contains("Cold-start splits:") ? "" : "  overlap: users in a source and the target; eligible: those of them with "
                + "enough target ratings;\n  cold: test users (K target ratings revealed, the query scored); training: "
                + "overlap users left in training\n").toString();
    }

    private static List<Double> ratios(Config c) {
        List<Double> ratios = doubles(c, "crossdomain.cold_start_ratios");
        return ratios.isEmpty() ? List.of(c.getDouble("protocol.cold_start_ratio")) : ratios;
    }

    /** One combination of the run's grid. */
    private record Cell(double ratio, int k, long seed, String method) {
        String label(boolean manySeeds) {
            return method + ".k" + k + "_beta" + percent(ratio) + (manySeeds ? "_seed" + seed : "");
        }

        /** The cell's setting and seed, without the method: {@code tuning.csv}'s cell column. */
        String setting() {
            return "k" + k + "_beta" + percent(ratio) + "_seed" + seed;
        }
    }

    /**
     * The ranking candidates of the split in use, made (and their negatives written) when the first cell of a split
     * is prepared; cells run split by split, so one split's candidates are held at a time.
     */
    private static final class SplitRankings {
        private CrossDomainSetup ranked;
        private RankingCandidates test;
        private RankingCandidates warm;

        void use(RunContext ctx, CrossDomainSetup setup, String setting, RankingSettings ranking, Dataset data)
                throws java.io.IOException {
            if (ranked == setup) {
                return;
            }
            ranked = setup;
            test = setup.ranking(ranking, false);
            RankingKeys.write(ctx, setting, test, data.interactions());
            ctx.progress().note(RankingKeys.splitLine(setting, test));
            warm = setup.warmUsers().tasks().isEmpty() ? null : setup.ranking(ranking, true);
            if (warm != null) {
                RankingKeys.write(ctx, "warm_" + setting, warm, data.interactions());
                ctx.progress().note(RankingKeys.splitLine("warm_" + setting, warm));
            }
        }
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        Config c = ctx.config();
        boolean synthetic = c.getString("data.source").equals("synthetic");
        SyntheticWorld world = synthetic ? DataSources.synthetic(c) : null;
        Dataset data = synthetic ? world.dataset() : ctx.dataset();
        List<Double> ratios = ratios(c);
        List<Long> seeds = StudyKeys.seeds(c, "crossdomain");
        List<String> methods = c.getStringList("methods");
        TransferKeys.requireTimestamps(c, data);
        List<Cell> cells = new ArrayList<>();
        for (double ratio : ratios) {
            for (int k : c.getIntArray("evaluation.support_sizes")) {
                for (long seed : seeds) {
                    for (String m : methods) {
                        cells.add(new Cell(ratio, k, seed, m));
                    }
                }
            }
        }
        ctx.trainLog().columns("validation_rmse");
        List<String> declared = new ArrayList<>(methods);
        if (synthetic) {
            declared.add(ORACLE);
        }
        ctx.results().declareMethods(declared.toArray(String[]::new));

        CellResults done = CellResults.restore(ctx);
        TuningSettings tuning = TuningSettings.read(c, name(), CrossDomainProtocol.METHODS);
        Set<String> finished = new HashSet<>();
        for (int i = 0; i < cells.size(); i++) {
            if (done.isDone(i)) {
                finished.add(TuningLog.key(cells.get(i).method(), cells.get(i).setting()));
            }
        }
        TuningLog tuningLog = tuning.random() ? TuningLog.restore(ctx.outDir(), finished, tuning.folds()) : null;
        String unequal = tuning.unequalNote(methods.stream()
                .map(m -> MethodVariant.named(m, CrossDomainProtocol.METHODS).method()).distinct().toList());
        if (unequal != null) {
            ctx.results().note(unequal);
        }
        boolean manySeeds = seeds.size() > 1;
        Map<String, CrossDomainSetup> setups = new LinkedHashMap<>();
        Map<CrossDomainSetup, CrossDomainSetup[]> foldSetups = new java.util.IdentityHashMap<>();
        RankingSettings ranking = RankingKeys.read(c);
        if (ranking.enabled()) {
            ctx.results().note(RankingKeys.note(ranking));
        }
        // The candidates of the split in use: cells run split by split, and every method of a split ranks these.
        SplitRankings rankings = new SplitRankings();
        ctx.progress().start("train", cells.size(), done.doneCount(), "methods");
        CellRunner.run(done.pending(cells.size()), ctx.pool(), i -> {
            Cell cell = cells.get(i);
            CrossDomainSetup setup = setup(setups, c, data, cell, tuning.minValidationUsers(), ctx);
            CrossDomainSetup[] folds = tuning.kFold() ? foldSetups.computeIfAbsent(setup, s -> folds(s, tuning.folds(), cell, ctx))
                    : null;
            if (ranking.enabled()) {
                rankings.use(ctx, setup, cell.setting(), ranking, data);
            }
            RankingCandidates testRanking = rankings.test;
            RankingCandidates warmRanking = rankings.warm;
            MethodVariant variant = MethodVariant.named(cell.method(), CrossDomainProtocol.METHODS);
            String label = cell.label(manySeeds);
            ctx.progress().note("training " + label);
            return pool -> {
                CrossDomainStudy study = new CrossDomainStudy(setup, protocol(c, cell, setup.config(), TunedValues.NONE),
                        variant.start());
                // A variant (maml.src, pretrained.profile...) draws from its method's space, with the same budget.
                CellResults.Searched searched = CellResults.search(ctx, label, tuning, variant.method(),
                        new CellResults.TunedCell(cell.method(), cell.setting(), cell.seed()), (values, budget) -> {
                            CrossDomainStudy.Trained t = new CrossDomainStudy(setup, protocol(c, cell, setup.config(), values),
                                    variant.start()).train(pool, budget);
                            return new Tuner.Trained(t.recommender(), t.selection());
                        }, (values, budget, fold) -> {
                            CrossDomainStudy.Trained t = new CrossDomainStudy(folds[fold],
                                    protocol(c, cell, setup.config(), values), variant.start()).train(pool, budget);
                            return new Tuner.Trained(t.recommender(), t.selection());
                        }, () -> {
                            CrossDomainStudy.Trained t = study.train(pool);
                            return new Tuner.Trained(t.recommender(), t.selection());
                        });
                ColdStartRecommender chosen = searched.trained().recommender();
                Map<String, TestScores> scores = new LinkedHashMap<>();
                scores.put("k" + cell.k(), study.evaluate(chosen, pool, testRanking));
                study.evaluateWarm(chosen, pool, warmRanking).ifPresent(warm -> scores.put("warm_k" + cell.k(), warm));
                return new CellResults.Scored(searched, scores);
            };
        }, (i, r, seconds) -> done.commit(ctx, tuningLog, i, r, seconds));
        ctx.progress().finish();
        if (tuningLog != null) {
            tuningLog.writeChosen();
        }
        done.record(cells.size(), i -> cells.get(i).method(), i -> cells.get(i).seed(),
                (i, setting) -> setting + "_beta" + percent(cells.get(i).ratio()));
        if (ranking.enabled()) {
            done.noteLeftOut(ctx, ranking.metricNames().get(0), ranking.relevantMinRating(), cells.size(),
                    i -> cells.get(i).seed(), (i, setting) -> setting + "_beta" + percent(cells.get(i).ratio()));
        }
        if (synthetic) {
            recordOracle(ctx, data, world, cells, setups, tuning.minValidationUsers());
        }
    }

    /**
     * The split depends on ratio, K and seed only: each is prepared once and shared by every method. The run's
     * log says how many validation and test users each has.
     */
    private static CrossDomainSetup setup(Map<String, CrossDomainSetup> cache, Config c, Dataset data, Cell cell,
            int minValidationUsers, RunContext ctx) {
        return cache.computeIfAbsent(cell.ratio() + "/" + cell.k() + "/" + cell.seed(), key -> {
            CrossDomainSetup s = CrossDomainSetup.prepare(data, split(c, data, cell, minValidationUsers),
                    cell.seed(), TransferKeys.options(c));
            if (ctx != null) {
                ctx.progress().note(String.format(Locale.ROOT, "split k%d_beta%s_seed%d: %d validation users, %d test users",
                        cell.k(), percent(cell.ratio()), cell.seed(), s.split().validationUsers().length,
                        s.split().testUsers().length));
            }
            return s;
        });
    }

    /**
     * The k fold setups of a split ({@code tuning.folds}): its foldable users ({@link CrossDomainSetup#foldableUsers})
     * partitioned with the stream {@code crossdomain/folds} of the seed; the log says how many users each fold has.
     */
    private static CrossDomainSetup[] folds(CrossDomainSetup setup, int k, Cell cell, RunContext ctx) {
        int[] users = setup.foldableUsers();
        int[][] parts = Folds.partition(users, k, Rng.derive(cell.seed(), "crossdomain/folds"), "split " + cell.setting());
        ctx.progress().note(String.format(Locale.ROOT, "split %s: %d-fold over %d training users (%s per fold); the final "
                + "training is selected on the %d validation users; %d test users", cell.setting(), k, users.length,
                Folds.sizes(parts), setup.split().validationUsers().length, setup.split().testUsers().length));
        CrossDomainSetup[] out = new CrossDomainSetup[k];
        for (int f = 0; f < k; f++) {
            out[f] = setup.fold(parts[f]);
        }
        return out;
    }

    /** Name of the row that scores the synthetic world's true rating function: the noise floor. */
    public static final String ORACLE = "oracle";

    /**
     * On synthetic data, scores the true (noise-free) rating function on the same test tasks as the
     * methods: its error is the noise floor, the best any method can reach in expectation.
     */
    private static void recordOracle(RunContext ctx, Dataset data, SyntheticWorld world, List<Cell> cells,
                                     Map<String, CrossDomainSetup> setups, int minValidation) {
        Config c = ctx.config();
        java.util.Set<CrossDomainSetup> seen = new java.util.HashSet<>();
        List<String> rmseNames = new ArrayList<>();
        for (Cell cell : cells) {
            CrossDomainSetup setup = setup(setups, c, data, cell, minValidation, null);
            if (!seen.add(setup)) {
                continue;
            }
            List<RatingTask> tasks = setup.split().testTasks();
            List<double[][]> truthAndBest = new ArrayList<>();
            for (RatingTask task : tasks) {
                truthAndBest.add(new double[][] {data.interactions().ratings(task.queryRows()), world.trueRatings(task.queryRows())});
            }
            String setting = "k" + cell.k() + "_beta" + percent(cell.ratio());
            TestScores scores = TestScores.of(tasks.stream().mapToInt(RatingTask::user).toArray(), truthAndBest);
            int[] users = scores.users();
            scores.perUser().forEach((metric, values) -> {
                for (int t = 0; t < values.length; t++) {
                    ctx.results().record(ORACLE, new Measure(metric, setting, null), new TaskId(cell.seed(), t, users[t]), values[t]);
                }
            });
            scores.pooled().forEach((metric, value) ->
                    ctx.results().recordPooled(ORACLE, new Measure(metric, setting, null), cell.seed(), users, value));
            for (String metric : List.of(TestScores.RMSE_USER, TestScores.RMSE_POOLED)) {
                String name = new Measure(metric, setting, null).key().metric();
                if (!rmseNames.contains(name)) {
                    rmseNames.add(name);
                }
            }
        }
        // rmse_pooled is the root of the mean squared error over the test ratings, close to the noise level; rmse_user,
        // a mean of per-user RMSEs, lies below it (a mean of square roots is below the root of the mean). Say both, as
        // the table prints them, so that the note and the table agree.
        StringBuilder rows = new StringBuilder();
        for (ResultSink.Series s : ctx.results().series()) {
            if (s.method().equals(ORACLE) && rmseNames.contains(s.key().metric())) {
                double mean = s.perSeed().values().stream().mapToDouble(ResultSink.SeedMean::mean).average().orElse(Double.NaN);
                rows.append(rows.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.4g", s.key().metric(), mean));
            }
        }
        double noise = world.noiseFloorMse() > 0 ? Math.sqrt(world.noiseFloorMse()) : 0.0;
        String note = String.format(Locale.ROOT, "noise floor: the synthetic ratings carry noise of standard deviation %.3f; the "
                + "'%s' row scores the true rating function on the same test users as the methods (%s): its rmse_pooled, over "
                + "all test ratings, is near %.3f up to the sampling noise of a finite set of ratings, and its rmse_user, a mean "
                + "of per-user RMSEs, lies below it; compare methods with the '%s' row, which none can expect to beat",
                noise, ORACLE, rows, noise, ORACLE);
        ctx.progress().note(note);
        ctx.results().note(note);
    }

    /**
     * A cell's split, with its validation users raised to {@code minValidationUsers} ({@code tuning.min_validation_users})
     * as the run draws it; the data report counts the same users.
     */
    private static ColdStartSplit.Config split(Config c, Dataset data, Cell cell, int minValidationUsers) {
        List<String> names = data.domains().names();
        String target = c.isSet("protocol.target_domain") ? c.getString("protocol.target_domain") : names.get(names.size() - 1);
        List<String> sources = new ArrayList<>(c.getStringList("protocol.source_domains"));
        if (sources.isEmpty()) {
            for (String n : names) {
                if (!n.equals(target)) {
                    sources.add(n);
                }
            }
        }
        for (String d : sources) {
            if (!names.contains(d)) {
                throw new IllegalArgumentException("protocol.source_domains: expected domains of the data " + names
                        + ", found '" + d + "'");
            }
        }
        if (!names.contains(target)) {
            throw new IllegalArgumentException("protocol.target_domain: expected a domain of the data " + names
                    + ", found '" + target + "'");
        }
        return new ColdStartSplit.Config(sources, target, cell.ratio(), cell.k(), c.getDouble("protocol.validation_ratio"),
                c.getInt("protocol.query"), c.getInt("protocol.min_ratings")).withMinValidationUsers(minValidationUsers);
    }

    /** A cell's protocol: the config's settings, with the drawn {@code values} in place of theirs. */
    private static CrossDomainProtocol protocol(Config c, Cell cell, ColdStartSplit.Config split, TunedValues values) {
        String model = StudyKeys.modelType(c);
        MetaLearning.Settings meta = StudyKeys.metaLearning(c, values);
        CrossDomainProtocol.Training training = new CrossDomainProtocol.Training(
                new CrossDomainProtocol.MetaTraining(meta, values.real(Tunable.INNER_LR, c.getDouble("meta.reptile.inner_lr")),
                        c.getInt("crossdomain.train_query"), c.getDouble("crossdomain.target_task_share"),
                        StudyKeys.coldStartMeta(c)),
                new PooledTraining.Settings(values.integer(Tunable.POOLED_EPOCHS, c.getInt("crossdomain.pooled_epochs")),
                        c.getInt("crossdomain.pooled_batch"), values.real(Tunable.POOLED_LR, c.getDouble("crossdomain.pooled_lr"))),
                StudyKeys.fineTuning(c, "crossdomain", values),
                new CrossDomainProtocol.Mapping(c.getInt("crossdomain.mapping_iterations"), MappingSettings.DEFAULT_LR),
                StudyKeys.shrinkages(values));
        CrossDomainProtocol.Sizes sizes = new CrossDomainProtocol.Sizes(c.getInt("model.embedding_dim"),
                c.getIntArray("model.hidden"), values.real(Tunable.WEIGHT_DECAY, c.getDouble("crossdomain.weight_decay")));
        MethodVariant variant = MethodVariant.named(cell.method(), CrossDomainProtocol.METHODS);
        return CrossDomainProtocol.defaults(variant.method(), model, cell.seed(), split)
                .withSources(c.getBoolean("crossdomain.use_sources") && variant.sources()).withSizes(sizes)
                .withTraining(training);
    }

    private static List<Double> doubles(Config c, String path) {
        List<Double> out = new ArrayList<>();
        for (double d : c.getDoubleArray(path)) {
            out.add(d);
        }
        return out;
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%d", Math.round(ratio * 100));
    }
}
