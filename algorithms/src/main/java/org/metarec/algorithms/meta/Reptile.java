package org.metarec.algorithms.meta;

import java.util.List;
import java.util.function.BinaryOperator;
import org.metarec.autodiff.GradMode;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * Reptile (Nichol, Achiam and Schulman 2018, Algorithm 2, batched version): run plain SGD on each
 * task, then move the initialisation towards the adapted parameters:
 * <pre>
 *   phi_i = SGD_k(theta, task i)
 *   theta &lt;- theta + epsilon * mean_i (phi_i - theta)
 * </pre>
 * {@link #taskGradient} returns the pseudo-gradient {@code theta - phi_i}, so any outer optimiser
 * can follow it: SGD with rate epsilon gives the update above, and the paper's sinusoid experiment
 * feeds it to Adam (section 3). No second-order terms and no graph beyond one inner step.
 *
 * <p>References: A. Nichol, J. Achiam, J. Schulman. On First-Order Meta-Learning Algorithms.
 * arXiv:1803.02999, 2018.
 *
 * @param <B> the batch type
 */
public final class Reptile<B> implements MetaLearner<B> {

    private final InnerLoop<B> inner;
    private final double innerLr;
    private final int innerSteps;
    private final InnerLoop.Batches<B> batches;
    private final BinaryOperator<B> concat;   // null: train on the support set alone

    /** Reptile with full-batch inner steps on the support set. */
    public Reptile(TaskLoss<B> loss, double innerLr, int innerSteps) {
        this(loss, innerLr, innerSteps, InnerLoop.Batches.fullBatch(), null, null);
    }

    /**
     * @param loss the model's loss
     * @param innerLr the inner SGD learning rate
     * @param innerSteps SGD steps per task
     * @param batches the minibatch each inner step uses
     * @param adapted names of the adapted parameters, or null for all
     * @param concat joins a task's support and query sets, so that meta-training runs SGD on all of a
     *     task's data (the paper has no support/query split); null to train on the support set alone
     */
    public Reptile(TaskLoss<B> loss, double innerLr, int innerSteps, InnerLoop.Batches<B> batches,
                   List<String> adapted, BinaryOperator<B> concat) {
        this.inner = new InnerLoop<>(loss, adapted);
        this.innerLr = innerLr;
        this.innerSteps = innerSteps;
        this.batches = batches;
        this.concat = concat;
    }

    @Override
    public String name() {
        return "reptile";
    }

    @Override
    public List<String> adaptedNames(Params theta) {
        return inner.adaptedNames(theta);
    }

    /** The drawn task with its query set added to the support set, when this Reptile can join batches. */
    @Override
    public Task<B> trainingTask(Task<B> drawn) {
        return concat == null ? drawn : new Task<>(concat.apply(drawn.support(), drawn.query()), drawn.query());
    }

    @Override
    public boolean trainsOnWholeTask() {
        return concat != null;
    }

    /** Evaluation-time adaptation: full-batch SGD steps, as the other learners do. */
    @Override
    public Params adapt(Params theta, B support, int steps) {
        return inner.run(theta, support, steps, innerLr, false);
    }

    @Override
    public TaskResult taskGradient(Params theta, Task<B> task) {
        Params phi = inner.run(theta, theta, task.support(), innerSteps, InnerLoop.StepSize.constant(innerLr),
                batches, false);
        try (GradMode.Scope s = GradMode.noGrad()) {
            Tensor queryLoss = inner.loss().apply(phi, task.query());
            Params pseudoGradient = theta.zip(phi, Tensor::sub);   // theta - phi_i; a constant under noGrad
            return new TaskResult(queryLoss.item(), pseudoGradient, phi);
        }
    }
}
