package org.metarec.algorithms.rec.coldstart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.metarec.algorithms.meta.MetaLearner;
import org.metarec.algorithms.meta.Task;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.model.TaNPModel;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.GradMode;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.core.random.Rng;

/**
 * TaNP, the task-adaptive neural process (Lin, Wu, Zhou, Pan, Cao and Wang, WWW 2021, section 4), over a
 * {@link TaNPModel}: amortised, so a user's "adaptation" is one pass of the encoders over the support set and
 * the meta-gradient is the plain gradient of the training loss. Per user task, with context C = the support
 * set and target T = support and query together:
 * <pre>
 *   q_T = N(mu(T), var(T)),  q_C = N(mu(C), var(C))         latent path
 *   z   = mu(T) + sqrt(var(T)) eps,  eps ~ N(0, I)            reparameterised sample (training)
 *   o'  = customised task embedding of C                      task identity, cluster memory
 *   L   = mean_{j in T} (decoder(x_j, z, o') - y_j)^2 + KL(q_T || q_C)
 * </pre>
 * and, over a meta-batch of n tasks, the clustering regulariser of the paper's customised module (its equations
 * for the soft assignment, the target distribution and {@code KL(P || Q)}; the construction is DEC's, Xie, Girshick
 * and Farhadi, ICML 2016), with {@code r_i} task i's identity (the encoder's mean over its context, before the
 * memory customises it) and {@code m_j} the K cluster centres (the customisation memory's rows):
 * <pre>
 *   q_ij = (1 + |r_i - m_j|^2 / alpha)^(-(alpha + 1)/2) / sum_j' (...)    Student-t kernel, rows normalised
 *   p_ij = (q_ij^2 / f_j) / sum_j' (q_ij'^2 / f_j'),  f_j = sum_i q_ij      sharpened target, held constant
 *   L_batch = (1/n) sum_i L_i + lambda (1/n) sum_i sum_j p_ij log(p_ij / q_ij)
 * </pre>
 * The regulariser couples the tasks (P depends on the whole batch), so it is the learner's
 * {@link MetaLearner#batchTerm}, computed once per meta-step after the per-task gradients; {@code lambda = 0}
 * (the default, {@link Clustering#OFF}) leaves no term at all, so training is what it was without it, to the
 * bit. Tasks with an empty support (K = 0) have no identity and are left out of it.
 * At test time a user's predictions use {@code z = mu(C)} and {@code o'} of their support set. With the latent
 * path off ({@code z_dim} 0) the decoder sees x alone and the loss is the squared error: a conditional neural
 * process with TaNP's task-adaptive decoder.
 *
 * <p>Where the details come from, and where paper and code ({@code IIEdm/TaNP}) disagree:
 * <ul>
 *   <li>Encoders, Student-t assignment, {@code o' = C M + o}, FiLM with tanh and the gating variant follow the
 *       code ({@code embeddings_TaNP.py}); the code's assignment uses the distance {@code |o - m_k|} where the
 *       paper writes its square; metarec follows the code. The code trains the plain FiLM decoder (the gating
 *       decoder is commented out); here gating is a switch.</li>
 *   <li>The likelihood is the squared error and the KL term has weight 1, as in the code's {@code loss}; the KL
 *       is {@code KL(q_T || q_C)} of diagonal Gaussians parameterised by their log-variance (the code's
 *       {@code new_kl_div}).</li>
 *   <li>Context and target: the code draws a random context from support and query together and a target that
 *       contains it; metarec takes the support set as the context and support plus query as the target, the
 *       split the paper describes for training and the one test users have.</li>
 *   <li>The clustering regulariser follows the paper's equations, not the code, which differs in three ways.
 *       (1) The paper writes one Student-t assignment C, squared distance and temperature tau, for both the
 *       memory's read-out and the regulariser; the code uses its unsquared-distance C for both. Here the read-out
 *       keeps the code's C and the regulariser has the paper's squared distance with its own degrees of freedom
 *       {@code alpha} ({@code cluster_alpha}, default 1, the code's temperature and DEC's alpha); with
 *       {@code cluster_alpha} equal to the temperature its kernel is the paper's C. (2) In {@code TaNP.py}'s
 *       {@code global_update} the assignments are stacked as a batch x 1 x K tensor and the target's
 *       normalisation {@code sum(temp, dim=1)} runs over the singleton axis, so, as we read it, the code's
 *       target is 1 everywhere and its loss is {@code -(lambda/n) sum_ij log q_ij}, which pulls every assignment
 *       towards uniform rather than sharpening it; metarec normalises over the clusters, as the paper writes.
 *       (3) The code does not detach its target (a constant there anyway) and we found no statement on it in
 *       the paper; here P is a constant (stop-gradient), as in DEC, where P is recomputed and held fixed between
 *       updates. The code's
 *       {@code lambda} is 0.1 and its reduction {@code batchmean} (the 1/n above); metarec's default lambda is 0,
 *       so that configs written before the regulariser train as they did.</li>
 *   <li>The noise eps of a task comes from the stream {@code <seed>/tanp/latent/<iteration>/<task>} (the task
 *       named by its rows), so it does not depend on the threads. At test time the code samples z; metarec uses
 *       the mean, so predictions are deterministic. The code's item and user feature MLPs are MeLU-style field
 *       embeddings here (an item without features, as in Douban, is embedded by its ID: metarec's choice, the
 *       paper's data have item features); its dropout is 0 by default and omitted.</li>
 * </ul>
 *
 * <p>References: X. Lin, J. Wu, C. Zhou, S. Pan, Y. Cao, B. Wang. Task-adaptive Neural Process for User Cold-Start
 * Recommendation. WWW 2021.
 */
