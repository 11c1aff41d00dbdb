package org.metarec.experiments.study.fewshot;

import static org.metarec.experiments.config.Specs.integer;
import static org.metarec.experiments.config.Specs.key;
import static org.metarec.experiments.config.Specs.real;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.metarec.algorithms.data.ClassBatch;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.train.MetaTrainer;
import org.metarec.autodiff.Params;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.config.ObjectRule;
import org.metarec.experiments.config.ObjectSpec;
import org.metarec.experiments.run.ExperimentKind;
import org.metarec.experiments.run.RunContext;
import org.metarec.experiments.study.rec.CellResults;
import org.metarec.experiments.study.rec.StudyKeys;

/**
 * The {@code fewshot} kind: N-way K-shot classification over a generated family of classes
 * ({@link FewShotClasses}), comparing Prototypical Networks, MAML, first-order MAML and a pretrained classifier
 * with a new head, each trained with the same outer budget on the same stream of training draws and measured on
 * the same test tasks of unseen classes. Metrics: {@code acc_k<K>} after each count of
 * {@code evaluation.adapt_steps}. One run covers every seed ({@code fewshot.seeds}, or {@code seed}) and method;
 * each seed draws its own class family; the test tasks of several seeds are pooled. A checkpoint is written
 * after every finished (seed, method); {@code resume} continues with the next.
 */
public final class FewShotExperiment implements ExperimentKind {

    private static final String SECTION = "fewshot";

    @Override
    public String name() {
        return SECTION;
    }

    @Override
    public String description() {
        return "Few-shot classification: N-way K-shot tasks over generated classes; Prototypical Networks, MAML, "
                + "first-order MAML and a pretrained classifier with a new head, tested on unseen classes.";
    }

    /** The query accuracy after adaptation from each number of shots K: {@code acc_k<K>} (its rows add the steps). */
    @Override
    public Optional<List<String>> metrics(Map<String, Object> config) {
        List<?> shots = (List<?>) ((Map<?, ?>) config.get("evaluation")).get("support_sizes");
        return Optional.of(shots.stream().map(k -> "acc_k" + k).toList());
    }

    @Override
    public List<String> reads() {
        return List.of("model.hidden", "model.activation", "meta.inner_lr", "meta.inner_steps", "meta.meta_batch",
                "optimizer.lr", "optimizer.clip_norm", "budget.meta_iterations", "budget.log_every",
                "evaluation.test_tasks", "evaluation.support_sizes", "evaluation.adapt_steps", "evaluation.eval_lr",
                "evaluation.reference", "evaluation.correction", "evaluation.primary_metrics");
    }

    @Override
    public List<String> methods() {
        return FewShotMethod.names();
    }

    @Override
    public ObjectSpec settings() {
        return new ObjectSpec(List.of(
                key("ways", integer().atLeast(2)).defaultTo(5).doc("N: classes per task, in training and test."),
                key("shots", integer().atLeast(1)).defaultTo(5).doc("K: support examples per class in meta-training tasks."),
                key("query", integer().atLeast(1)).defaultTo(10).doc("Query examples per class, in training and test tasks."),
                key("train_classes", integer().atLeast(2)).defaultTo(64)
                        .doc("Classes that training draws from (the pretrained baseline classifies all of them)."),
                key("test_classes", integer().atLeast(2)).defaultTo(20).doc("Further classes, used by test tasks only."),
                key("latent_dim", integer().atLeast(1)).defaultTo(8).doc("Dimension of the latent space of the class clusters."),
                key("input_dim", integer().atLeast(1)).defaultTo(20).doc("Dimension of the inputs (the fixed nonlinear map's output)."),
                key("cluster_std", real().above(0)).defaultTo(0.6)
                        .doc("Spread of each class around its centre (the centres are standard normal), in latent units."),
                StudyKeys.seeds()), List.of(
                new ObjectRule("`ways` <= `test_classes` and `ways` <= `train_classes`",
                        List.of("ways", "train_classes", "test_classes"), v -> {
                            long ways = ((Number) v.get("ways")).longValue();
                            for (String k : List.of("train_classes", "test_classes")) {
                                if (((Number) v.get(k)).longValue() < ways) {
                                    return new ObjectRule.Violation(k, "expected at least ways (" + ways
                                            + ") classes, found " + v.get(k));
                                }
                            }
                            return null;
                        })));
    }

