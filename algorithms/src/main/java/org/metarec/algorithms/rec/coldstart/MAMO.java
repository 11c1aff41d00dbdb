package org.metarec.algorithms.rec.coldstart;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.metarec.algorithms.meta.InnerLoop;
import org.metarec.algorithms.meta.MetaLearner;
import org.metarec.algorithms.meta.MetaStep;
import org.metarec.algorithms.meta.Task;
import org.metarec.algorithms.meta.TaskLoss;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.model.MamoModel;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.GradMode;
import org.metarec.autodiff.Init;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.core.random.Rng;

/**
 * MAMO, memory-augmented meta-optimisation (Dong, Yuan, Yao, Xu and Zhu, KDD 2020, Algorithm 1), over a
 * {@link MamoModel}. Per user task:
 * <pre>
 *   a_u      = softmax_k cos(p_u, M_P[k])                      attention of the user profile over K keys
 *   b_u      = sum_k a_u,k M_U[k]                              personalised bias (feature-specific memory)
 *   theta_u  = phi_u - tau b_u                                  the user embedding's personalised start
 *   W_mem    = sum_k a_u,k M_UI[k]                             fast weights (task-specific memory)
 *   theta    = local update: k steps theta - rho grad L_support(theta)     (all parameters)
 *   g        = d L_query(theta) / d phi                          the meta-gradient, through the local update
 * </pre>
 * The outer optimiser steps {@code phi} along the mean of {@code g} (the paper's global update at rate lambda is
 * {@code optimizer.lr}); then, in task order, the memories are written ({@link #afterStep}):
 * {@code M_P <- alpha a_u^T p_u + (1 - alpha) M_P}, {@code M_U[k] <- beta a_u,k g_u + (1 - beta) M_U[k]} with
 * {@code g_u} the task's meta-gradient of {@code W_u}, {@code M_UI[k] <- gamma a_u,k W_mem' + (1 - gamma) M_UI[k]}
 * with {@code W_mem'} the locally updated memory layer. The memories are meta-parameters (so checkpoints and
 * model selection carry them) that get no gradient; with {@code memorySize} 0 there are none and MAMO is MAML over
 * every parameter of the same model, to the bit.
 *
 * <p>Where the details come from, and where paper and code ({@code dongmanqing/Code-for-MAMO}) disagree:
 * <ul>
 *   <li>Attention: the paper's softmax of cosine similarities; the code passes them through a K x K linear layer
 *       that it creates afresh, untrained, at every read ({@code modules/memories.py}); metarec follows the paper.</li>
 *   <li>The bias memory holds one entry per weight of the user embedding (the code's {@code get_params} skips the
 *       biases), initialised N(0, 0.05^2) as in the code (whose K entries alias one tensor); the profile memory is
 *       N(0, 1) as in the code; the task memory is N(0, 1/(2e)), a Glorot-like scale, where the code draws N(0, 1).</li>
 *   <li>Local update: the paper's gradient descent at rate rho on the whole support set; the code runs Adam at rate
 *       rho over minibatches of 5 with gradient clipping at norm 5.</li>
 *   <li>Meta-gradient: the paper differentiates the query loss with respect to the global parameters; the code takes
 *       the query gradient at the locally updated parameters (first order). metarec differentiates through the
 *       local update (second order).</li>
 *   <li>Memory writes: the code writes after each user and the next user reads the result; metarec lets every
 *       task of a meta-batch read the memories of the step's start and writes after the step, in task order, so
 *       that the tasks can run in parallel with the same result. The code also moves {@code M_P} when it reads
 *       for test users; metarec writes only in meta-training.</li>
 *   <li>The loss is the squared rating error (the code: cross-entropy over five rating classes).</li>
 * </ul>
 *
 * <p>References: M. Dong, F. Yuan, L. Yao, X. Xu, L. Zhu. MAMO: Memory-Augmented Meta-Optimization for Cold-start
 * Recommendation. KDD 2020.
 */
public final class MAMO implements MetaLearner<RatingBatch> {

