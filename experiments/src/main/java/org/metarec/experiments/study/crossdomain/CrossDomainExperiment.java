package org.metarec.experiments.study.crossdomain;

import static org.metarec.experiments.config.Specs.bool;
import static org.metarec.experiments.config.Specs.integer;
import static org.metarec.experiments.config.Specs.key;
import static org.metarec.experiments.config.Specs.listOf;
import static org.metarec.experiments.config.Specs.oneOf;
import static org.metarec.experiments.config.Specs.real;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.mapping.MappingSettings;
import org.metarec.algorithms.rec.train.FineTuning;
import org.metarec.algorithms.rec.train.MetaLearning;
import org.metarec.algorithms.rec.train.PooledTraining;
import org.metarec.core.data.Dataset;
import org.metarec.core.metrics.RankingMetrics;
import org.metarec.core.metrics.RatingMetrics;
import org.metarec.core.synthetic.SyntheticWorld;
import org.metarec.core.tasks.ColdStartSplit;
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
import org.metarec.experiments.study.rec.RecMethod;
import org.metarec.experiments.study.rec.StudyKeys;

/**
 * The {@code crossdomain} kind: cold-start recommendation in a target domain, after training on source
 * domains (the protocol of EMCDR, TMCDR and PTUPCDR), run by {@link CrossDomainStudy}.
 *
 * <p>One run covers every combination of cold-start ratio ({@code crossdomain.cold_start_ratios}, or
 * {@code protocol.cold_start_ratio}), support size K ({@code evaluation.support_sizes}), seed
 * ({@code crossdomain.seeds}, or {@code seed}) and method ({@code methods}). Each combination draws its
 * own split from its seed, selects the model on validation users only and scores the test users. Metrics
 * are named {@code mae_k<K>_beta<percent>}, {@code rmse_...} and {@code ndcg3_...}; the test users of
 * several seeds are pooled as tasks (each seed's split is a fresh draw of test users), so every method is
 * compared on the same tasks. {@code train.csv} holds each combination's validation curve (validation RMSE
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
        keys.addAll(TransferKeys.keys());
        return new ObjectSpec(keys, List.of());
    }

    @Override
    public List<String> reads() {
        return List.of("data.source", "data.path", "data.synthetic", "data.genres_as_domains", "data.recbole", "data.delimited",
                "data.skip_bad_lines", "protocol.source_domains", "protocol.target_domain", "protocol.cold_start_ratio",
                "protocol.validation_ratio", "protocol.query", "protocol.min_ratings", "model.type", "model.hidden",
                "model.embedding_dim", "meta.inner_lr", "meta.inner_steps", "meta.meta_batch", "meta.reptile.inner_lr",
                "optimizer.lr", "optimizer.clip_norm", "budget.meta_iterations", "budget.validate_every",
                "evaluation.support_sizes", "evaluation.reference");
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
                TransferKeys.variantsNeedUserTablesAndSources());
    }

    /** One combination of the run's grid. */
    private record Cell(double ratio, int k, long seed, String method) {
        String label(boolean manySeeds) {
            return method + ".k" + k + "_beta" + percent(ratio) + (manySeeds ? "_seed" + seed : "");
        }
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        Config c = ctx.config();
        boolean synthetic = c.getString("data.source").equals("synthetic");
        SyntheticWorld world = synthetic ? DataSources.synthetic(c) : null;
        Dataset data = synthetic ? world.dataset() : ctx.dataset();
        List<Double> ratios = doubles(c, "crossdomain.cold_start_ratios");
        if (ratios.isEmpty()) {
            ratios = List.of(c.getDouble("protocol.cold_start_ratio"));
        }
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
        boolean manySeeds = seeds.size() > 1;
        TaskPool pool = ctx.pool();
        Map<String, CrossDomainSetup> setups = new LinkedHashMap<>();
        ctx.progress().start("train", cells.size(), done.doneCount(), "methods");
        for (int i = 0; i < cells.size(); i++) {
            if (done.isDone(i)) {
                continue;
            }
            Cell cell = cells.get(i);
            CrossDomainSetup setup = setup(setups, c, data, cell);
            MethodVariant variant = MethodVariant.named(cell.method(), CrossDomainProtocol.METHODS);
            CrossDomainStudy study = new CrossDomainStudy(setup, protocol(c, cell, setup.config()), variant.start());
            String label = cell.label(manySeeds);
            ctx.progress().note("training " + label);
            CrossDomainStudy.Trained trained = CellResults.train(ctx, label, () -> study.train(pool));
            CellResults.logValidation(ctx, label, trained.selection());
            done.finish(i, study.evaluate(trained.recommender(), pool));
            ctx.progress().update(done.doneCount(), Double.NaN);
        }
        ctx.progress().finish();
        done.record(cells.size(), i -> cells.get(i).method(),
                (i, metric) -> metric + "_beta" + percent(cells.get(i).ratio()));
        if (synthetic) {
            recordOracle(ctx, data, world, cells, setups);
        }
    }

    /** The split depends on ratio, K and seed only: each is prepared once and shared by every method. */
    private static CrossDomainSetup setup(Map<String, CrossDomainSetup> cache, Config c, Dataset data, Cell cell) {
        return cache.computeIfAbsent(cell.ratio() + "/" + cell.k() + "/" + cell.seed(),
                key -> CrossDomainSetup.prepare(data, split(c, data, cell), cell.seed(), TransferKeys.options(c)));
    }

    /** Name of the row that scores the synthetic world's true rating function: the noise floor. */
    public static final String ORACLE = "oracle";

    /**
     * On synthetic data, scores the true (noise-free) rating function on the same test tasks as the
     * methods: its error is the noise floor, the best any method can reach in expectation.
     */
    private static void recordOracle(RunContext ctx, Dataset data, SyntheticWorld world, List<Cell> cells,
                                     Map<String, CrossDomainSetup> setups) {
        Config c = ctx.config();
        Map<String, Integer> offsets = new LinkedHashMap<>();
        java.util.Set<CrossDomainSetup> seen = new java.util.HashSet<>();
        for (Cell cell : cells) {
            CrossDomainSetup setup = setup(setups, c, data, cell);
            if (!seen.add(setup)) {
                continue;
            }
            List<org.metarec.core.tasks.RatingTask> tasks = setup.split().testTasks();
            String suffix = "_k" + cell.k() + "_beta" + percent(cell.ratio());
            for (org.metarec.core.tasks.RatingTask task : tasks) {
                double[] truth = data.interactions().ratings(task.queryRows());
                double[] best = world.trueRatings(task.queryRows());
                double[] values = {RatingMetrics.mae(truth, best), RatingMetrics.rmse(truth, best),
                    RankingMetrics.ndcgAtK(truth, best, 3)};
                String[] names = {"mae", "rmse", "ndcg3"};
                for (int m = 0; m < names.length; m++) {
                    String metric = names[m] + suffix;
                    int t = offsets.getOrDefault(metric, 0);
                    ctx.results().record(ORACLE, metric, t, values[m]);
                    offsets.put(metric, t + 1);
                }
            }
        }
        // The row's rmse is a mean of per-user RMSEs on this run's test ratings, not the pooled noise level sqrt(E[noise^2]):
        // a mean of square roots lies below the root of the mean, and a finite sample has noise of its own. Say both,
        // so that the note and the table agree.
        StringBuilder rows = new StringBuilder();
        for (Map.Entry<String, Double> e : oracleRmse(ctx, offsets).entrySet()) {
            rows.append(rows.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.4g", e.getKey(), e.getValue()));
        }
        String note = String.format(Locale.ROOT, "noise floor: the synthetic ratings carry noise of standard deviation %.3f; the "
                + "'%s' row scores the true rating function on the same test users as the methods, and its rmse is the mean of "
                + "per-user RMSEs (%s), which differs from %.3f because a mean of per-user RMSEs lies below the pooled one and these "
                + "test ratings are a finite sample; compare methods with the '%s' row, which none can expect to beat",
                world.noiseFloorMse() > 0 ? Math.sqrt(world.noiseFloorMse()) : 0.0, ORACLE, rows,
                world.noiseFloorMse() > 0 ? Math.sqrt(world.noiseFloorMse()) : 0.0, ORACLE);
        ctx.progress().note(note);
        ctx.results().note(note);
    }

    /** The oracle's mean rmse for each rmse metric recorded in {@link #recordOracle}. */
    private static Map<String, Double> oracleRmse(RunContext ctx, Map<String, Integer> offsets) {
        Map<String, Double> means = new LinkedHashMap<>();
        for (org.metarec.experiments.results.ResultSink.Series s : ctx.results().series()) {
            if (s.method().equals(ORACLE) && s.key().metric().startsWith("rmse") && offsets.containsKey(s.key().metric())) {
                means.put(s.key().metric(), java.util.Arrays.stream(s.values()).average().orElse(Double.NaN));
            }
        }
        return means;
    }

    private static ColdStartSplit.Config split(Config c, Dataset data, Cell cell) {
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
                c.getInt("protocol.query"), c.getInt("protocol.min_ratings"));
    }

    private static CrossDomainProtocol protocol(Config c, Cell cell, ColdStartSplit.Config split) {
        String model = StudyKeys.modelType(c);
        MetaLearning.Settings meta = new MetaLearning.Settings(c.getInt("budget.meta_iterations"),
                c.getInt("meta.meta_batch"), c.getDouble("meta.inner_lr"), c.getInt("meta.inner_steps"),
                c.getDouble("optimizer.lr"), StudyKeys.clipNorm(c), Math.max(1, c.getInt("budget.validate_every")));
        CrossDomainProtocol.Training training = new CrossDomainProtocol.Training(
                new CrossDomainProtocol.MetaTraining(meta, c.getDouble("meta.reptile.inner_lr"),
                        c.getInt("crossdomain.train_query"), c.getDouble("crossdomain.target_task_share")),
                new PooledTraining.Settings(c.getInt("crossdomain.pooled_epochs"), c.getInt("crossdomain.pooled_batch"),
                        c.getDouble("crossdomain.pooled_lr")),
                new FineTuning(c.getInt("crossdomain.fine_tune_steps"), c.getDoubleArray("crossdomain.fine_tune_lrs")),
                new CrossDomainProtocol.Mapping(c.getInt("crossdomain.mapping_iterations"), MappingSettings.DEFAULT_LR));
        CrossDomainProtocol.Sizes sizes = new CrossDomainProtocol.Sizes(c.getInt("model.embedding_dim"),
                c.getIntArray("model.hidden"), c.getDouble("crossdomain.weight_decay"));
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
