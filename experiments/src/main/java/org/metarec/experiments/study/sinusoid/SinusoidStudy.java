package org.metarec.experiments.study.sinusoid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metarec.algorithms.data.XYBatch;
import org.metarec.algorithms.meta.InnerLoop;
import org.metarec.algorithms.meta.MetaLearner;
import org.metarec.algorithms.meta.MetaLearnerSettings;
import org.metarec.algorithms.meta.MetaMethod;
import org.metarec.algorithms.meta.Task;
import org.metarec.algorithms.meta.TaskLoss;
import org.metarec.algorithms.optim.Adam;
import org.metarec.algorithms.optim.Optimizer;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.train.MetaTrainer;
import org.metarec.autodiff.GradMode;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.nn.Activation;
import org.metarec.autodiff.nn.MLP;
import org.metarec.core.random.Rng;

/**
 * The sinusoid study of Finn et al. (2017, section 5.1): meta-train a 1-40-40-1 ReLU network on
 * random sinusoids with one of six methods, then measure how well it adapts to 600 fixed new
 * sinusoids from K = 5 or 10 points, after 0 to 10 SGD steps.
 *
 * <p>Random streams, each derived from the seed by purpose, so methods are compared on the same
 * draws: {@code init} (the network's initial parameters), {@code sinusoid/train-tasks} (the
 * meta-training tasks) and {@code sinusoid/test-tasks} (the fixed test tasks).
 *
 * <p>At test time every method adapts by SGD at {@code evalLr} on the parameters it adapts
 * (ANIL: the head only), except those that learn their rates (Meta-SGD, MAML++ with LSLR), which use
 * the learning rates they have learned for as many steps as they were meta-trained for (the rates are
 * tuned for those steps and, applied ten times, can diverge), then plain SGD at {@code evalLr} like the
 * others; and implicit MAML, which adapts by its own inner solve (the support loss regularised towards the
 * meta-parameters, at its inner rate) for every step: its meta-parameters are trained for that solve's result.
 */
public final class SinusoidStudy {

    private final SinusoidProtocol protocol;
    private final MLP mlp;
    private final TaskLoss<XYBatch> loss;
    private final List<String> head;              // what ANIL adapts, checked against the network once
    private final MetaLearner<XYBatch> learner;   // immutable, so one serves every task and thread
    private final InnerLoop<XYBatch> testTimeSgd;  // the parameters the method adapts at test time

    /** The study for one protocol. */
    public SinusoidStudy(SinusoidProtocol protocol) {
        this.protocol = protocol;
        this.mlp = new MLP(protocol.sizes(), Activation.parse(protocol.network().activation()));
        this.loss = (params, batch) -> Ops.mse(mlp.apply(params, batch.x()), batch.y());
        this.head = head(protocol.network().head(), mlp);
        this.learner = buildLearner();
        this.testTimeSgd = new InnerLoop<>(loss, protocol.method().adaptedNames(null, head));
    }

