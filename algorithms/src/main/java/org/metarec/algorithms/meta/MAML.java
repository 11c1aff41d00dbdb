package org.metarec.algorithms.meta;

import java.util.List;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * Model-Agnostic Meta-Learning, second order (Finn, Abbeel and Levine 2017, Algorithm 2).
 *
 * <p>For each task {@code T_i} of a meta-batch:
 * <pre>
 *   phi_i = theta;  repeat k times:  phi_i = phi_i - alpha * grad_phi L_support_i(phi_i)
 *   meta-loss = mean_i L_query_i(phi_i)
 *   meta-gradient = d meta-loss / d theta
 * </pre>
 * The inner updates are recorded ({@code createGraph = true}), so the meta-gradient flows through
 * them: with {@code k} steps it contains the products {@code prod_j (I - alpha H_j)} of the
 * support-loss Hessians that first-order MAML drops.
 *
 * <p>References: C. Finn, P. Abbeel, S. Levine. Model-Agnostic Meta-Learning for Fast Adaptation
 * of Deep Networks. ICML 2017.
 *
 * @param <B> the batch type
 */
public class MAML<B> implements MetaLearner<B> {

    private final InnerLoop<B> inner;
    private final double innerLr;
    private final int innerSteps;

    /**
     * @param loss the model's loss {@code L(params, batch)}
     * @param innerLr alpha, the inner learning rate
     * @param innerSteps k, the inner steps during meta-training
     */
    public MAML(TaskLoss<B> loss, double innerLr, int innerSteps) {
        this(loss, innerLr, innerSteps, null);
    }

    /**
     * @param adapted names of the parameters adapted in the inner loop; null for all
     *     (a subset gives ANIL, see {@link ANIL})
     */
    public MAML(TaskLoss<B> loss, double innerLr, int innerSteps, List<String> adapted) {
        if (innerSteps < 0) {
            throw new IllegalArgumentException("MAML: inner steps must be >= 0, found " + innerSteps);
        }
        this.inner = new InnerLoop<>(loss, adapted);
        this.innerLr = innerLr;
        this.innerSteps = innerSteps;
    }

    @Override
    public String name() {
        return "maml";
    }

    @Override
    public List<String> adaptedNames(Params theta) {
        return inner.adaptedNames(theta);
    }

    @Override
    public Params adapt(Params theta, B support, int steps) {
        return inner.run(theta, support, steps, innerLr, false);
    }

    /** Algorithm 2, lines 6-8 for one task: adapt with the graph kept, then differentiate the query loss. */
    @Override
    public TaskResult taskGradient(Params theta, Task<B> task) {
        Params phi = inner.run(theta, task.support(), innerSteps, innerLr, true);   // phi_i, a function of theta
        Tensor queryLoss = inner.loss().apply(phi, task.query());                   // L_query_i(f_phi_i)
        Params grad = theta.withValues(Autodiff.grad(queryLoss, theta.tensors(), false, true));   // through phi_i
        return new TaskResult(queryLoss.item(), grad, phi.detach());
    }


    /** The inner loop (shared with subclasses). */
    protected InnerLoop<B> inner() {
        return inner;
    }

    /** The inner learning rate alpha. */
    public double innerLr() {
        return innerLr;
    }

    /** The number of inner steps during meta-training. */
    public int innerSteps() {
        return innerSteps;
    }
}
