package org.metarec.algorithms.rec.coldstart;

import java.util.Arrays;
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
 *   <li>The clustering regulariser (the code's {@code lambda} 0.1 times {@code KL(P || C)} with P the sharpened
 *       assignment of the whole meta-batch) couples the tasks of a batch and is not implemented: the
 *       meta-gradient here is a mean of per-task gradients.</li>
 *   <li>The noise eps of a task comes from the stream {@code <seed>/tanp/latent/<iteration>/<task>} (the task
 *       named by its rows), so it does not depend on the threads. At test time the code samples z; metarec uses
 *       the mean, so predictions are deterministic. The code's item and user feature MLPs are MeLU-style field
 *       embeddings here; its dropout is 0 by default and omitted.</li>
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
     */
    public record Settings(int zDim, int taskDim, int clusters, double temperature, boolean gating) {
        /** The code's sizes: z 32, task embedding 64, 7 clusters, temperature 1, FiLM. */
        public static final Settings DEFAULT = new Settings(32, 64, 7, 1.0, false);

        /** The model's shapes. */
        public TaNPModel.Shape shape() {
            return new TaNPModel.Shape(zDim, taskDim, clusters, temperature, gating);
        }
    }

    private final TaNPModel model;
    private final long seed;
    private final long iteration;

    /**
     * @param model the model
     * @param seed the run's seed, from which the latent noise of every task is derived
     */
    public TaNP(TaNPModel model, long seed) {
        this(model, seed, 0);
    }

    private TaNP(TaNPModel model, long seed, long iteration) {
        this.model = model;
        this.seed = seed;
        this.iteration = iteration;
    }

    @Override
    public String name() {
        return "tanp";
    }

    /** This learner at meta-iteration {@code it}: the latent noise is drawn per iteration. */
    @Override
    public MetaLearner<RatingBatch> atIteration(long it) {
        return it == iteration ? this : new TaNP(model, seed, it);
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
