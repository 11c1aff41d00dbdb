package org.metarec.experiments.study.sinusoid;


import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;
import org.metarec.algorithms.data.XYBatch;
import org.metarec.algorithms.meta.ImplicitMAML;
import org.metarec.algorithms.meta.MAMLPlusPlus;
import org.metarec.algorithms.meta.MetaMethod;
import org.metarec.algorithms.optim.Adam;
import org.metarec.algorithms.optim.CosineSchedule;
import org.metarec.algorithms.optim.LearningRateSchedule;
import org.metarec.algorithms.optim.Optimizer;
import org.metarec.algorithms.optim.SGD;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.train.MetaTrainer;
import org.metarec.algorithms.train.NonFiniteException;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.nn.Activation;
import org.metarec.autodiff.nn.MLP;
import org.metarec.autodiff.Tensor;
import org.metarec.core.random.Rng;
import org.metarec.experiments.checkpoint.Checkpoint;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.config.ObjectRule;
import org.metarec.experiments.run.ExperimentKind;
import org.metarec.experiments.run.RunContext;
import org.metarec.experiments.study.sinusoid.SinusoidProtocol;
import org.metarec.experiments.study.sinusoid.SinusoidStudy;
import org.metarec.experiments.study.sinusoid.SinusoidTasks;

/**
 * The {@code sinusoid} kind: the regression study of Finn et al. (2017, section 5.1), run by
 * {@link SinusoidStudy} for every method in {@code methods}, one after the other, each from the same
 * initial parameters and on the same stream of training tasks.
 *
 * <p>Settings come from the common sections ({@link #reads()}): {@code data.sinusoid} (the task family),
 * {@code protocol.support} (K during meta-training), {@code model.hidden} and {@code model.activation},
 * {@code meta} (inner loop, meta-batch, Reptile's inner loop, MAML++'s switches, iMAML's settings), {@code optimizer}
 * (the outer step and its schedule),
 * {@code budget} and {@code evaluation} (support sizes, adaptation steps, test tasks, query points,
 * test-time learning rate).
 *
 * <p>Checkpoints hold the finished methods' parameters, the current method's parameters, optimiser
 * state, task stream and step, so a killed run resumes where it stopped with identical numbers.
 */
public final class SinusoidExperiment implements ExperimentKind {

    @Override
    public String name() {
        return "sinusoid";
    }

    @Override
    public String description() {
        return "The sinusoid regression study of Finn et al. (2017): meta-train, then adapt to new sinusoids from K points.";
    }

    /** The query MSE after adaptation from each support size K: {@code mse_k<K>} (its rows add the steps). */
    @Override
    public Optional<List<String>> metrics(Map<String, Object> config) {
        List<?> sizes = (List<?>) ((Map<?, ?>) config.get("evaluation")).get("support_sizes");
        return Optional.of(sizes.stream().map(k -> "mse_k" + k).toList());
    }

    @Override
    public List<String> reads() {
        return List.of("data.source", "data.sinusoid", "protocol.support", "model.hidden", "model.activation",
                "meta.inner_lr", "meta.inner_steps", "meta.meta_batch", "meta.head", "meta.reptile.inner_steps", "meta.reptile.inner_lr",
                "meta.reptile.inner_batch", "meta.mamlpp", "meta.imaml", "optimizer", "budget.meta_iterations", "budget.checkpoint_every",
                "budget.log_every", "evaluation.test_tasks", "evaluation.support_sizes", "evaluation.adapt_steps",
                "evaluation.query_points", "evaluation.eval_lr", "evaluation.reference", "evaluation.correction",
                "evaluation.primary_metrics");
    }

    @Override
    public List<String> methods() {
        return SinusoidProtocol.METHODS;
    }

