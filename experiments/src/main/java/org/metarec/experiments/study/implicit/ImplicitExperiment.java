package org.metarec.experiments.study.implicit;

import static org.metarec.experiments.config.Specs.bool;
import static org.metarec.experiments.config.Specs.integer;
import static org.metarec.experiments.config.Specs.key;
import static org.metarec.experiments.config.Specs.oneOf;
import static org.metarec.experiments.config.Specs.real;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.metarec.algorithms.rec.TestScores;
import org.metarec.algorithms.rec.implicit.BprTraining;
import org.metarec.algorithms.rec.implicit.ImplicitTransfer;
import org.metarec.algorithms.rec.mapping.MappingSettings;
import org.metarec.algorithms.rec.train.MetaLearning;
import org.metarec.core.data.SplitDataset;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.config.ObjectRule;
import org.metarec.experiments.config.ObjectSpec;
import org.metarec.experiments.data.DataSources;
import org.metarec.experiments.run.ExperimentKind;
import org.metarec.experiments.run.RunContext;
import org.metarec.experiments.study.rec.CellResults;
import org.metarec.experiments.study.rec.CellRunner;
import org.metarec.experiments.study.rec.Tuner;
import org.metarec.experiments.study.rec.StudyKeys;
import org.metarec.experiments.study.rec.Tunable;
import org.metarec.experiments.study.rec.TunedValues;
import org.metarec.experiments.study.rec.TuningLog;
import org.metarec.experiments.study.rec.TuningSettings;
import org.metarec.experiments.plots.RunPlots;
import org.metarec.algorithms.rec.train.TrialBudget;
import org.metarec.core.random.Rng;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@code implicit} kind: cross-domain cold-start recommendation from implicit feedback on a data set with its own
 * split (CDRIB's Amazon scenarios, {@code data.source: cdrib}), from {@code protocol.source_domains} to
 * {@code protocol.target_domain}.
 *
 * <p>The cold users are the target's users in its valid and test files. K = 0 is CDRIB's setting; with K &gt; 0
 * ({@code evaluation.support_sizes}), K of a cold user's validation interactions are revealed as support, selection
 * scores the rest and the test pairs are unchanged ({@link ImplicitSplit}). Every test pair is ranked against
 * {@code implicit.negatives} sampled negatives ({@link org.metarec.core.metrics.SampledRanking}), drawn once per seed
 * and saved under {@code negatives/} of the run folder so every method ranks the same candidates; the full catalogue
 * is ranked too. Metrics are {@code mrr_k<K>}, {@code ndcg5_k<K>}, ..., {@code full_ndcg20_k<K>}; the pairs (users for
 * the full-catalogue metrics) of several seeds are pooled as tasks. Each method trains once per seed and chooses, per
 * K, its state with the best validation MRR ({@code train.csv}: {@code validation_mrr} per method and K).
 *
 * <p>With {@code implicit.tuning.strategy: random} each method is tuned by {@link ImplicitSearch} instead: seeded random
 * search over its space with the same budget of trials for every method (a trial: one checkpoint scored at every K;
 * each K chooses its own), every trial in {@code tuning.csv} and the chosen values at the end of
 * {@code config.resolved.yaml}; the validation candidates then never depend on a test pair.
 */
public final class ImplicitExperiment implements ExperimentKind {

    @Override
    public String name() {
        return "implicit";
    }

    @Override
    public String description() {
        return "Cross-domain cold-start recommendation from implicit feedback (CDRIB's Amazon splits): rank held-out items "
                + "against sampled negatives and the full catalogue, at K = 0 and K-shot.";
    }

    @Override
    public ObjectSpec settings() {
        return new ObjectSpec(List.of(
                StudyKeys.seeds(),
                key("negatives", integer().atLeast(1)).defaultTo(999)
                        .doc("Sampled negatives each held-out pair is ranked against (CDRIB: 999)."),
                key("train_negatives", integer().atLeast(1)).defaultTo(4)
                        .doc("Sampled negatives per positive in a binary cross-entropy batch (a cold user's support, a "
                                + "meta-training task)."),
                key("epochs", integer().atLeast(1)).defaultTo(10).doc("Epochs of pooled BPR training."),
                key("batch", integer().atLeast(1)).defaultTo(1024).doc("Triples per BPR minibatch."),
                key("lr", real().above(0)).defaultTo(0.005).doc("Adam's rate in BPR training."),
                key("weight_decay", real().atLeast(0)).defaultTo(1e-4)
                        .doc("Weight of the L2 penalty on the looked-up embeddings in every loss."),
                key("fine_tune_steps", integer().atLeast(0)).defaultTo(5)
                        .doc("SGD steps of a pooled model's cold user on its support (0: none)."),
                key("fine_tune_lr", real().atLeast(0)).defaultTo(0.1).doc("Their step size."),
                key("train_support", integer().atLeast(1)).defaultTo(3)
                        .doc("Support interactions of a meta-training task (a warm target user)."),
                key("train_query", integer().atLeast(1)).defaultTo(10).doc("Most query interactions of a meta-training task."),
                key("full_ranking", bool()).defaultTo(true).doc("Also rank the full catalogue (HR, Recall, nDCG at 5, 10, 20)."),
                key("mapping_hidden", integer().atLeast(1)).defaultTo(64)
                        .doc("Hidden width of EMCDR's mapping MLP and of PTUPCDR's attention and meta networks."),
                key("mapping_iterations", integer().atLeast(0)).defaultTo(500)
                        .doc("Adam steps of EMCDR's mapping (full batch over the users trained in both domains) and of "
                                + "PTUPCDR's bridge (meta.meta_batch users per step)."),
                key("mapping_lr", real().above(0)).defaultTo(MappingSettings.DEFAULT_LR).doc("Their Adam rate."),
                key("mapping_validate_every", integer().atLeast(1)).defaultTo(100)
                        .doc("Steps between validation checkpoints of the mapping and the bridge (also step 0 and the "
                                + "last); the checkpoint with the best validation MRR is chosen per K."),
                key("bridge_loss", oneOf("bpr", "bce")).defaultTo("bpr")
                        .doc("PTUPCDR's loss on the overlap users' target interactions: bpr (one sampled negative per "
                                + "interaction) or bce (train_negatives sampled negatives per interaction)."),
                TuningSettings.section(ImplicitMethod.names(), name -> ImplicitMethod.named(name).readable(),
                        ImplicitExperiment::replaces, STRATEGY, false)),
                List.of());
    }

    /** How a trial is counted here, for the docs of {@code implicit.tuning.strategy}. */
    private static final String STRATEGY = "`none`: every method trains once per seed and chooses, per K, its "
            + "checkpoint with the best validation MRR (no budget); `random`: random search (Bergstra and Bengio 2012) "
            + "over each method's `space`, seeded by the stream `tuning/<method>/seed<s>` of the seed, with the same "
            + "budget `trials` for every method. A trial is one checkpoint of a drawn setting's training (an epoch of BPR, "
            + "a validation point of meta-training, of EMCDR's mapping or of PTUPCDR's bridge; each with the setting's "
            + "fine-tuning rate, so rates are trials too) "
            + "scored by the validation MRR of the validation file's selection pairs at every K of the run; each K then "
            + "chooses its own trial, the best MRR of all (the earliest on ties). A drawn setting trains until its own "
            + "length or until the budget is spent; popularity, which has nothing to draw, is scored once. What a method "
            + "starts from is trained with the config's settings and not drawn: the meta-learners' pooled BPR, the "
            + "per-domain BPR-MF factors of emcdr and ptupcdr. Every trial "
            + "is written to `tuning.csv` (cell `k<K>_seed<s>`, column `validation_mrr`), the chosen values per cell at "
            + "the end of `config.resolved.yaml` (as comments). Test pairs are never read: with `random`, the negatives "
            + "of the validation candidates avoid each user's training and validation items only (with `none` they "
            + "avoid test items too, as the test candidates do).";

    /** What a drawn setting replaces in this kind. */
    private static String replaces(Tunable t) {
        return switch (t) {
            case POOLED_LR -> "Adam's rate in BPR training `implicit.lr`";
            case POOLED_EPOCHS -> "the epochs of BPR training `implicit.epochs`";
            case FINE_TUNE_LR -> "the fine-tuning rate `implicit.fine_tune_lr` (0: none)";
            case WEIGHT_DECAY -> "the L2 penalty `implicit.weight_decay` of BPR training and fine-tuning";
            case INNER_LR -> "the inner learning rate `meta.inner_lr`";
            case META_LR -> "the outer Adam rate `optimizer.lr`";
            case META_ITERATIONS -> "the outer steps `budget.meta_iterations`";
            case MAPPING_LR -> "Adam's rate `implicit.mapping_lr` of EMCDR's mapping and PTUPCDR's bridge";
            case MAPPING_ITERATIONS -> "the Adam steps `implicit.mapping_iterations` of the mapping and the bridge";
            default -> t.replaces();
        };
    }

    @Override
    public List<String> reads() {
        return List.of("data.source", "data.path", "data.cdrib", "data.skip_bad_lines", "protocol.source_domains",
                "protocol.target_domain", "model.embedding_dim", "meta.inner_lr", "meta.inner_steps", "meta.meta_batch",
                "optimizer.lr", "optimizer.clip_norm", "budget.meta_iterations", "budget.validate_every",
                "evaluation.support_sizes", "evaluation.reference");
    }

    @Override
    public List<String> methods() {
        return ImplicitMethod.names();
    }

    @Override
    public List<ObjectRule> rules() {
        return List.of(new ObjectRule("`data.source` is a data set of implicit feedback with its own split (cdrib)",
                List.of("data"), root -> {
                    Object source = ((Map<?, ?>) root.get("data")).get("source");
                    return "cdrib".equals(source) ? null : new ObjectRule.Violation("data.source",
                            "expected cdrib for the implicit kind, found " + source);
                }), StudyKeys.knownDomains(), StudyKeys.tunedMethodsHaveASpace(name(),
                        m -> ImplicitMethod.names().contains(m) ? ImplicitMethod.named(m).readable() : List.of()));
    }

    /** {@code tuning.csv}'s cell column: K and the seed. */
    private static String cellName(int k, long seed) {
        return "k" + k + "_seed" + seed;
    }

    /** One training: a method on one seed. */
    /**
     * A trained and scored cell, waiting to be written ({@link CellRunner}).
     *
     * @param label the cell's label
     * @param scored the validation scorings, as {@code {k, step, mrr, series suffix}}
     * @param trials the search's trials per K, or null without tuning
     * @param scores the test scores
     */
    private record ScoredCell(String label, List<Object[]> scored, Map<Integer, List<Tuner.Trial>> trials,
            Map<String, TestScores> scores) {}

    private record Cell(long seed, ImplicitMethod method) {
        String label(boolean manySeeds) {
            return method.configName() + (manySeeds ? "_seed" + seed : "");
        }
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        Config c = ctx.config();
        SplitDataset data = DataSources.cdrib(c);
        List<String> names = data.dataset().domains().names();
        int target = names.indexOf(c.isSet("protocol.target_domain") ? c.getString("protocol.target_domain")
                : names.get(names.size() - 1));
        List<String> sources = c.getStringList("protocol.source_domains");
        int source = sources.isEmpty() ? 1 - target : names.indexOf(sources.get(0));
        if (sources.size() > 1 || source == target) {
            throw new IllegalArgumentException("protocol.source_domains: expected the one domain of " + names + " that is "
                    + "not the target, found " + sources);
        }
        List<Integer> ks = new ArrayList<>();
        for (int k : c.getIntArray("evaluation.support_sizes")) {
            ks.add(k);
        }
        ImplicitSettings settings = new ImplicitSettings(c.getInt("implicit.negatives"), c.getInt("implicit.train_negatives"),
                new BprTraining.Settings(c.getInt("implicit.epochs"), c.getInt("implicit.batch"), c.getDouble("implicit.lr"),
                        c.getDouble("implicit.weight_decay")),
                c.getInt("implicit.fine_tune_steps"), c.getDouble("implicit.fine_tune_lr"), c.getInt("implicit.train_support"),
                c.getInt("implicit.train_query"), c.getBoolean("implicit.full_ranking"),
                new MappingSettings(c.getInt("implicit.mapping_hidden"), c.getInt("implicit.mapping_iterations"),
                        c.getInt("meta.meta_batch"), c.getDouble("implicit.mapping_lr"),
                        c.getInt("implicit.mapping_validate_every")),
                ImplicitTransfer.Objective.valueOf(c.getString("implicit.bridge_loss").toUpperCase(Locale.ROOT)));
        MetaLearning.Settings meta = new MetaLearning.Settings(c.getInt("budget.meta_iterations"), c.getInt("meta.meta_batch"),
                c.getDouble("meta.inner_lr"), c.getInt("meta.inner_steps"), c.getDouble("optimizer.lr"),
                StudyKeys.clipNorm(c), Math.max(1, c.getInt("budget.validate_every")));
        List<Long> seeds = StudyKeys.seeds(c, "implicit");
        List<String> methods = c.getStringList("methods");
        List<Cell> cells = new ArrayList<>();
        for (long seed : seeds) {
            for (String m : methods) {
                cells.add(new Cell(seed, ImplicitMethod.named(m)));
            }
        }
        ctx.trainLog().columns("validation_mrr");
        ctx.results().declareMethods(methods.toArray(String[]::new));
        ctx.results().note("implicit feedback, " + names.get(source) + " -> " + names.get(target) + ": each test pair "
                + "ranked against " + settings.negatives() + " negatives drawn once per seed (negatives/), excluding all of "
                + "the user's known target items; test pairs whose item has no training interaction are skipped");
        CellResults done = CellResults.restore(ctx);
        boolean tuned = c.getString("implicit.tuning.strategy").equals("random");
        if (tuned) {
            ctx.results().note("implicit.tuning: every method has the same trial budget; the validation candidates' "
                    + "negatives avoid only each user's training and validation items, so no choice depends on a test pair");
        }
        Map<ImplicitMethod, TuningSettings.MethodTuning> tuning = Map.of();
        TuningLog tuningLog = null;
        if (tuned) {
            // Every method's part is read (the config holds them all), the run's methods' budgets compared.
            tuning = TuningSettings.readMethods(c, "implicit", List.of(ImplicitMethod.values()), ImplicitMethod::configName,
                    ImplicitMethod::readable);
            Map<String, Integer> budgets = new LinkedHashMap<>();
            List<String> spaceless = new ArrayList<>();
            for (ImplicitMethod m : methods.stream().map(ImplicitMethod::named).distinct().toList()) {
                budgets.put(m.configName(), tuning.get(m).trials());
                if (!m.readable().isEmpty() && tuning.get(m).space().isEmpty()) {
                    spaceless.add(m.configName());
                }
            }
            String unequal = TuningSettings.unequalNote(budgets, spaceless);
            if (unequal != null && !c.getBoolean("implicit.tuning.unequal_budgets")) {
                // The schema rejects such a config; reaching here would be a bug in that rule.
                throw new IllegalStateException("implicit.tuning: expected equal budgets and a space for every tunable "
                        + "method without unequal_budgets, found " + budgets + ", without a space " + spaceless);
            }
            if (unequal != null) {
                ctx.results().note(unequal);
            }
            Set<String> finished = new HashSet<>();
            for (int i = 0; i < cells.size(); i++) {
                if (done.isDone(i)) {
                    for (int k : ks) {
                        finished.add(TuningLog.key(cells.get(i).method().configName(), cellName(k, cells.get(i).seed())));
                    }
                }
            }
            tuningLog = TuningLog.restore(ctx.outDir(), finished, 1, "validation_mrr");
        }
        Map<Long, ImplicitRun> runs = new LinkedHashMap<>();
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get(i);
            if (!runs.containsKey(cell.seed())) {
                // Drawn (and written) even for finished cells, so a resumed run's negatives/ folder is complete.
                runs.put(cell.seed(), new ImplicitRun(data, source, target, ks, cell.seed(), settings,
                        ctx.outDir().resolve("negatives"), tuned));
            }
            if (!done.isDone(i)) {
                pending.add(i);
            }
        }
        TuningLog log = tuningLog;
        Map<ImplicitMethod, TuningSettings.MethodTuning> spaces = tuning;
        ctx.progress().start("train", cells.size(), done.doneCount(), "methods");
        CellRunner.run(pending, ctx.pool(), i -> {
            Cell cell = cells.get(i);
            ImplicitRun r = runs.get(cell.seed());
            String label = cell.label(seeds.size() > 1);
            ctx.progress().note("training " + label);
            return pool -> {
                List<Object[]> scored = new ArrayList<>();
                Map<Integer, ColdRanker> trained;
                Map<Integer, List<Tuner.Trial>> trials = null;
                if (tuned) {
                    TuningSettings.MethodTuning own = spaces.get(cell.method());
                    ImplicitSearch.Outcome o = CellResults.train(ctx, label, () -> ImplicitSearch.run(own.space(),
                            own.trials(), ks, Rng.derive(cell.seed(), "tuning/" + cell.method().configName() + "/seed"
                                    + cell.seed()),
                            (values, budget, setting) -> cell.method().train(r, new ImplicitMethod.Resources(
                                    c.getInt("model.embedding_dim"), meta, pool,
                                    (k, step, mrr) -> scored.add(new Object[] {k, step, mrr, "setting-" + setting}), true),
                                    values, budget)));
                    trials = o.trials();
                    trained = o.chosen();
                } else {
                    trained = CellResults.train(ctx, label, () -> cell.method().train(r,
                            new ImplicitMethod.Resources(c.getInt("model.embedding_dim"), meta, pool,
                                    (k, step, mrr) -> scored.add(new Object[] {k, step, mrr, ""}), false),
                            TunedValues.NONE, TrialBudget.unlimited())).chosen();
                }
                Map<String, TestScores> scores = new LinkedHashMap<>();
                for (int k : ks) {
                    scores.putAll(r.test(k, trained.get(k)));
                }
                return new ScoredCell(label, scored, trials, scores);
            };
        }, (i, cell, seconds) -> {
            CellResults.logTrained(ctx, cell.label(), seconds);
            if (cell.trials() != null) {
                for (int k : ks) {
                    log.add(cells.get(i).method().configName(), cellName(k, cells.get(i).seed()), cell.trials().get(k));
                }
            }
            for (Object[] s : cell.scored()) {
                String series = RunPlots.series(cell.label() + ".k" + s[0], (String) s[3]);
                ctx.trainLog().append((long) s[1], series, (double) s[2]);
            }
            done.finishScores(i, cell.scores());
            ctx.progress().update(done.doneCount(), Double.NaN);
        });
        ctx.progress().finish();
        if (tuningLog != null) {
            tuningLog.writeChosen();
        }
        done.record(cells.size(), i -> cells.get(i).method().configName(), i -> cells.get(i).seed(),
                (i, setting) -> setting.replace(ImplicitRun.FULL, ""));
    }
}
