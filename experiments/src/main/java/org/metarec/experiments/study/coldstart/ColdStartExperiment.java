package org.metarec.experiments.study.coldstart;

import static org.metarec.experiments.config.Specs.integer;
import static org.metarec.experiments.config.Specs.key;
import static org.metarec.experiments.config.Specs.listOf;
import static org.metarec.experiments.config.Specs.real;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.metarec.algorithms.rec.RankingCandidates;
import org.metarec.algorithms.rec.RankingSettings;
import org.metarec.algorithms.rec.train.FineTuning;
import org.metarec.algorithms.rec.train.MetaLearning;
import org.metarec.algorithms.rec.train.PooledTraining;
import org.metarec.core.data.Dataset;
import org.metarec.core.tasks.ColdStartStates;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.config.KeySpec;
import org.metarec.experiments.config.ObjectRule;
import org.metarec.experiments.config.ObjectSpec;
import org.metarec.experiments.run.ExperimentKind;
import org.metarec.experiments.run.RunContext;
import org.metarec.experiments.study.coldstart.ColdStartStatesSetup;
import org.metarec.experiments.study.coldstart.ColdStartStatesStudy;
import org.metarec.experiments.study.rec.CellResults;
import org.metarec.experiments.study.rec.CellRunner;
import org.metarec.experiments.study.rec.Folds;
import org.metarec.experiments.study.rec.ModelSizes;
import org.metarec.experiments.study.rec.RankingKeys;
import org.metarec.experiments.study.rec.RecMethod;
import org.metarec.experiments.study.rec.StudyKeys;
import org.metarec.experiments.study.rec.Tunable;
import org.metarec.experiments.study.rec.TunedValues;
import org.metarec.experiments.study.rec.Tuner;
import org.metarec.experiments.study.rec.TuningLog;
import org.metarec.experiments.study.rec.TuningSettings;

/**
 * The {@code coldstart} kind: MeLU's cold-start protocol (Lee, Im, Jang, Cho and Chung, KDD 2019, section 5.1),
 * run by {@link ColdStartStatesStudy}. Items are new from {@code coldstart.new_item_year} on, users are new when
 * their first rating is later than that of about {@code coldstart.existing_user_share} of all users; every
 * method trains on the warm state (existing users x existing items), is selected on validation users' warm-state
 * tasks, and is measured on the held-out tasks of the four states ({@link ColdStartStates}).
 *
 * <p>One run covers every combination of seed ({@code coldstart.seeds}, or {@code seed}) and method
 * ({@code methods}); each seed draws its own split (query sets, warm users held out). Metrics are named
 * {@code mae_user_<state>}, {@code rmse_user_<state>}, {@code ndcg3_within_query_<state>} (per test user),
 * {@code mae_pooled_<state>} and {@code rmse_pooled_<state>} (over all query ratings of a seed) with the state
 * {@code warm}, {@code user_cold}, {@code item_cold} or {@code user_item_cold} (support: every rating of the task
 * that is not in its 10-rating query, MeLU's protocol), and {@code mae_user_<state>_k<K>} and so on for each fixed
 * support size K of {@code coldstart.support_sizes} (the tasks with at least K support ratings; the same query, K
 * random support ratings). Every value is recorded with its seed and user, so the summary averages per seed and
 * counts each user once. {@code train.csv} holds each combination's validation
 * curve. A checkpoint is written after every finished combination; {@code resume} continues with the next.
 *
 * <p>With {@code coldstart.tuning.strategy: random} every method is tuned with the same trial budget, as in the
 * {@code crossdomain} kind ({@link Tuner}, {@code tuning.csv}); with {@code coldstart.tuning.folds} k &ge; 2 by k-fold
 * validation over the warm-state training users (stream {@code coldstart/folds}), whose sizes the log gives.
 */
public final class ColdStartExperiment implements ExperimentKind {

    private static final String SECTION = "coldstart";

    @Override
    public String name() {
        return SECTION;
    }

    @Override
    public String description() {
        return "MeLU's cold-start protocol: users and items split into existing and new by time; train on the warm "
                + "state, adapt to users of the four cold-start states from their support ratings (the split is set "
                + "in the `coldstart` section; `protocol` is not used).";
    }