    @Override
    public List<ObjectRule> rules() {
        return List.of(
                new ObjectRule("`data.source` is sinusoid", List.of("data"), root -> {
                    Object source = ((Map<?, ?>) root.get("data")).get("source");
                    return "sinusoid".equals(source) ? null : new ObjectRule.Violation("data.source",
                            "expected sinusoid (the study draws its own regression tasks), found " + source);
                }),
                new ObjectRule("`meta.head` names parameters of the network, and only when `methods` lists anil",
                        List.of("meta", "model", "methods"), SinusoidExperiment::checkHead),
                new ObjectRule("`protocol.support` is at least 1", List.of("protocol"), root -> {
                    Object k = ((Map<?, ?>) root.get("protocol")).get("support");
                    return ((Number) k).longValue() >= 1 ? null : new ObjectRule.Violation("protocol.support",
                            "expected K >= 1 support points per meta-training task, found " + k);
                }),
                new ObjectRule("`evaluation.support_sizes` are at least 1", List.of("evaluation"), root -> {
                    for (Object k : (List<?>) ((Map<?, ?>) root.get("evaluation")).get("support_sizes")) {
                        if (((Number) k).longValue() < 1) {
                            return new ObjectRule.Violation("evaluation.support_sizes",
                                    "expected support sizes K >= 1 (adaptation needs at least one point), found " + k);
                        }
                    }
                    return null;
                }));
    }

    private static ObjectRule.Violation checkHead(Map<String, Object> root) {
        List<?> head = (List<?>) ((Map<?, ?>) root.get("meta")).get("head");
        if (head.isEmpty()) {
            return null;
        }
        if (!((List<?>) root.get("methods")).contains(MetaMethod.ANIL.configName())) {
            return new ObjectRule.Violation("meta.head", "expected no head unless methods lists anil (only ANIL adapts a "
                    + "head), found " + head);
        }
        Map<?, ?> model = (Map<?, ?>) root.get("model");
        int[] hidden = ((List<?>) model.get("hidden")).stream().mapToInt(h -> ((Number) h).intValue()).toArray();
        String activation = (String) model.get("activation");
        List<String> names = new MLP(new SinusoidProtocol.Network(hidden, activation).sizes(), Activation.parse(activation))
                .paramNames();
        for (Object name : head) {
            if (!names.contains(name)) {
                return new ObjectRule.Violation("meta.head", "expected parameter names of the network " + names
                        + ", found '" + name + "'");
            }
        }
        return null;
    }

    /** The study's protocol for {@code method}, read from the config. */
    public static SinusoidProtocol protocol(Config c, String method) {
        int[] steps = c.getIntArray("evaluation.adapt_steps");
        int[] ks = c.getIntArray("evaluation.support_sizes");
        if (!c.getString("data.source").equals("sinusoid")) { // the kind's rule reports this at validation already
            throw new IllegalArgumentException("data.source: the sinusoid study draws sinusoid tasks, found "
                    + c.getString("data.source"));
        }
        SinusoidTasks.Family family = new SinusoidTasks.Family(
                c.getDouble("data.sinusoid.amplitude_min"), c.getDouble("data.sinusoid.amplitude_max"),
                c.getDouble("data.sinusoid.phase_min"), c.getDouble("data.sinusoid.phase_max"),
                c.getDouble("data.sinusoid.x_min"), c.getDouble("data.sinusoid.x_max"));
        SinusoidProtocol.Network network = new SinusoidProtocol.Network(c.getIntArray("model.hidden"),
                c.getString("model.activation"), c.getStringList("meta.head"));
        SinusoidProtocol.Training training = new SinusoidProtocol.Training(c.getInt("budget.meta_iterations"),
                c.getInt("meta.meta_batch"), c.getInt("protocol.support"), c.getDouble("meta.inner_lr"),
                c.getInt("meta.inner_steps"), c.getDouble("optimizer.lr"),
                c.isSet("optimizer.clip_norm") ? c.getDouble("optimizer.clip_norm") : 0);
        SinusoidProtocol.Reptile reptile = new SinusoidProtocol.Reptile(c.getInt("meta.reptile.inner_steps"),
                c.getDouble("meta.reptile.inner_lr"), c.getInt("meta.reptile.inner_batch"));
        SinusoidProtocol.Evaluation evaluation = new SinusoidProtocol.Evaluation(c.getInt("evaluation.test_tasks"), ks,
                Arrays.stream(steps).max().orElse(0), c.getInt("evaluation.query_points"),
                c.getDouble("evaluation.eval_lr"));
        MAMLPlusPlus.Switches mamlpp = MAMLPlusPlus.Switches.of(c.getBoolean("meta.mamlpp.learned_rates"),
                c.getBoolean("meta.mamlpp.multi_step_loss"), c.getLong("meta.mamlpp.msl_iterations"),
                c.getLong("meta.mamlpp.first_order_iterations"));
        ImplicitMAML.Settings imaml = new ImplicitMAML.Settings(c.getDouble("meta.imaml.lambda"),
                c.getInt("meta.imaml.cg_iterations"), c.getDouble("meta.imaml.cg_tolerance"),
                c.getBoolean("meta.imaml.line_search"));
        return new SinusoidProtocol(SinusoidProtocol.method(method), c.seed(), family, network, training, reptile,
                evaluation, mamlpp, imaml);
    }