    /** The profile memory {@code M_P}: K x |p_u|, the keys the user profile attends over. */
    public static final String PROFILE_MEMORY = "mamo.profile_memory";
    /** The feature-specific bias memory {@code M_U}: K x |W_u|, a bias of the user embedding's weight per key. */
    public static final String BIAS_MEMORY = "mamo.bias_memory";
    /** The task-specific memory {@code M_UI}: K x |W_mem|, fast weights of the memory layer per key. */
    public static final String TASK_MEMORY = "mamo.task_memory";

    private static final String WRITE = "mamo.write.";
    private static final String WRITE_ATTENTION = WRITE + "attention";
    private static final String WRITE_PROFILE = WRITE + "profile";
    private static final String WRITE_GRADIENT = WRITE + "bias_gradient";
    private static final List<String> MEMORIES = List.of(PROFILE_MEMORY, BIAS_MEMORY, TASK_MEMORY);

    /**
     * MAMO's memory settings (the code's {@code configs.py} values are the defaults).
     *
     * @param memorySize K, the number of memory slots; 0 switches the memories off (MAML on the same model)
     * @param tau the weight of the personalised bias in the user embedding's start (code: 0.01)
     * @param alpha the rate at which the profile memory moves to the user profiles (code: 0.5)
     * @param beta the rate at which the bias memory moves to the users' gradients (code: 0.05)
     * @param gamma the rate at which the task memory moves to the adapted fast weights (code: 0.1)
     */
    public record Settings(int memorySize, double tau, double alpha, double beta, double gamma) {
        /** The code's values: K = 3, tau = 0.01, alpha = 0.5, beta = 0.05, gamma = 0.1. */
        public static final Settings DEFAULT = new Settings(3, 0.01, 0.5, 0.05, 0.1);

        /** Validates: K &ge; 0, tau &ge; 0, the three rates in [0, 1]. */
        public Settings {
            if (memorySize < 0 || !(tau >= 0) || !Double.isFinite(tau) || !unit(alpha) || !unit(beta) || !unit(gamma)) {
                throw new IllegalArgumentException("mamo settings: expected memory_size >= 0, tau >= 0 and alpha, beta, "
                        + "gamma in [0, 1], found " + this);
            }
        }

        private static boolean unit(double r) {
            return r >= 0 && r <= 1;
        }

        /** True when there are memories (K &gt; 0). */
        public boolean hasMemories() {
            return memorySize > 0;
        }
    }

    private final MamoModel model;
    private final InnerLoop<RatingBatch> inner;
    private final double localLr;
    private final int localSteps;
    private final Settings settings;
    private final Rng memoryInit;
    private final double[] frozenAttention;   // null: read from the profile memory (tests hold it fixed)

    /**
     * @param model the model
     * @param loss its loss
     * @param localLr rho, the local update's rate
     * @param localSteps the local update's steps in meta-training
     * @param settings the memories
     * @param memoryInit the stream the memories are drawn from (copied, so {@link #initMeta} is repeatable)
     */
    public MAMO(MamoModel model, TaskLoss<RatingBatch> loss, double localLr, int localSteps, Settings settings,
                Rng memoryInit) {
        if (localSteps < 0 || !(localLr > 0)) {
            throw new IllegalArgumentException("mamo: expected local steps >= 0 and a local rate > 0, found " + localSteps
                    + " and " + localLr);
        }
        this.model = model;
        this.inner = new InnerLoop<>(loss, null);
        this.localLr = localLr;
        this.localSteps = localSteps;
        this.settings = settings;
        this.memoryInit = memoryInit.copy();
        this.frozenAttention = null;
    }

    private MAMO(MAMO m, double[] attention) {
        this.model = m.model;
        this.inner = m.inner;
        this.localLr = m.localLr;
        this.localSteps = m.localSteps;
        this.settings = m.settings;
        this.memoryInit = m.memoryInit;
        this.frozenAttention = attention.clone();
    }

    /**
     * This learner reading the memories with attention {@code a} for every task: the meta-loss whose derivative
     * the meta-gradient is (the read is a constant, as in the paper and the code, so the gradient has no path
     * through the attention).
     */
    MAMO withAttention(double[] a) {
        return new MAMO(this, a);
    }