    @Override
    public ObjectSpec settings() {
        List<KeySpec> keys = new ArrayList<>(List.of(
                key("new_item_year", integer().atLeast(1)).defaultTo(1998)
                        .doc("Items released in this year or later are new items; older ones are existing items, and "
                                + "ratings of items without a release year are left out (the year is in the title in "
                                + "ML-1M, in the release date in ML-100K). The default suits ML-1M, whose movies run to "
                                + "2000; ML-100K's run to 1998."),
                key("existing_user_share", real().above(0).below(1)).defaultTo(0.7)
                        .doc("About this share of the users, those who rated first, are existing users: a user is new "
                                + "when their first rating is no earlier than that of the user at this quantile."),
                key("min_ratings", integer().atLeast(2)).defaultTo(13)
                        .doc("A user's ratings in one state form a task only if there are at least this many "
                                + "(MeLU: 13)."),
                key("max_ratings", integer().atLeast(2)).defaultTo(100)
                        .doc("A task has at most this many ratings; a user with more in a state has no task there "
                                + "(MeLU: 100)."),
                key("query", integer().atLeast(1)).defaultTo(10)
                        .doc("Query ratings per task, chosen at random (MeLU: 10); the rest of the task is its support."),
                key("validation_ratio", real().atLeast(0).below(1)).defaultTo(0.1)
                        .doc("Share of the warm-state users kept for model selection (never trained on)."),
                key("warm_test_ratio", real().atLeast(0).below(1)).defaultTo(0.2)
                        .doc("Share of the warm-state users held out for the warm-state row of the results."),
                key("support_sizes", listOf(integer().atLeast(1)).distinct()).defaultTo(List.of())
                        .doc("Fixed support sizes K measured besides MeLU's full support: metrics `..._k<K>` over the "
                                + "tasks with at least K support ratings, each with the first K of its randomly ordered "
                                + "support ratings and the same query. Empty: the full support only."),
                StudyKeys.seeds(),
                StudyKeys.weightDecay()));
        keys.addAll(StudyKeys.pooledTraining("pretrained"));
        keys.add(TuningSettings.section(ColdStartStatesStudy.METHODS));
        return new ObjectSpec(keys, List.of(
                new ObjectRule("`query` < `min_ratings` <= `max_ratings`", v -> {
                    int min = ((Number) v.get("min_ratings")).intValue();
                    int query = ((Number) v.get("query")).intValue();
                    if (min <= query) {
                        return new ObjectRule.Violation("min_ratings", "expected more than query (" + query
                                + ") ratings, so that every task has a support set, found " + min);
                    }
                    int max = ((Number) v.get("max_ratings")).intValue();
                    return max < min ? new ObjectRule.Violation("max_ratings", "expected a number >= min_ratings ("
                            + min + "), found " + max) : null;
                }),
                new ObjectRule("`support_sizes` are at most `max_ratings` - `query` (a task's largest support)",
                        List.of("support_sizes", "max_ratings", "query"), v -> {
                            long most = ((Number) v.get("max_ratings")).longValue() - ((Number) v.get("query")).longValue();
                            for (Object k : (List<?>) v.get("support_sizes")) {
                                if (((Number) k).longValue() > most) {
                                    return new ObjectRule.Violation("support_sizes", "expected sizes K <= max_ratings - query = "
                                            + most + " (no task has more support ratings), found " + k);
                                }
                            }
                            return null;
                        }),
                new ObjectRule("`validation_ratio` + `warm_test_ratio` < 1", v -> {
                    double sum = ((Number) v.get("validation_ratio")).doubleValue()
                            + ((Number) v.get("warm_test_ratio")).doubleValue();
                    return sum < 1 ? null : new ObjectRule.Violation("warm_test_ratio", "expected a share that leaves "
                            + "training users (validation_ratio + warm_test_ratio < 1), found " + v.get("warm_test_ratio"));
                })));
    }

    @Override
    public List<ObjectRule> rules() {
        return List.of(
                new ObjectRule("`data.source` is movielens100k or movielens1m with `data.genres_as_domains: []`", v -> {
                    Map<?, ?> data = (Map<?, ?>) v.get("data");
                    Object source = data.get("source");
                    if (!"movielens100k".equals(source) && !"movielens1m".equals(source)) {
                        return new ObjectRule.Violation("data.source", "expected movielens100k or movielens1m (the "
                                + "protocol splits items by release year and users by rating time), found " + source);
                    }
                    List<?> genres = (List<?>) data.get("genres_as_domains");
                    return genres.isEmpty() ? null : new ObjectRule.Violation("data.genres_as_domains", "expected [] "
                            + "(one domain holding every item), found " + genres);
                }),
                StudyKeys.caviaNeedsUserParameters(), StudyKeys.tunedMethodsHaveASpace(SECTION));
    }

    @Override
    public List<String> reads() {
        return List.of("data.source", "data.path", "data.genres_as_domains", "data.skip_bad_lines", "model.type",
                "model.hidden", "model.embedding_dim", "meta.inner_lr", "meta.inner_steps", "meta.meta_batch",
                "meta.reptile.inner_lr", "meta.mamlpp", "meta.imaml", "meta.mamo", "meta.tanp", "optimizer.lr",
                "optimizer.clip_norm", "budget.meta_iterations", "budget.validate_every", "evaluation.reference",
                "evaluation.correction", "evaluation.primary_metrics", RankingKeys.SECTION);
    }