public final class TaNP implements MetaLearner<RatingBatch> {

    /**
     * TaNP's settings.
     *
     * @param zDim width of the latent z (code: 32); 0 switches the latent path and its KL term off
     * @param taskDim width of the task embedding (code: 64)
     * @param clusters K, the task clusters (code: 7)
     * @param temperature tau of the Student-t assignment (code: 1.0)
     * @param gating gating-FiLM (TaNP-G) instead of FiLM (the code trains FiLM)
     * @param clustering the clustering regulariser (code: lambda 0.1; {@link Clustering#OFF} switches it off)
     */
    public record Settings(int zDim, int taskDim, int clusters, double temperature, boolean gating,
            Clustering clustering) {
        /** The code's sizes: z 32, task embedding 64, 7 clusters, temperature 1, FiLM; no clustering regulariser. */
        public static final Settings DEFAULT = new Settings(32, 64, 7, 1.0, false);

        /** Requires the regulariser's settings. */
        public Settings {
            Objects.requireNonNull(clustering, "clustering");
        }

        /** Settings without the clustering regulariser. */
        public Settings(int zDim, int taskDim, int clusters, double temperature, boolean gating) {
            this(zDim, taskDim, clusters, temperature, gating, Clustering.OFF);
        }

        /** The model's shapes. */
        public TaNPModel.Shape shape() {
            return new TaNPModel.Shape(zDim, taskDim, clusters, temperature, gating);
        }
    }

    /**
     * The clustering regulariser's settings.
     *
     * @param weight lambda, at least 0; 0 switches the regulariser off
     * @param alpha the Student-t kernel's degrees of freedom, above 0
     */
    public record Clustering(double weight, double alpha) {
        /** No regulariser. */
        public static final Clustering OFF = new Clustering(0.0, 1.0);

        /** Validates. */
        public Clustering {
            if (!(weight >= 0) || !Double.isFinite(weight) || !(alpha > 0) || !Double.isFinite(alpha)) {
                throw new IllegalArgumentException("tanp clustering: expected cluster_weight >= 0 and cluster_alpha > 0, "
                        + "both finite, found " + weight + " and " + alpha);
            }
        }
    }

    private final TaNPModel model;
    private final long seed;
    private final long iteration;
    private final Clustering clustering;

    /**
     * TaNP without the clustering regulariser.
     *
     * @param model the model
     * @param seed the run's seed, from which the latent noise of every task is derived
     */
    public TaNP(TaNPModel model, long seed) {
        this(model, seed, Clustering.OFF);
    }

    /**
     * @param model the model
     * @param seed the run's seed, from which the latent noise of every task is derived
     * @param clustering the clustering regulariser's settings
     */
    public TaNP(TaNPModel model, long seed, Clustering clustering) {
        this(model, seed, 0, clustering);
    }

    private TaNP(TaNPModel model, long seed, long iteration, Clustering clustering) {
        this.model = model;
        this.seed = seed;
        this.iteration = iteration;
        this.clustering = clustering;
    }

    /** The clustering regulariser's settings. */
    public Clustering clustering() {
        return clustering;
    }

    @Override
    public String name() {
        return "tanp";
    }

    /** This learner at meta-iteration {@code it}: the latent noise is drawn per iteration. */
    @Override
    public MetaLearner<RatingBatch> atIteration(long it) {
        return it == iteration ? this : new TaNP(model, seed, it, clustering);
    }

