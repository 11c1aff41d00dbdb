package org.metarec.experiments.study.fewshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metarec.algorithms.data.ClassBatch;
import org.metarec.algorithms.meta.MetaLearner;
import org.metarec.algorithms.meta.PrototypicalNetworks;
import org.metarec.algorithms.meta.Task;
import org.metarec.algorithms.meta.TaskLoss;
import org.metarec.algorithms.optim.Adam;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.train.MetaTrainer;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.nn.Activation;
import org.metarec.autodiff.nn.MLP;
import org.metarec.core.random.Rng;

/**
 * One method's run of the few-shot classification study: meta-train on N-way K-shot tasks of the training
 * classes, then measure accuracy on fixed N-way tasks of classes never seen in training.
 *
 * <p>Random streams, each derived from the seed by purpose, so that every method of a seed sees the same class
 * family, the same stream of training draws and the same test tasks: {@code fewshot/classes},
 * {@code fewshot/init}, {@code fewshot/train-tasks}, {@code fewshot/test-tasks}.
 */
public final class FewShotStudy {

    private final FewShotProtocol protocol;
    private final FewShotClasses classes;
    private final MLP mlp;
    private final MetaLearner<ClassBatch> learner;

    /** The study of one protocol (its class family is drawn here, from the seed). */
    public FewShotStudy(FewShotProtocol protocol) {
        this.protocol = protocol;
        this.classes = new FewShotClasses(protocol.classes(), Rng.derive(protocol.seed(), "fewshot/classes"));
        int[] hidden = protocol.network().hidden();
        int outputs = protocol.method().outputs(protocol);
        int[] sizes = new int[hidden.length + (outputs > 0 ? 2 : 1)];
        sizes[0] = protocol.classes().inputDim();
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        if (outputs > 0) {
            sizes[sizes.length - 1] = outputs;
        }
        this.mlp = new MLP(sizes, Activation.parse(protocol.network().activation()));
        TaskLoss<ClassBatch> loss = (params, batch) -> batch.crossEntropy(mlp.apply(params, batch.x()));
        this.learner = protocol.method().learner(mlp, loss, protocol);
    }

    /** The network. */
    public MLP mlp() {
        return mlp;
    }

    /** A trainer at step 0. */
    public MetaTrainer<ClassBatch> newTrainer(TaskPool pool) {
        FewShotProtocol.Training t = protocol.training();
        FewShotProtocol.Episodes e = protocol.episodes();
        boolean global = protocol.method().globalLabels();
        MetaTrainer.TaskSource<ClassBatch> source = rng -> global
                ? classes.globalTask(rng, e.ways(), e.shots(), e.query())
                : classes.task(rng, false, e.ways(), e.shots(), e.query());
        Params init = mlp.init(Rng.derive(protocol.seed(), "fewshot/init"));
        return new MetaTrainer<>(learner, new Adam(t.metaLr()), source, pool, t.metaBatch(), t.clipNorm(),
                learner.initMeta(init), Rng.derive(protocol.seed(), "fewshot/train-tasks"));
    }

    /**
     * The fixed test tasks: N-way over the test classes, with max(K) support and {@code query} query examples per
     * class; the first K * N support rows hold K examples of each class.
     */
    public List<Task<ClassBatch>> testTasks() {
        Rng rng = Rng.derive(protocol.seed(), "fewshot/test-tasks");
        int maxK = Arrays.stream(protocol.evaluation().shots()).max().orElseThrow();
        List<Task<ClassBatch>> tasks = new ArrayList<>();
        for (int i = 0; i < protocol.evaluation().testTasks(); i++) {
            tasks.add(classes.task(rng, true, protocol.episodes().ways(), maxK, protocol.episodes().query()));
        }
        return tasks;
    }

