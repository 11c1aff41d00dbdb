package org.metarec.algorithms.meta;

import java.util.ArrayList;
import java.util.List;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.GradMode;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * The inner loop shared by the meta-learners: {@code steps} steps of gradient descent on the
 * support loss, {@code phi <- phi - alpha * grad_phi L_support(phi)}, starting from {@code theta},
 * over a chosen subset of the parameters (all of them, or ANIL's head).
 *
 * <p>Two modes:
 * <ul>
 *   <li><b>differentiable</b> (MAML, Meta-SGD): each step's gradient is computed with
 *       {@code createGraph = true}, so the returned {@code phi} is a function of {@code theta} (and
 *       of the learning rates) that the meta-gradient can flow back through, Hessian terms included;</li>
 *   <li><b>plain</b> (first-order MAML, Reptile, evaluation): gradients are constants and the result
 *       is a set of constants; no graph outlives a step.</li>
 * </ul>
 *
 * @param <B> the batch type
 */
public final class InnerLoop<B> {

    /** Picks the batch of inner step {@code step} from a support set (Reptile's minibatches). */
    @FunctionalInterface
    public interface Batches<B> {
        /** The batch used at inner step {@code step} (0-based). */
        B batch(B support, int step);

        /** Every step uses the whole support set. */
        static <B> Batches<B> fullBatch() {
            return (support, step) -> support;
        }
    }

    /** The step of each adapted parameter: a number, or a tensor of per-element rates (Meta-SGD). */
    @FunctionalInterface
    public interface StepSize {
        /**
         * {@code p - alpha * g} for parameter {@code name}, as tensor operations (so that Meta-SGD's
         * rates, read from {@code meta}, get gradients too).
         */
        Tensor step(String name, Tensor p, Tensor g, Params meta);

        /** The same number for every parameter: {@code p - alpha g}, one fused operation. */
        static StepSize constant(double alpha) {
            return (name, p, g, meta) -> p.addScaled(-alpha, g);
        }
    }

    private final TaskLoss<B> loss;
    private final List<String> adapted;   // null: every model parameter

    /**
     * @param loss the model's loss
     * @param adapted names of the parameters to adapt, or null for all of them
     */
    public InnerLoop(TaskLoss<B> loss, List<String> adapted) {
        this.loss = loss;
        this.adapted = adapted == null ? null : List.copyOf(adapted);
    }

    /** The names adapted in {@code theta}: the configured subset, or all. */
    public List<String> adaptedNames(Params theta) {
        return adapted == null ? theta.names() : adapted;
    }

    /**
     * Runs the inner loop.
     *
     * @param theta the starting parameters (model parameters only). Not modified.
     * @param meta the meta-parameters, passed to {@code stepSize} (Meta-SGD reads its rates there)
     * @param support the task's support set
     * @param steps number of inner steps, at least 0
     * @param stepSize the learning rate(s)
     * @param batches which batch each step uses
     * @param differentiable true to keep the graph from phi back to theta (second order)
     * @return phi: for a differentiable loop, results in the graph; otherwise constants
     */
    public Params run(Params theta, Params meta, B support, int steps, StepSize stepSize,
                      Batches<B> batches, boolean differentiable) {
        if (steps < 0) {
            throw new IllegalArgumentException("inner loop: steps must be >= 0, found " + steps);
        }
        List<String> names = adaptedNames(theta);
        Params phi = differentiable ? theta : theta.detach();
        for (int step = 0; step < steps; step++) {
            B batch = batches.batch(support, step);
            if (differentiable) {
                Params fast = phi.subset(names);
                Params grads = Autodiff.grad(loss.apply(phi, batch), fast, true);
                phi = phi.merge(update(fast, grads, stepSize, meta));
            } else {
                // Only the adapted tensors become variables, so backward skips everything else.
                Params fast = phi.subset(names).asVariables();
                Params grads = Autodiff.grad(loss.apply(phi.merge(fast), batch), fast, false);
                try (GradMode.Scope s = GradMode.noGrad()) {
                    phi = phi.merge(update(fast, grads, stepSize, meta));
                }
            }
        }
        return phi;
    }

    /**
     * The common case: {@code steps} full-batch steps {@code phi <- phi - alpha grad L_support(phi)} at one
     * rate, starting from {@code theta}, as {@link #run(Params, Params, Object, int, StepSize, Batches, boolean)}.
     *
     * @param theta the starting parameters; not modified
     * @param support the task's support set
     * @param steps number of inner steps, at least 0
     * @param alpha the learning rate
     * @param differentiable true to keep the graph from phi back to theta (second order)
     * @return phi
     */
    public Params run(Params theta, B support, int steps, double alpha, boolean differentiable) {
        return run(theta, theta, support, steps, StepSize.constant(alpha), Batches.fullBatch(), differentiable);
    }

    private static Params update(Params fast, Params grads, StepSize stepSize, Params meta) {
        List<Tensor> next = new ArrayList<>();
        for (String name : fast.names()) {
            next.add(stepSize.step(name, fast.get(name), grads.get(name), meta));
        }
        return fast.withValues(next);
    }

    /** The model's loss. */
    public TaskLoss<B> loss() {
        return loss;
    }
}