    /** The attention of the user of {@code rows} over the profile memory of {@code meta}. */
    double[] attentionOf(Params meta, RatingBatch rows) {
        try (GradMode.Scope s = GradMode.noGrad()) {
            double[] p = java.util.Arrays.copyOf(model.userProfile(meta, rows).toArray(), model.profileWidth());
            return attention(p, meta.get(PROFILE_MEMORY).data());
        }
    }

    @Override
    public String name() {
        return "mamo";
    }

    /** The model's parameters and, with memories, the three memories drawn from the memory stream. */
    @Override
    public Params initMeta(Params modelInit) {
        if (!settings.hasMemories()) {
            return modelInit;
        }
        Rng rng = memoryInit.copy();
        int k = settings.memorySize();
        int memoryLayer = modelInit.get(MamoModel.MEMORY_WEIGHT).size();
        return modelInit.with(PROFILE_MEMORY, Init.normal(k, model.profileWidth(), 1.0, rng))
                .with(BIAS_MEMORY, Init.normal(k, modelInit.get(MamoModel.USER_WEIGHT).size(), 0.05, rng))
                .with(TASK_MEMORY, Init.normal(k, memoryLayer, 1.0 / Math.sqrt(modelInit.get(MamoModel.MEMORY_WEIGHT).rows()),
                        rng));
    }

    /** The meta-parameters without the memories. */
    @Override
    public Params modelParams(Params meta) {
        List<String> names = new ArrayList<>();
        for (String n : meta.names()) {
            if (!MEMORIES.contains(n)) {
                names.add(n);
            }
        }
        return meta.subset(names);
    }

    @Override
    public boolean readsAdapted() {
        return settings.hasMemories();
    }

    /** A task's personalised start and the attention it was read with (null without memories). */
    private record Start(Params theta, double[] attention, double[] profile) {}

    /** The personalised initialisation of the user of {@code rows} (their first row's profile). */
    private Start start(Params meta, RatingBatch rows) {
        Params theta = modelParams(meta);
        if (!settings.hasMemories() || rows.size() == 0) {
            return new Start(theta, null, null);
        }
        double[] profile;
        try (GradMode.Scope s = GradMode.noGrad()) {
            profile = java.util.Arrays.copyOf(model.userProfile(meta, rows).toArray(), model.profileWidth());
        }
        double[] a = frozenAttention != null ? frozenAttention : attention(profile, meta.get(PROFILE_MEMORY).data());
        Tensor wu = theta.get(MamoModel.USER_WEIGHT);
        Tensor bias = read(a, meta.get(BIAS_MEMORY).data(), wu.rows(), wu.cols());
        Tensor wm = theta.get(MamoModel.MEMORY_WEIGHT);
        Tensor fast = read(a, meta.get(TASK_MEMORY).data(), wm.rows(), wm.cols());
        theta = theta.with(MamoModel.USER_WEIGHT, wu.addScaled(-settings.tau(), bias))   // phi_u - tau b_u
                .with(MamoModel.MEMORY_WEIGHT, fast.asVariable());
        return new Start(theta, a, profile);
    }

    /** {@code a = softmax_k cos(p, M_P[k])}, the paper's attention (section 3.3). */
    static double[] attention(double[] p, DMatrixRMaj keys) {
        int k = keys.numRows, n = keys.numCols;
        double[] a = new double[k];
        double pn = 0;
        for (double x : p) {
            pn += x * x;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < k; r++) {
            double dot = 0, kn = 0;
            for (int c = 0; c < n; c++) {
                double m = keys.data[r * n + c];
                dot += p[c] * m;
                kn += m * m;
            }
            a[r] = dot / Math.sqrt((pn + 1e-12) * (kn + 1e-12));
            max = Math.max(max, a[r]);
        }
        double sum = 0;
        for (int r = 0; r < k; r++) {
            a[r] = Math.exp(a[r] - max);
            sum += a[r];
        }
        for (int r = 0; r < k; r++) {
            a[r] /= sum;
        }
        return a;
    }