    /** The outer learning rate the config names: {@code optimizer.lr}, constant or cosine-annealed over the budget. */
    static LearningRateSchedule outerRate(Config c) {
        double lr = c.getDouble("optimizer.lr");
        return c.getString("optimizer.schedule").equals("cosine")
                ? new CosineSchedule(lr, c.getDouble("optimizer.min_lr"), c.getLong("budget.meta_iterations"))
                : LearningRateSchedule.constant(lr);
    }

    /** The outer optimiser the config names. */
    static Optimizer optimizer(Config c) {
        if (c.getString("optimizer.name").equals("sgd")) {
            return new SGD(outerRate(c));
        }
        double[] betas = c.getDoubleArray("optimizer.betas");
        return new Adam(outerRate(c), betas[0], betas[1], c.getDouble("optimizer.eps"));
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        Config c = ctx.config();
        List<String> methods = c.getStringList("methods");
        ctx.trainLog().columns("meta_loss", "grad_norm");
        ctx.results().declareMethods(methods.toArray(String[]::new));

        Map<String, Params> finished = new LinkedHashMap<>();
        Optional<Checkpoint> saved = ctx.checkpoints().latest();
        int current = 0;
        if (saved.isPresent()) {
            current = Integer.parseInt(saved.get().string("method_index"));
            for (int i = 0; i < current; i++) {
                finished.put(methods.get(i), finalParams(saved.get(), methods.get(i)));
            }
        }

        TaskPool pool = ctx.pool();
        for (int i = current; i < methods.size(); i++) {
            Checkpoint resumeFrom = saved.isPresent() && i == current ? saved.get() : null;
            finished.put(methods.get(i), train(ctx, methods, i, finished, pool, resumeFrom));
        }
        for (String m : methods) {
            evaluate(ctx, m, finished.get(m), pool);
        }
    }

    private static Params train(RunContext ctx, List<String> methods, int index, Map<String, Params> finished,
                                TaskPool pool, Checkpoint resumeFrom) throws Exception {
        Config c = ctx.config();
        String method = methods.get(index);
        SinusoidStudy study = new SinusoidStudy(protocol(c, method));
        Optimizer optimizer = optimizer(c);
        MetaTrainer<XYBatch> trainer = study.newTrainer(pool, optimizer);
        if (resumeFrom != null && resumeFrom.string("method").equals(method)) {
            // Keep the trainer's own parameter order: sums over parameters (the gradient norm) depend on it.
            Params saved = readParams(resumeFrom, "meta/");
            Params ordered = trainer.meta().withValues(trainer.meta().names().stream().map(saved::get).toList());
            trainer.restore(ordered.asVariables(), Rng.restore(resumeFrom.longArray("rng_tasks")),
                    Long.parseLong(resumeFrom.string("method_step")));
            optimizer.restore(readArrays(resumeFrom, "optimizer/"));
        }
        long total = c.getLong("budget.meta_iterations");
        long logEvery = c.getLong("budget.log_every");
        long checkpointEvery = c.getLong("budget.checkpoint_every");
        long doneBefore = (long) index * total;
        ctx.progress().start("train " + method, total, trainer.stepCount());
        while (trainer.stepCount() < total) {
            MetaTrainer.StepReport r;
            try {
                r = trainer.step();
            } catch (NonFiniteException e) {
                ctx.checkFinite(e.step(), e.method(), e.quantity(), e.value());
                throw e;
            }
            long step = r.step();
            if (step % logEvery == 0 || step == total) {
                ctx.trainLog().append(step, method, r.metaLoss(), r.gradNorm());
            }
            if (step % checkpointEvery == 0 || step == total) {
                boolean methodDone = step == total;
                Checkpoint.Builder b = Checkpoint.at(doneBefore + step)
                        .put("method_index", Integer.toString(methodDone ? index + 1 : index))
                        .put("method", method)
                        .put("method_step", Long.toString(step))
                        .put("rng_tasks", trainer.taskRng().state());
                Map<String, Params> done = new LinkedHashMap<>(finished);
                if (methodDone) {
                    done.put(method, trainer.meta());
                } else {
                    putParams(b, "meta/", trainer.meta());
                    optimizer.state().forEach((k, v) -> b.put("optimizer/" + k, v));
                }
                done.forEach((m, p) -> putParams(b, "final/" + m + "/", p));
                ctx.checkpoints().save(b.build());
            }
            ctx.progress().update(step, r.metaLoss());
        }
        ctx.progress().finish();
        return trainer.meta();
    }

