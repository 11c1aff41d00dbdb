package org.metarec.algorithms.meta;

import java.util.List;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * CAVIA, fast context adaptation via meta-learning (Zintgraf, Shiarlis, Kurin, Hofmann and Whiteson, ICML 2019):
 * the inner loop adapts only a few context parameters, which start at zero for every task, and the outer loop
 * learns the rest of the model (through the adapted context, to second order, as MAML):
 * <pre>
 *   phi_i = 0;  phi_i = phi_i - alpha grad_phi L_support_i(theta, phi_i)     (k times)
 *   theta  = theta - beta grad_theta (1/n) sum_i L_query_i(theta, phi_i)
 * </pre>
 * The context's meta-value is not learned: it is zero in {@link #initMeta}, its meta-gradient is zero, and
 * every task starts from zero whatever the parameters hold. For a recommender the context is the user's own
 * parameters (its local parameters: "adapt a user vector", made explicit); for other models it is whatever
 * the model feeds with the named parameters.
 *
 * @param <B> the batch type
 */
public final class CAVIA<B> implements MetaLearner<B> {

    private final InnerLoop<B> inner;
    private final List<String> context;
    private final double innerLr;
    private final int innerSteps;

    /**
     * @param loss the model's loss {@code L(params, batch)}
     * @param context names of the context parameters, at least one
     * @param innerLr alpha
     * @param innerSteps k, during meta-training
     */
    public CAVIA(TaskLoss<B> loss, List<String> context, double innerLr, int innerSteps) {
        if (context == null || context.isEmpty()) {
            throw new IllegalArgumentException("CAVIA: expected the names of the context parameters, found none");
        }
        if (innerSteps < 0) {
            throw new IllegalArgumentException("CAVIA: inner steps must be >= 0, found " + innerSteps);
        }
        this.context = List.copyOf(context);
        this.inner = new InnerLoop<>(loss, this.context);
        this.innerLr = innerLr;
        this.innerSteps = innerSteps;
    }

    @Override
    public String name() {
        return "cavia";
    }

    @Override
    public List<String> adaptedNames(Params theta) {
        return context;
    }

    /** The model's initial parameters with the context at zero (where every task starts). */
    @Override
    public Params initMeta(Params modelInit) {
        return atZeroContext(modelInit).asVariables();
    }

    @Override
    public Params adapt(Params meta, B support, int steps) {
        return inner.run(atZeroContext(meta), support, steps, innerLr, false);
    }

    /**
     * One task: the context starts at a fresh zero (a constant, so nothing flows back into the context's
     * meta-value), the inner loop adapts it with the graph kept, and the query loss is differentiated with
     * respect to the rest of the parameters through the adapted context. The context's gradient is zero.
     */
    @Override
    public TaskResult taskGradient(Params theta, Task<B> task) {
        Params phi = inner.run(atZeroContext(theta), task.support(), innerSteps, innerLr, true);
        Tensor queryLoss = inner.loss().apply(phi, task.query());
        // theta's own context tensors are not in the graph (atZeroContext replaced them), so they get zeros.
        Params grad = theta.withValues(Autodiff.grad(queryLoss, theta.tensors(), false, true));
        return new TaskResult(queryLoss.item(), grad, phi.detach());
    }

    /** {@code theta} with each context parameter replaced by zeros of its shape (new leaves). */
    private Params atZeroContext(Params theta) {
        Params out = theta;
        for (String name : context) {
            if (!theta.contains(name)) {
                throw new IllegalArgumentException("CAVIA: the model has no parameter '" + name + "'; its parameters are "
                        + theta.names());
            }
            Tensor c = theta.get(name);
            out = out.with(name, Tensor.zeros(c.rows(), c.cols()).asVariable());
        }
        return out;
    }
}