    /** The meta-parameters with the task vectors of {@code support} ({@code z = mu(C)}, {@code o'}); steps are unused. */
    @Override
    public Params adapt(Params meta, RatingBatch support, int steps) {
        Params fixed = meta.detach();
        if (support.size() == 0) {
            return fixed;
        }
        try (GradMode.Scope s = GradMode.noGrad()) {
            Params out = fixed.with(TaNPModel.TASK_EMBEDDING, model.taskEmbedding(fixed, support).detach());
            return model.shape().zDim() == 0 ? out : out.with(TaNPModel.TASK_Z, model.latent(fixed, support)[0].detach());
        }
    }

    /** The task's training loss and its gradient: the loss is amortised, so there is no inner loop to go through. */
    @Override
    public TaskResult taskGradient(Params meta, Task<RatingBatch> task) {
        Tensor loss = loss(meta, task, noise(task));
        Params grad = meta.withValues(Autodiff.grad(loss, meta.tensors(), false, true));
        return new TaskResult(loss.item(), grad, adapt(meta, task.support(), 0));
    }

    /**
     * The training loss of a task with latent noise {@code eps} (1 x zDim; ignored without the latent path):
     * the squared error on the target plus {@code KL(q_T || q_C)}.
     *
     * @param meta the parameters
     * @param task the task (context: its support set; target: support and query)
     * @param eps the noise of the reparameterised sample
     * @return the 1x1 loss
     */
    public Tensor loss(Params meta, Task<RatingBatch> task, Tensor eps) {
        RatingBatch context = task.support();
        RatingBatch target = context.size() == 0 ? task.query() : context.concat(task.query());
        Tensor o = model.taskEmbedding(meta, context);
        Tensor x = model.embed(meta, target);
        if (model.shape().zDim() == 0) {
            return Ops.mse(model.decode(meta, x, null, o), target.ratings());
        }
        Tensor[] qt = model.latent(meta, target);
        Tensor[] qc = context.size() == 0 ? new Tensor[] {Tensor.zeros(1, model.shape().zDim()),
                Tensor.zeros(1, model.shape().zDim())} : model.latent(meta, context);   // empty context: N(0, I)
        Tensor z = qt[0].add(Ops.exp(qt[1].mul(0.5)).mul(eps));
        return Ops.mse(model.decode(meta, x, z, o), target.ratings()).add(gaussianKl(qt[0], qt[1], qc[0], qc[1]));
    }

    /**
     * The clustering regulariser over the meta-batch, {@code lambda KL(P || Q)} (the class comment), with its
     * gradient; none when lambda is 0 or no task has a support set.
     */
    @Override
    public BatchTerm batchTerm(Params meta, List<Task<RatingBatch>> tasks) {
        if (clustering.weight() == 0) {
            return null;
        }
        Tensor loss = clusteringLoss(meta, tasks);
        if (loss == null) {
            return null;
        }
        return new BatchTerm(loss.item(), meta.withValues(Autodiff.grad(loss, meta.tensors(), false, true)));
    }

    /**
     * {@code lambda (1/n) sum_i KL(P_i || Q_i)} over the tasks with a non-empty support, their identities
     * {@code r_i} computed from the support sets, P held constant.
     *
     * @param meta the parameters
     * @param tasks the meta-batch
     * @return the 1x1 term, or null when no task has a support set
     */
    public Tensor clusteringLoss(Params meta, List<Task<RatingBatch>> tasks) {
        List<Tensor> identities = new ArrayList<>();
        for (Task<RatingBatch> t : tasks) {
            if (t.support().size() > 0) {
                identities.add(model.taskIdentity(meta, t.support()));
            }
        }
        if (identities.isEmpty()) {
            return null;
        }
        Tensor r = Ops.concatRows(identities.toArray(Tensor[]::new));
        return clusteringKl(r, meta.get(TaNPModel.CLUSTERS), clustering.alpha()).mul(clustering.weight());
    }

    /**
     * The soft assignments {@code q_ij = (1 + |r_i - m_j|^2 / alpha)^(-(alpha + 1)/2)}, each row normalised over
     * the clusters.
     *
     * @param r the task identities, n x d
     * @param m the cluster centres, K x d
     * @param alpha the degrees of freedom, above 0
     * @return Q, n x K
     */
    public static Tensor studentTAssignments(Tensor r, Tensor m, double alpha) {
        int n = r.rows(), k = m.rows();
        // |r_i - m_j|^2 = |r_i|^2 + |m_j|^2 - 2 r_i . m_j: one n x K product instead of n K x d differences.
        Tensor rr = Ops.broadcastCols(Ops.sumCols(r.mul(r)), k);
        Tensor mm = Ops.broadcastRows(Ops.transpose(Ops.sumCols(m.mul(m))), n);
        Tensor d2 = rr.add(mm).sub(Ops.matmulNT(r, m).mul(2.0));
        Tensor kernel = Ops.pow(d2.mul(1.0 / alpha).add(1.0), -(alpha + 1) / 2);
        return kernel.div(Ops.broadcastCols(Ops.sumCols(kernel), k));
    }