    /** The rating errors and the ranking metrics that {@code evaluation.ranking} turns on ({@link RankingKeys#metrics}). */
    @Override
    public Optional<List<String>> metrics(Map<String, Object> config) {
        return Optional.of(RankingKeys.metrics(config));
    }

    @Override
    public List<String> methods() {
        return RecMethod.names(ColdStartStatesStudy.METHODS);
    }

    /** One combination of the run's grid. */
    private record Cell(long seed, String method) {
        String label(boolean manySeeds) {
            return method + (manySeeds ? "_seed" + seed : "");
        }

        /** {@code tuning.csv}'s cell column: the seed. */
        String setting() {
            return "seed" + seed;
        }
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        Config c = ctx.config();
        Dataset data = ctx.dataset();
        List<Long> seeds = StudyKeys.seeds(c, SECTION);
        List<String> methods = c.getStringList("methods");
        List<Cell> cells = new ArrayList<>();
        for (long seed : seeds) {
            for (String m : methods) {
                cells.add(new Cell(seed, m));
            }
        }
        int[] supportSizes = c.getIntArray(SECTION + ".support_sizes");
        ctx.trainLog().columns("validation_rmse");
        ctx.results().declareMethods(methods.toArray(String[]::new));

        CellResults done = CellResults.restore(ctx);
        TuningSettings tuning = TuningSettings.read(c, SECTION, ColdStartStatesStudy.METHODS);
        Set<String> finished = new HashSet<>();
        for (int i = 0; i < cells.size(); i++) {
            if (done.isDone(i)) {
                finished.add(TuningLog.key(cells.get(i).method(), cells.get(i).setting()));
            }
        }
        TuningLog tuningLog = tuning.random() ? TuningLog.restore(ctx.outDir(), finished, tuning.folds()) : null;
        String unequal = tuning.unequalNote(methods.stream().map(RecMethod::named).toList());
        if (unequal != null) {
            ctx.results().note(unequal);
        }
        boolean manySeeds = seeds.size() > 1;
        Map<Long, ColdStartStatesSetup> setups = new LinkedHashMap<>();
        Map<Long, ColdStartStatesSetup[]> foldSetups = new LinkedHashMap<>();
        RankingSettings ranking = RankingKeys.read(c);
        if (ranking.enabled()) {
            ctx.results().note(RankingKeys.note(ranking));
        }
        // The candidates of the seed in use (cells run seed by seed): setting to candidates, shared by the seed's methods.
        Map<ColdStartStatesSetup, Map<String, RankingCandidates>> rankingsOf = new java.util.IdentityHashMap<>();
        ctx.progress().start("train", cells.size(), done.doneCount(), "methods");
        CellRunner.run(done.pending(cells.size()), ctx.pool(), i -> {
            Cell cell = cells.get(i);
            ColdStartStatesSetup setup = setups.computeIfAbsent(cell.seed(), seed -> {
                ColdStartStatesSetup s = ColdStartStatesSetup.prepare(data,
                        split(c).withMinValidationUsers(tuning.minValidationUsers()), seed);
                ctx.progress().note("seed " + seed + ": " + s.states().describe().stripTrailing());
                return s;
            });
            ColdStartStatesSetup[] folds = tuning.kFold()
                    ? foldSetups.computeIfAbsent(cell.seed(), seed -> folds(setup, tuning.folds(), seed, ctx)) : null;
            if (ranking.enabled() && !rankingsOf.containsKey(setup)) {
                rankingsOf.clear();   // one seed's candidates at a time
                rankingsOf.put(setup, rankings(ctx, setup, ranking, supportSizes, data));
            }
            Map<String, RankingCandidates> rankings = rankingsOf.getOrDefault(setup, Map.of());
            String label = cell.label(manySeeds);
            ctx.progress().note("training " + label);
            return pool -> {
                ColdStartStatesStudy study = new ColdStartStatesStudy(setup, protocol(c, cell, TunedValues.NONE));
                CellResults.Searched searched = CellResults.search(ctx, label, tuning, RecMethod.named(cell.method()),
                        new CellResults.TunedCell(cell.method(), cell.setting(), cell.seed()), (values, budget) -> {
                            ColdStartStatesStudy.Trained t = new ColdStartStatesStudy(setup, protocol(c, cell, values))
                                    .train(pool, budget);
                            return new Tuner.Trained(t.recommender(), t.selection());
                        }, (values, budget, fold) -> {
                            ColdStartStatesStudy.Trained t = new ColdStartStatesStudy(folds[fold], protocol(c, cell, values))
                                    .train(pool, budget);
                            return new Tuner.Trained(t.recommender(), t.selection());
                        }, () -> {
                            ColdStartStatesStudy.Trained t = study.train(pool);
                            return new Tuner.Trained(t.recommender(), t.selection());
                        });
                return new CellResults.Scored(searched, study.evaluate(searched.trained().recommender(), supportSizes, pool,
                        rankings));
            };
        }, (i, r, seconds) -> done.commit(ctx, tuningLog, i, r, seconds));
        ctx.progress().finish();
        if (tuningLog != null) {
            tuningLog.writeChosen();
        }
        done.record(cells.size(), i -> cells.get(i).method(), i -> cells.get(i).seed(), (i, setting) -> setting);
        if (ranking.enabled()) {
            done.noteLeftOut(ctx, ranking.metricNames().get(0), ranking.relevantMinRating(), cells.size(),
                    i -> cells.get(i).seed(), (i, setting) -> setting);
        }
    }

