package org.metarec.algorithms.meta;

import java.util.ArrayList;
import java.util.List;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.GradMode;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.kernel.Scratch;

/**
 * The inner loop shared by the meta-learners: {@code steps} steps of gradient descent on the
 * support loss, {@code phi <- phi - alpha * grad_phi L_support(phi)}, starting from {@code theta},
 * over a chosen subset of the parameters (all of them, or ANIL's head).
 *
 * <p>Three modes ({@link Order}):
 * <ul>
 *   <li><b>second order</b> (MAML, Meta-SGD, MAML++): each step's gradient is computed with
 *       {@code createGraph = true}, so the returned {@code phi} is a function of {@code theta} (and
 *       of the learning rates) that the meta-gradient can flow back through, Hessian terms included;</li>
 *   <li><b>first order</b> (MAML++'s first iterations): {@code phi} is in the graph of {@code theta} and
 *       of the rates, but each step's gradient is a constant;</li>
 *   <li><b>plain</b> (first-order MAML, Reptile, iMAML's inner problem, evaluation): gradients are constants
 *       and the result is a set of constants; no graph outlives a step.</li>
 * </ul>
 * The step size of each parameter may depend on the step ({@link StepSize}: MAML++'s per-step rates), and
 * an observer may see every iterate (MAML++'s multi-step loss, {@link #path}).
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

    /**
     * The step of each adapted parameter at each inner step: a number, a tensor of per-element rates
     * (Meta-SGD), or one learned rate per parameter and step (MAML++).
     */
    @FunctionalInterface
    public interface StepSize {
        /**
         * {@code p - alpha * g} for parameter {@code name} at inner step {@code step} (0-based), as tensor
         * operations (so that learned rates, read from {@code meta}, get gradients too).
         */
        Tensor step(int step, String name, Tensor p, Tensor g, Params meta);

        /** The same number for every parameter and step: {@code p - alpha g}, one fused operation. */
        static StepSize constant(double alpha) {
            return (step, name, p, g, meta) -> p.addScaled(-alpha, g);
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
     * How much of the chain from theta to phi a run keeps.
     */
    public enum Order {
        /** No graph: gradients and phi are constants (first-order MAML, Reptile, evaluation). */
        PLAIN,
        /**
         * phi is in the graph of theta and of the step sizes, but each step's gradient is a constant: the
         * meta-gradient drops the Hessian terms (MAML++'s first-order phase).
         */
        FIRST_ORDER,
        /** Each step's gradient is computed with {@code createGraph = true}: Hessian terms included (MAML). */
        SECOND_ORDER
    }

    /** Sees phi after each inner step, e.g. to add that step's query loss (MAML++'s multi-step loss). */
    @FunctionalInterface
    public interface StepObserver {
        /** Called with phi after inner step {@code step} (0-based), in the run's graph mode. */
        void after(int step, Params phi);
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
        return run(theta, meta, support, steps, stepSize, batches, differentiable ? Order.SECOND_ORDER : Order.PLAIN,
                null);
    }

    /**
     * The iterates of a plain run: element {@code s} is phi after {@code s} steps (element 0 is
     * {@code theta} detached), each equal to the result of a run of {@code s} steps, all in one pass.
     *
     * @param theta the starting parameters (model parameters only). Not modified.
     * @param meta the meta-parameters, passed to {@code stepSize}
     * @param support the task's support set
     * @param steps number of inner steps, at least 0
     * @param stepSize the learning rate(s)
     * @param batches which batch each step uses
     * @return {@code steps + 1} sets of constants
     */
    public List<Params> path(Params theta, Params meta, B support, int steps, StepSize stepSize, Batches<B> batches) {
        List<Params> path = new ArrayList<>();
        path.add(theta.detach());
        run(theta, meta, support, steps, stepSize, batches, Order.PLAIN, (step, phi) -> path.add(phi));
        return path;
    }

    /**
     * Runs the inner loop in any {@link Order}, showing every iterate to {@code observer}.
     *
     * @param theta the starting parameters (model parameters only). Not modified.
     * @param meta the meta-parameters, passed to {@code stepSize}
     * @param support the task's support set
     * @param steps number of inner steps, at least 0
     * @param stepSize the learning rate(s)
     * @param batches which batch each step uses
     * @param order how much of the graph from theta to phi to keep
     * @param observer sees phi after every step; null for none
     * @return phi after {@code steps} steps: constants for {@link Order#PLAIN}, otherwise in the graph
     */
    public Params run(Params theta, Params meta, B support, int steps, StepSize stepSize, Batches<B> batches,
                      Order order, StepObserver observer) {
        if (steps < 0) {
            throw new IllegalArgumentException("inner loop: steps must be >= 0, found " + steps);
        }
        List<String> names = adaptedNames(theta);
        Params phi = order == Order.PLAIN ? theta.detach() : theta;
        for (int step = 0; step < steps; step++) {
            B batch = batches.batch(support, step);
            if (order != Order.PLAIN) {
                Params fast = phi.subset(names);
                Params grads = Autodiff.grad(loss.apply(phi, batch), fast, order == Order.SECOND_ORDER);
                phi = phi.merge(update(step, fast, grads, stepSize, meta));
            } else {
                // A scratch scope per step, the adapted tensors copied out of it: a step's memory is reused by
                // the next one, so a plain loop's memory is that of one step, whatever the number of steps.
                try (Scratch scope = Scratch.open()) {
                    // Only the adapted tensors become variables, so backward skips everything else.
                    Params fast = phi.subset(names).asVariables();
                    Params grads;
                    try (GradMode.Scope record = GradMode.enableGrad()) {
                        grads = Autodiff.grad(loss.apply(phi.merge(fast), batch), fast, false);
                    }
                    try (GradMode.Scope s = GradMode.noGrad()) {
                        phi = phi.merge(Scratch.keep(update(step, fast, grads, stepSize, meta)));
                    }
                }
            }
            if (observer != null) {
                observer.after(step, phi);
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

    private static Params update(int step, Params fast, Params grads, StepSize stepSize, Params meta) {
        List<Tensor> next = new ArrayList<>();
        for (String name : fast.names()) {
            next.add(stepSize.step(step, name, fast.get(name), grads.get(name), meta));
        }
        return fast.withValues(next);
    }

    /** The model's loss. */
    public TaskLoss<B> loss() {
        return loss;
    }
}
