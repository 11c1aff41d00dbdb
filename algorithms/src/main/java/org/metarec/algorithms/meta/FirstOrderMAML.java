package org.metarec.algorithms.meta;

import java.util.List;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * First-order MAML (Finn et al. 2017, section 5.2): MAML's inner loop without the second-order
 * graph. The meta-gradient takes {@code d phi_i / d theta} as the identity, so it is the mean of
 * the query-loss gradients at the adapted parameters:
 * <pre>
 *   meta-gradient = mean_i grad_phi L_query_i(phi_i)
 * </pre>
 * Cheaper than {@link MAML} (no Hessian terms, no graph kept across steps); equal to it when the
 * inner learning rate is 0 or there are no inner steps.
 *
 * @param <B> the batch type
 */
public final class FirstOrderMAML<B> implements MetaLearner<B> {

    private final InnerLoop<B> inner;
    private final double innerLr;
    private final int innerSteps;

    /** As {@link MAML#MAML(TaskLoss, double, int)}. */
    public FirstOrderMAML(TaskLoss<B> loss, double innerLr, int innerSteps) {
        this(loss, innerLr, innerSteps, null);
    }

    /** As {@link MAML#MAML(TaskLoss, double, int, List)}. */
    public FirstOrderMAML(TaskLoss<B> loss, double innerLr, int innerSteps, List<String> adapted) {
        this.inner = new InnerLoop<>(loss, adapted);
        this.innerLr = innerLr;
        this.innerSteps = innerSteps;
    }

    @Override
    public String name() {
        return "fomaml";
    }

    @Override
    public List<String> adaptedNames(Params theta) {
        return inner.adaptedNames(theta);
    }

    @Override
    public Params adapt(Params theta, B support, int steps) {
        return inner.run(theta, support, steps, innerLr, false);
    }

    @Override
    public TaskResult taskGradient(Params theta, Task<B> task) {
        Params phi = adapt(theta, task.support(), innerSteps).asVariables();
        Tensor queryLoss = inner.loss().apply(phi, task.query());
        // The gradient at phi stands in for the gradient at theta (d phi / d theta taken as I).
        Params grad = phi.withValues(Autodiff.grad(queryLoss, phi.tensors(), false, true));
        return new TaskResult(queryLoss.item(), grad, phi.detach());
    }
}
