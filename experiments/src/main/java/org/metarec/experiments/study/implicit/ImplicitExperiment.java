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
import org.metarec.experiments.study.rec.StudyKeys;

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
                                + "interaction) or bce (train_negatives sampled negatives per interaction).")),
                List.of());
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
                }), StudyKeys.knownDomains());
    }

    /** One training: a method on one seed. */
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
        Map<Long, ImplicitRun> runs = new LinkedHashMap<>();
        ctx.progress().start("train", cells.size(), done.doneCount(), "methods");
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get(i);
            ImplicitRun run = runs.get(cell.seed());
            if (run == null) {
                // Drawn (and written) even for finished cells, so a resumed run's negatives/ folder is complete.
                run = new ImplicitRun(data, source, target, ks, cell.seed(), settings, ctx.outDir().resolve("negatives"));
                runs.put(cell.seed(), run);
            }
            if (done.isDone(i)) {
                continue;
            }
            String label = cell.label(seeds.size() > 1);
            ctx.progress().note("training " + label);
            List<double[]> scored = new ArrayList<>();
            ImplicitRun r = run;
            Map<Integer, ColdRanker> trained = CellResults.train(ctx, label, () -> cell.method().train(r,
                    new ImplicitMethod.Resources(c.getInt("model.embedding_dim"), meta, ctx.pool(),
                            (k, step, mrr) -> scored.add(new double[] {k, step, mrr}))));
            for (double[] s : scored) {
                ctx.trainLog().append((long) s[1], label + ".k" + (int) s[0], s[2]);
            }
            Map<String, TestScores> scores = new LinkedHashMap<>();
            for (int k : ks) {
                scores.putAll(run.test(k, trained.get(k)));
            }
            done.finishScores(i, scores);
            ctx.progress().update(done.doneCount(), Double.NaN);
        }
        ctx.progress().finish();
        done.record(cells.size(), i -> cells.get(i).method().configName(), i -> cells.get(i).seed(),
                (i, setting) -> setting.replace(ImplicitRun.FULL, ""));
    }
}