    /**
     * Accuracy on every test task, for each K and step count: {@code acc_k<K>@<steps>} to one value per task.
     */
    public Map<String, double[]> evaluate(Params meta, TaskPool pool) {
        List<Task<ClassBatch>> tasks = testTasks();
        int[] shots = protocol.evaluation().shots();
        int[] steps = protocol.evaluation().adaptSteps();
        List<double[][]> perTask = pool.map(tasks, task -> {
            double[][] acc = new double[shots.length][];
            for (int k = 0; k < shots.length; k++) {
                acc[k] = accuracies(meta, firstShots(task.support(), shots[k]), task.query(), steps);
            }
            return acc;
        });
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int k = 0; k < shots.length; k++) {
            for (int s = 0; s < steps.length; s++) {
                double[] values = new double[tasks.size()];
                for (int t = 0; t < values.length; t++) {
                    values[t] = perTask.get(t)[k][s];
                }
                out.put("acc_k" + shots[k] + "@" + steps[s], values);
            }
        }
        return out;
    }

    /**
     * The query accuracy after adapting to {@code support} with each count of {@code steps} gradient steps, in that
     * order. One adaptation serves every count: it runs to the largest and is read off on the way (the steps are
     * full-batch at a constant rate, so stopping at 5 and going on to 10 is the same as taking 10).
     */
    private double[] accuracies(Params meta, ClassBatch support, ClassBatch query, int[] steps) {
        double[] acc = new double[steps.length];
        if (learner instanceof PrototypicalNetworks protonet) {   // no steps: the same at every count
            java.util.Arrays.fill(acc, query.accuracy(protonet.scores(protonet.adapt(meta, support, 0), query.x())));
            return acc;
        }
        Integer[] order = java.util.stream.IntStream.range(0, steps.length).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> steps[i]));
        if (protocol.method().globalLabels()) {
            headAccuracies(meta, support, query, steps, order, acc);
            return acc;
        }
        Params current = meta;
        int done = 0;
        for (int i : order) {
            if (steps[i] > done) {
                current = learner.adapt(current, support, steps[i] - done);
                done = steps[i];
            }
            acc[i] = query.accuracy(mlp.apply(current, query.x()));
        }
        return acc;
    }

    /**
     * The pretrained baseline at test time: the network's last hidden layer as fixed features, and a new N-way
     * linear head (starting at zero) fitted by gradient descent on the support set's cross-entropy; the query
     * accuracy after each count of steps goes to {@code acc} (counts visited in {@code order}, ascending).
     */
    private void headAccuracies(Params meta, ClassBatch support, ClassBatch query, int[] steps, Integer[] order,
                                double[] acc) {
        Tensor features = mlp.features(meta, support.x()).detach();
        Tensor queryFeatures = mlp.features(meta, query.x()).detach();
        Tensor w = Tensor.variable(new org.ejml.data.DMatrixRMaj(features.cols(), support.ways()));
        Tensor b = Tensor.variable(new org.ejml.data.DMatrixRMaj(1, support.ways()));
        double lr = protocol.evaluation().lr();
        int done = 0;
        for (int i : order) {
            for (; done < steps[i]; done++) {
                Tensor loss = support.crossEntropy(Ops.addRowVector(Ops.matmul(features, w), b));
                List<Tensor> g = Autodiff.grad(loss, List.of(w, b), false);
                w = Tensor.variable(w.sub(g.get(0).mul(lr)).data());
                b = Tensor.variable(b.sub(g.get(1).mul(lr)).data());
            }
            acc[i] = query.accuracy(Ops.addRowVector(Ops.matmul(queryFeatures, w), b));
        }
    }

    /** The first {@code k} examples of each class (the rows are ordered example by example, class by class). */
    private static ClassBatch firstShots(ClassBatch support, int k) {
        int rows = k * support.ways();
        if (rows == support.size()) {
            return support;
        }
        return new ClassBatch(Ops.sliceRows(support.x(), 0, rows), Arrays.copyOf(support.labels(), rows), support.ways());
    }
}