    /**
     * DEC's sharpened target of the assignments {@code q}: {@code p_ij = (q_ij^2 / f_j) / sum_j' (q_ij'^2 / f_j')}
     * with {@code f_j = sum_i q_ij}, the clusters' soft frequencies.
     *
     * @param q the assignments, n x K, positive
     * @return P, n x K, a new matrix
     */
    public static DMatrixRMaj sharpenedTarget(DMatrixRMaj q) {
        int n = q.numRows, k = q.numCols;
        double[] f = new double[k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                f[j] += q.get(i, j);
            }
        }
        DMatrixRMaj p = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            double rowSum = 0;
            for (int j = 0; j < k; j++) {
                double w = q.get(i, j) * q.get(i, j) / f[j];
                p.set(i, j, w);
                rowSum += w;
            }
            for (int j = 0; j < k; j++) {
                p.set(i, j, p.get(i, j) / rowSum);
            }
        }
        return p;
    }

    /**
     * {@code (1/n) sum_ij p_ij log(p_ij / q_ij)} for a constant target {@code p}: the mean over the rows of
     * {@code KL(P_i || Q_i)}, differentiable in {@code q} only.
     *
     * @param p the target, n x K, positive, rows summing to 1
     * @param q the assignments, n x K
     * @return the 1x1 divergence
     */
    public static Tensor klToTarget(DMatrixRMaj p, Tensor q) {
        double entropyPart = 0;
        for (double x : p.data) {
            entropyPart += x * Math.log(x);
        }
        Tensor cross = Ops.sum(Tensor.constant(p).mul(Ops.log(q)));
        return cross.neg().add(entropyPart).mul(1.0 / q.rows());
    }

    /**
     * TaNP's clustering divergence {@code (1/n) sum_i KL(P_i || Q_i)} of task identities {@code r} and centres
     * {@code m}: Q from {@link #studentTAssignments}, P its {@link #sharpenedTarget}, computed from Q's values
     * and held constant, so the gradient reaches {@code r} and {@code m} through Q alone.
     *
     * @param r the task identities, n x d
     * @param m the cluster centres, K x d
     * @param alpha the degrees of freedom, above 0
     * @return the 1x1 divergence
     */
    public static Tensor clusteringKl(Tensor r, Tensor m, double alpha) {
        Tensor q = studentTAssignments(r, m, alpha);
        return klToTarget(sharpenedTarget(q.data()), q);
    }

    /**
     * {@code KL(N(mu1, e^lv1) || N(mu2, e^lv2)) = 1/2 sum ((e^lv1 + (mu1 - mu2)^2) / e^lv2 - 1 + lv2 - lv1)} of
     * diagonal Gaussians given by their means and log-variances (1 x n each).
     *
     * @param mu1 the first mean
     * @param lv1 the first log-variance
     * @param mu2 the second mean
     * @param lv2 the second log-variance
     * @return the 1x1 divergence
     */
    public static Tensor gaussianKl(Tensor mu1, Tensor lv1, Tensor mu2, Tensor lv2) {
        Tensor d = mu1.sub(mu2);
        Tensor ratio = Ops.exp(lv1).add(d.mul(d)).div(Ops.exp(lv2));
        return Ops.sum(ratio.add(-1.0).add(lv2).sub(lv1)).mul(0.5);
    }

    /** The task's noise eps, 1 x zDim, from {@code <seed>/tanp/latent/<iteration>/<task's rows>}. */
    Tensor noise(Task<RatingBatch> task) {
        int n = Math.max(model.shape().zDim(), 1);
        long rows = 31L * Arrays.hashCode(task.support().items()) + Arrays.hashCode(task.query().items());
        int user = task.query().size() > 0 ? task.query().users()[0] : -1;
        Rng rng = Rng.derive(seed, "tanp/latent/" + iteration + "/" + user + "/" + rows);
        DMatrixRMaj e = new DMatrixRMaj(1, n);
        for (int i = 0; i < n; i++) {
            e.data[i] = rng.nextGaussian();
        }
        return Tensor.constant(e);
    }
}