    /**
     * The ranking candidates of every state and K of one seed's split with test tasks, each setting's sampled
     * negatives saved as {@code negatives/<setting>_seed<s>.tsv}.
     */
    private static Map<String, RankingCandidates> rankings(RunContext ctx, ColdStartStatesSetup setup, RankingSettings ranking,
                                                           int[] supportSizes, Dataset data) throws java.io.IOException {
        Map<String, RankingCandidates> out = new LinkedHashMap<>();
        for (ColdStartStates.State state : ColdStartStates.State.values()) {
            List<Integer> sizes = new ArrayList<>();
            sizes.add(null);
            Arrays.stream(supportSizes).forEach(sizes::add);
            for (Integer k : sizes) {
                if (setup.testTasks(state, k).isEmpty()) {
                    continue;
                }
                String setting = ColdStartStatesStudy.settingName(state, k);
                RankingCandidates r = setup.ranking(ranking, state, k);
                String name = setting + "_seed" + setup.seed();
                RankingKeys.write(ctx, name, r, data.interactions());
                ctx.progress().note(RankingKeys.splitLine(name, r));
                out.put(setting, r);
            }
        }
        return out;
    }

    /**
     * The k fold setups of a seed's split ({@code tuning.folds}): its warm-state training users partitioned with the
     * stream {@code coldstart/folds} of the seed; the log says how many users each fold has.
     */
    private static ColdStartStatesSetup[] folds(ColdStartStatesSetup setup, int k, long seed, RunContext ctx) {
        int[] users = setup.states().trainingUsers();
        int[][] parts = Folds.partition(users, k, org.metarec.core.random.Rng.derive(seed, "coldstart/folds"),
                "seed " + seed);
        ctx.progress().note(String.format(java.util.Locale.ROOT, "seed %d: %d-fold over %d training users (%s per fold); "
                + "the final training is selected on the %d validation users", seed, k, users.length, Folds.sizes(parts),
                setup.states().validationUsers().length));
        ColdStartStatesSetup[] out = new ColdStartStatesSetup[k];
        for (int f = 0; f < k; f++) {
            out[f] = setup.fold(parts[f]);
        }
        return out;
    }

    /** The split settings of the config. */
    private static ColdStartStates.Config split(Config c) {
        String s = SECTION + ".";
        return new ColdStartStates.Config(c.getInt(s + "new_item_year"), c.getDouble(s + "existing_user_share"),
                c.getInt(s + "min_ratings"), c.getInt(s + "max_ratings"), c.getInt(s + "query"),
                c.getDouble(s + "validation_ratio"), c.getDouble(s + "warm_test_ratio"));
    }

    /** One cell's method settings: the config's, with the drawn {@code values} in place of theirs. */
    private static ColdStartStatesStudy.Protocol protocol(Config c, Cell cell, TunedValues values) {
        String s = SECTION + ".";
        MetaLearning.Settings meta = StudyKeys.metaLearning(c, values);
        PooledTraining.Settings pooled = new PooledTraining.Settings(
                values.integer(Tunable.POOLED_EPOCHS, c.getInt(s + "pooled_epochs")), c.getInt(s + "pooled_batch"),
                values.real(Tunable.POOLED_LR, c.getDouble(s + "pooled_lr")));
        FineTuning fineTune = StudyKeys.fineTuning(c, SECTION, values);
        ModelSizes sizes = new ModelSizes(c.getInt("model.embedding_dim"), c.getIntArray("model.hidden"),
                values.real(Tunable.WEIGHT_DECAY, c.getDouble(s + "weight_decay")));
        return new ColdStartStatesStudy.Protocol(RecMethod.byName(cell.method()).orElseThrow(), StudyKeys.modelType(c),
                cell.seed(), sizes, meta, values.real(Tunable.INNER_LR, c.getDouble("meta.reptile.inner_lr")), pooled,
                fineTune, StudyKeys.coldStartMeta(c), StudyKeys.shrinkages(values));
    }
}