    /** The head ANIL adapts: the network's named parameters, or its last layer when none are named. */
    private static List<String> head(List<String> named, MLP mlp) {
        List<String> names = mlp.paramNames();
        for (String name : named) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("sinusoid network.head: expected parameter names of the network "
                        + names + ", found '" + name + "'");
            }
        }
        return named.isEmpty() ? mlp.headNames() : named;
    }

    /** The protocol. */
    public SinusoidProtocol protocol() {
        return protocol;
    }

    /** The network. */
    public MLP mlp() {
        return mlp;
    }

    /** The meta-learner of the protocol's method. */
    public MetaLearner<XYBatch> learner() {
        return learner;
    }

    private MetaLearner<XYBatch> buildLearner() {
        return protocol.method().learner(settings());
    }

    /** What the protocol's learner is built from: the loss, inner rate and steps, adapted parameters, batches. */
    public MetaLearnerSettings<XYBatch> settings() {
        SinusoidProtocol.Training t = protocol.training();
        MetaMethod method = protocol.method();
        MetaLearnerSettings<XYBatch> settings = new MetaLearnerSettings<>(loss, t.innerLr(), t.innerSteps(),
                method.adaptedNames(null, head), null, XYBatch::concat)
                .withMamlpp(protocol.mamlpp()).withImaml(protocol.imaml());
        if (method.hasOwnInnerLoop()) {   // Reptile: SGD on minibatches of the task's points (Nichol et al. 2018)
            SinusoidProtocol.Reptile r = protocol.reptile();
            settings = settings.withInnerLr(r.innerLr()).withInnerSteps(r.innerSteps())
                    .withBatches(XYBatch.cyclingBlocks(r.batch()));
        }
        return settings;
    }

    /**
     * Where meta-training tasks come from (the trainer gives Reptile both sets of a task as one support
     * set, {@link MetaLearner#trainingTask}). The trainer takes each task's random numbers in order and computes the points (the sines) in
     * parallel, on the thread that learns from the task; the tasks are those of
     * {@link SinusoidTasks#drawTask}, to the bit.
     */
    public MetaTrainer.TaskSource<XYBatch> taskSource() {
        int k = protocol.training().kTrain();
        SinusoidTasks.Family f = protocol.family();
        return new MetaTrainer.StagedTaskSource<XYBatch, SinusoidTasks.TaskNumbers>() {
            @Override
            public SinusoidTasks.TaskNumbers prepare(Rng rng) {
                return SinusoidTasks.drawNumbers(f, rng, k, k);
            }

            @Override
            public Task<XYBatch> build(SinusoidTasks.TaskNumbers numbers) {
                return SinusoidTasks.build(numbers);
            }
        };
    }

    /** A trainer at step 0 with Adam at the protocol's meta learning rate. */
    public MetaTrainer<XYBatch> newTrainer(TaskPool pool) {
        return newTrainer(pool, new Adam(protocol.training().metaLr()));
    }

    /** A trainer at step 0: initial parameters from the {@code init} stream, the given outer optimiser. */
    public MetaTrainer<XYBatch> newTrainer(TaskPool pool, Optimizer optimizer) {
        Params init = mlp.init(Rng.derive(protocol.seed(), "init"));
        SinusoidProtocol.Training t = protocol.training();
        return new MetaTrainer<>(learner, optimizer, taskSource(), pool, t.metaBatch(),
                t.clipNorm(), learner.initMeta(init), Rng.derive(protocol.seed(), "sinusoid/train-tasks"));
    }

    /**
     * The fixed test tasks: each a sinusoid with max(K) support points (a smaller K uses the first K)
     * and {@code queryPoints} query points.
     */
    public List<Task<XYBatch>> testTasks() {
        Rng rng = Rng.derive(protocol.seed(), "sinusoid/test-tasks");
        SinusoidProtocol.Evaluation e = protocol.evaluation();
        int maxK = 0;
        for (int k : e.evalKs()) {
            maxK = Math.max(maxK, k);
        }
        List<Task<XYBatch>> tasks = new ArrayList<>();
        for (int i = 0; i < e.testTasks(); i++) {
            tasks.add(SinusoidTasks.drawTask(protocol.family(), rng, maxK, e.queryPoints()));
        }
        return tasks;
    }

    /**
     * Test-time adaptation of the method: one SGD step at a time from {@code meta}. Returns the
     * query MSE after 0, 1, ..., {@code maxEvalSteps} steps.
     */
    public double[] adaptationCurve(Params meta, Task<XYBatch> task) {
        List<Params> path = adaptationPath(meta, task.support(), protocol.evaluation().maxEvalSteps());
        double[] curve = new double[path.size()];
        for (int s = 0; s < curve.length; s++) {
            curve[s] = queryMse(path.get(s), task.query());
        }
        return curve;
    }

    /**
     * The parameters after 0, 1, ..., {@code steps} steps of the method's test-time adaptation to
     * {@code support} from {@code meta} (its learned rates for as many steps as it trained with, then
     * SGD at the evaluation rate), as {@link #adaptationCurve} scores them.
     */
    public List<Params> adaptationPath(Params meta, XYBatch support, int steps) {
        SinusoidProtocol.Evaluation e = protocol.evaluation();
        List<Params> path = new ArrayList<>();
        path.add(meta);
        // Learned rates may differ by step (MAML++): the learner's own path, in one pass, for its trained steps.
        // Implicit MAML's adaptation is its regularised solve, for every step (more steps only solve it better).
        int learned = learner.adaptsByOwnSolver() ? steps
                : learner.learnsStepSizes() ? Math.min(steps, protocol.training().innerSteps()) : 0;
        if (learned > 0) {
            List<Params> own = learner.adaptationPath(meta, support, learned);
            for (int s = 1; s <= learned; s++) {
                path.add(meta.merge(own.get(s)));
            }
        }
        Params current = path.get(path.size() - 1);
        for (int s = learned + 1; s <= steps; s++) {
            Params phi = testTimeSgd.run(modelParams(current), current, support, 1, InnerLoop.StepSize.constant(e.evalLr()),
                    InnerLoop.Batches.fullBatch(), false);
            current = current.merge(phi);
            path.add(current);
        }
        return path;
    }

    private double queryMse(Params params, XYBatch query) {
        try (GradMode.Scope s = GradMode.noGrad()) {
            return loss.apply(params, query).item();
        }
    }

    private Params modelParams(Params meta) {
        return learner.modelParams(meta);
    }

    /**
     * Evaluates meta-parameters on the fixed test tasks: per-task query MSE for every support size K
     * and every number of steps, under metric names {@code mse_k<K>_steps<S>}, tasks in order.
     */
    public Map<String, double[]> evaluate(Params meta, TaskPool pool) {
        List<Task<XYBatch>> tasks = testTasks();
        Map<String, double[]> metrics = new LinkedHashMap<>();
        SinusoidProtocol.Evaluation e = protocol.evaluation();
        for (int k : e.evalKs()) {
            List<Task<XYBatch>> withK = new ArrayList<>();
            for (Task<XYBatch> t : tasks) {
                withK.add(new Task<>(t.support().rows(0, k), t.query()));
            }
            List<double[]> curves = pool.map(withK, t -> adaptationCurve(meta, t));
            for (int s = 0; s <= e.maxEvalSteps(); s++) {
                double[] perTask = new double[curves.size()];
                for (int i = 0; i < perTask.length; i++) {
                    perTask[i] = curves.get(i)[s];
                }
                metrics.put("mse_k" + k + "_steps" + s, perTask);
            }
        }
        return metrics;
    }
}