    /** {@code sum_k a_k M[k]} reshaped to rows x cols, a constant. */
    private static Tensor read(double[] a, DMatrixRMaj memory, int rows, int cols) {
        DMatrixRMaj out = new DMatrixRMaj(rows, cols);
        int n = memory.numCols;
        for (int k = 0; k < a.length; k++) {
            for (int e = 0; e < n; e++) {
                out.data[e] += a[k] * memory.data[k * n + e];
            }
        }
        return Tensor.constant(out);
    }

    @Override
    public Params adapt(Params meta, RatingBatch support, int steps) {
        return inner.run(start(meta, support).theta(), support, steps, localLr, false);
    }

    /** Algorithm 1 for one user: personalise, update locally with the graph kept, differentiate the query loss. */
    @Override
    public TaskResult taskGradient(Params meta, Task<RatingBatch> task) {
        Start s = start(meta, task.support());
        Params theta = inner.run(s.theta(), task.support(), localSteps, localLr, true);
        Tensor queryLoss = inner.loss().apply(theta, task.query());
        Params model = modelParams(meta);
        Params grad = model.withValues(Autodiff.grad(queryLoss, model.tensors(), false, true));
        Params adapted = theta.detach();
        for (String m : MEMORIES) {
            if (meta.contains(m)) {
                grad = grad.with(m, Tensor.zeros(meta.get(m).rows(), meta.get(m).cols()));   // written, not learned
            }
        }
        if (s.attention() != null) {
            adapted = adapted.with(WRITE_ATTENTION, row(s.attention())).with(WRITE_PROFILE, row(s.profile()))
                    .with(WRITE_GRADIENT, row(grad.get(MamoModel.USER_WEIGHT).toArray()));
        }
        return new TaskResult(queryLoss.item(), grad, adapted);
    }

    private static Tensor row(double[] v) {
        return Tensor.constant(new DMatrixRMaj(1, v.length, true, v));
    }

    /**
     * The memory writes of the step's tasks, in task order (section 3.3 and the code's write heads):
     * {@code M_P <- alpha a^T p + (1 - alpha) M_P}, {@code M_U[k] <- beta a_k g_u + (1 - beta) M_U[k]},
     * {@code M_UI[k] <- gamma a_k W_mem' + (1 - gamma) M_UI[k]}.
     */
    @Override
    public Params afterStep(Params updated, MetaStep step) {
        if (!settings.hasMemories()) {
            return updated;
        }
        DMatrixRMaj keys = updated.get(PROFILE_MEMORY).data().copy();
        DMatrixRMaj bias = updated.get(BIAS_MEMORY).data().copy();
        DMatrixRMaj fast = updated.get(TASK_MEMORY).data().copy();
        for (Params task : step.adapted()) {
            if (!task.contains(WRITE_ATTENTION)) {
                continue;   // a task without support ratings read no memory
            }
            double[] a = task.get(WRITE_ATTENTION).toArray();
            write(keys, a, task.get(WRITE_PROFILE).toArray(), settings.alpha());
            write(bias, a, task.get(WRITE_GRADIENT).toArray(), settings.beta());
            write(fast, a, task.get(MamoModel.MEMORY_WEIGHT).toArray(), settings.gamma());
        }
        return updated.with(PROFILE_MEMORY, Tensor.variable(keys)).with(BIAS_MEMORY, Tensor.variable(bias))
                .with(TASK_MEMORY, Tensor.variable(fast));
    }

    /** {@code M[k] <- rate a_k v + (1 - rate) M[k]} for every slot k. */
    private static void write(DMatrixRMaj memory, double[] a, double[] v, double rate) {
        int n = memory.numCols;
        for (int k = 0; k < a.length; k++) {
            for (int e = 0; e < n; e++) {
                memory.data[k * n + e] = rate * a[k] * v[e] + (1 - rate) * memory.data[k * n + e];
            }
        }
    }

    /** The memory settings. */
    public Settings settings() {
        return settings;
    }
}
