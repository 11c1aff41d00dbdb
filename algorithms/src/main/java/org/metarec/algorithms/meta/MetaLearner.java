package org.metarec.algorithms.meta;

import org.metarec.autodiff.Params;

/**
 * A gradient-based meta-learner: an inner loop that adapts parameters to one task, and a
 * per-task meta-gradient that an outer optimiser follows (through {@link TaskPool}).
 *
 * <p>The meta-parameters are what the outer loop learns. For most learners they are the model's
 * initial parameters {@code theta}; Meta-SGD adds a learning rate per parameter element.
 *
 * @param <B> the batch type of the tasks
 */
public interface MetaLearner<B> {

    /** A short name for tables and logs, e.g. "maml". */
    String name();

    /** The meta-parameters to learn, starting from the model's initial parameters. */
    default Params initMeta(Params modelInit) {
        return modelInit;
    }

    /**
     * Adapts to a task's support set with {@code steps} inner steps, for evaluation: no graph is
     * kept and the result is a set of constants.
     */
    Params adapt(Params meta, B support, int steps);

    /**
     * The task's contribution to a meta-step: its query loss after adaptation, and the gradient
     * (or, for Reptile, the pseudo-gradient) that the outer optimiser should descend.
     *
     * <p>{@link TaskPool#step} calls it inside a {@link org.metarec.autodiff.kernel.Scratch} scope and copies
     * what it returns: an implementation must not keep any tensor it computed here (in a field, a
     * cache) beyond its return, as that memory is reused by the next task.
     */
    TaskResult taskGradient(Params meta, Task<B> task);

    /**
     * One task's part of a meta-step.
     *
     * @param queryLoss the query loss at the adapted parameters
     * @param gradient a gradient per meta-parameter, same names
     * @param adapted the adapted parameters (constants)
     */
    record TaskResult(double queryLoss, Params gradient, Params adapted) {}
}