    @Override
    public List<ObjectRule> rules() {
        return List.of(new ObjectRule("`evaluation.support_sizes` are at least 1", List.of("evaluation"), root -> {
            for (Object k : (List<?>) ((Map<?, ?>) root.get("evaluation")).get("support_sizes")) {
                if (((Number) k).longValue() < 1) {
                    return new ObjectRule.Violation("evaluation.support_sizes",
                            "expected K >= 1 support examples per class, found " + k);
                }
            }
            return null;
        }));
    }

    /** One combination of the run's grid. */
    private record Cell(long seed, FewShotMethod method) {
        String label(boolean manySeeds) {
            return method.configName() + (manySeeds ? "_seed" + seed : "");
        }
    }

    /** The protocol of one method and seed, read from the config. */
    public static FewShotProtocol protocol(Config c, FewShotMethod method, long seed) {
        String s = SECTION + ".";
        FewShotClasses.Settings classes = new FewShotClasses.Settings(c.getInt(s + "train_classes"),
                c.getInt(s + "test_classes"), c.getInt(s + "latent_dim"), c.getInt(s + "input_dim"),
                c.getDouble(s + "cluster_std"));
        FewShotProtocol.Episodes episodes = new FewShotProtocol.Episodes(c.getInt(s + "ways"), c.getInt(s + "shots"),
                c.getInt(s + "query"));
        FewShotProtocol.Network network = new FewShotProtocol.Network(c.getIntArray("model.hidden"),
                c.getString("model.activation"));
        FewShotProtocol.Training training = new FewShotProtocol.Training(c.getInt("budget.meta_iterations"),
                c.getInt("meta.meta_batch"), c.getDouble("meta.inner_lr"), c.getInt("meta.inner_steps"),
                c.getDouble("optimizer.lr"), StudyKeys.clipNorm(c));
        FewShotProtocol.Evaluation evaluation = new FewShotProtocol.Evaluation(c.getInt("evaluation.test_tasks"),
                c.getIntArray("evaluation.support_sizes"), c.getIntArray("evaluation.adapt_steps"),
                c.getDouble("evaluation.eval_lr"));
        return new FewShotProtocol(method, seed, classes, episodes, network, training, evaluation);
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        Config c = ctx.config();
        List<Long> seeds = StudyKeys.seeds(c, SECTION);
        List<String> methods = c.getStringList("methods");
        List<Cell> cells = new ArrayList<>();
        for (long seed : seeds) {
            for (String m : methods) {
                cells.add(new Cell(seed, FewShotMethod.byName(m).orElseThrow()));
            }
        }
        ctx.trainLog().columns("meta_loss", "grad_norm");
        ctx.results().declareMethods(methods.toArray(String[]::new));
        CellResults done = CellResults.restore(ctx);
        boolean manySeeds = seeds.size() > 1;
        long logEvery = c.getLong("budget.log_every");
        TaskPool pool = ctx.pool();
        for (int i = 0; i < cells.size(); i++) {
            if (done.isDone(i)) {
                continue;
            }
            Cell cell = cells.get(i);
            String label = cell.label(manySeeds);
            FewShotStudy study = new FewShotStudy(protocol(c, cell.method(), cell.seed()));
            MetaTrainer<ClassBatch> trainer = study.newTrainer(pool);
            long total = c.getLong("budget.meta_iterations");
            ctx.progress().start("train " + label, total, 0);
            while (trainer.stepCount() < total) {
                MetaTrainer.StepReport r = CellResults.train(ctx, label, trainer::step);
                if (r.step() % logEvery == 0 || r.step() == total) {
                    ctx.trainLog().append(r.step(), label, r.metaLoss(), r.gradNorm());
                }
                ctx.progress().update(r.step(), r.metaLoss());
            }
            ctx.progress().finish();
            Params meta = trainer.meta();
            ctx.progress().note("evaluating " + label);
            done.finish(i, study.evaluate(meta, pool));
        }
        done.record(cells.size(), i -> cells.get(i).method().configName(), i -> cells.get(i).seed(), (i, setting) -> setting);
    }
}