    private static void evaluate(RunContext ctx, String method, Params meta, TaskPool pool) {
        Config c = ctx.config();
        SinusoidStudy study = new SinusoidStudy(protocol(c, method));
        int[] steps = c.getIntArray("evaluation.adapt_steps");
        ctx.progress().note("evaluating " + method + " on " + c.getInt("evaluation.test_tasks") + " test tasks");
        Map<String, double[]> metrics = study.evaluate(meta, pool);
        StringBuilder diverged = new StringBuilder();
        for (int k : c.getIntArray("evaluation.support_sizes")) {
            for (int s : steps) {
                double[] perTask = metrics.get("mse_k" + k + "_steps" + s);
                int lostTasks = 0;
                for (int t = 0; t < perTask.length; t++) {
                    boolean lost = !(perTask[t] <= DIVERGED_MSE);
                    lostTasks += lost ? 1 : 0;
                    ctx.results().record(method, "mse_k" + k, s, t, lost ? DIVERGED_MSE : perTask[t]);
                }
                if (lostTasks > 0) {
                    diverged.append(diverged.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "K %d after %d steps: %d",
                            k, s, lostTasks));
                }
            }
        }
        if (!diverged.isEmpty()) {
            String note = String.format(Locale.ROOT, "%s: test-time adaptation diverged on some tasks (query MSE above %.0e "
                    + "or not a number; %s of %d tasks); each is recorded at %.0e, so those means are lower bounds", method,
                    DIVERGED_MSE, diverged, c.getInt("evaluation.test_tasks"), DIVERGED_MSE);
            ctx.progress().note(note);
            ctx.results().note(note);
        }
    }

    /**
     * A test task whose query MSE exceeds this (targets lie within +-5, so an MSE of 100 is already useless) or
     * overflows has diverged: it is recorded at this value, and counted in a note of {@code summary.md}, instead of
     * failing a finished training because test-time SGD blew up on a few tasks.
     */
    static final double DIVERGED_MSE = 1e6;

    /** The trained parameters of {@code method} in a checkpoint of a sinusoid run (once it has finished training it). */
    public static Params finalParams(Checkpoint ck, String method) {
        return readParams(ck, "final/" + method + "/");
    }

    private static void putParams(Checkpoint.Builder b, String prefix, Params p) {
        for (String name : p.names()) {
            Tensor t = p.get(name);
            b.put(prefix + name, new Checkpoint.Array(new int[] {t.rows(), t.cols()}, t.toArray()));
        }
    }

    private static Params readParams(Checkpoint ck, String prefix) {
        LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
        for (Map.Entry<String, Checkpoint.Array> e : ck.arrays().entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                int[] shape = e.getValue().shape();
                DMatrixRMaj d = new DMatrixRMaj(shape[0], shape[1], true, e.getValue().values());
                m.put(e.getKey().substring(prefix.length()), Tensor.variable(d));
            }
        }
        return Params.of(m);
    }

    private static Map<String, double[]> readArrays(Checkpoint ck, String prefix) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (Map.Entry<String, Checkpoint.Array> e : ck.arrays().entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                m.put(e.getKey().substring(prefix.length()), e.getValue().values());
            }
        }
        return m;
    }

}
