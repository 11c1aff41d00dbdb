package org.metarec.algorithms.meta;

import java.util.ArrayList;
import java.util.List;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * A gradient-based meta-learner: an inner loop that adapts parameters to one task, and a
 * per-task meta-gradient that an outer optimiser follows.
 *
 * <p>The meta-parameters are what the outer loop learns. For most learners they are the model's
 * initial parameters {@code theta}; Meta-SGD adds a learning rate per parameter element.
 * {@link #metaStep} is Algorithm 2 of Finn et al. (2017) written as a plain loop;
 * {@link org.metarec.algorithms.parallel.TaskPool#step} computes the same numbers, to the bit, on
 * several threads.
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

    /** The model's parameters inside the meta-parameters (Meta-SGD drops its learning rates). */
    default Params modelParams(Params meta) {
        return meta;
    }

    /** The names of the parameters the inner loop adapts in {@code theta}: all of them unless said (ANIL: the head). */
    default List<String> adaptedNames(Params theta) {
        return modelParams(theta).names();
    }

    /** True when the inner loop's step sizes are meta-parameters (Meta-SGD). */
    default boolean learnsStepSizes() {
        return false;
    }

    /**
     * True when adaptation solves a problem of the learner's own rather than taking plain gradient steps on the
     * support loss (implicit MAML: the support loss regularised towards the meta-parameters), so that test-time
     * adaptation should run {@link #adapt} for every step it is given: its meta-parameters are trained for that
     * solve's result, and plain SGD from them need not converge.
     */
    default boolean adaptsByOwnSolver() {
        return false;
    }

    /**
     * The task this learner meta-trains on, given a drawn task. Most learners adapt on the support set
     * and are scored on the query set; Reptile, which has no such split, trains on both together.
     */
    default Task<B> trainingTask(Task<B> drawn) {
        return drawn;
    }

    /** True when {@link #trainingTask} puts the query set into the inner loop (Reptile). */
    default boolean trainsOnWholeTask() {
        return false;
    }

    /**
     * This learner as it runs meta-iteration {@code iteration} (0-based: the number of outer steps taken
     * before it). Most learners do not change during training and return themselves; MAML++ anneals its
     * multi-step loss weights and its derivative order with the iteration. {@link
     * org.metarec.algorithms.train.MetaTrainer#step} asks for it before every meta-step.
     */
    default MetaLearner<B> atIteration(long iteration) {
        return this;
    }

    /**
     * The meta-parameters after the outer optimiser's step {@code updated}, given what the step computed. Most
     * learners keep them; MAMO writes its memories (which are not learned by gradient) from what each task of the
     * step left in its adapted parameters, in task order, so the result does not depend on the threads.
     * {@link org.metarec.algorithms.train.MetaTrainer#step} calls it after every optimiser step.
     *
     * @param updated the meta-parameters after the optimiser's step; not modified
     * @param step the meta-step, with each task's adapted parameters when {@link #readsAdapted()}
     * @return the meta-parameters of the next iteration
     */
    default Params afterStep(Params updated, MetaStep step) {
        return updated;
    }

    /** True when {@link #afterStep} reads the tasks' adapted parameters, so a meta-step must keep them. */
    default boolean readsAdapted() {
        return false;
    }

    /**
     * Adapts to a task's support set with {@code steps} inner steps, for evaluation: no graph is
     * kept and the result is a set of constants.
     */
    Params adapt(Params meta, B support, int steps);

    /**
     * The parameters after 0, 1, ..., {@code steps} inner steps of {@link #adapt}: element {@code s} equals
     * {@code adapt(meta, support, s)}. This default adapts afresh for each {@code s} (quadratic in
     * {@code steps}); learners whose adaptation is one loop (Meta-SGD, MAML++) give all of them in one pass.
     *
     * @param meta the meta-parameters; not modified
     * @param support the support set
     * @param steps the most steps, at least 0
     * @return {@code steps + 1} sets of constants
     */
    default List<Params> adaptationPath(Params meta, B support, int steps) {
        List<Params> path = new ArrayList<>();
        for (int s = 0; s <= steps; s++) {
            path.add(adapt(meta, support, s));
        }
        return path;
    }

    /**
     * The task's contribution to a meta-step: its query loss after adaptation, and the gradient
     * (or, for Reptile, the pseudo-gradient) that the outer optimiser should descend.
     *
     * <p>{@link org.metarec.algorithms.parallel.TaskPool#step} calls it inside a
     * {@link org.metarec.autodiff.kernel.Scratch} scope and copies what it returns: an implementation
     * must not keep any tensor it computed here (in a field, a cache) beyond its return, as that memory
     * is reused by the next task.
     */
    TaskResult taskGradient(Params meta, Task<B> task);

    /**
     * A term of the meta-objective that couples the tasks of a meta-batch, so that it cannot be written as a mean
     * of per-task losses (TaNP's clustering regulariser, whose target distribution is computed over the whole
     * batch). A meta-step adds its value to the mean task loss and its gradient to the mean task gradient, once,
     * after the tasks: {@code L = (1/n) sum_i L_i + B(tasks)}. It is computed on the calling thread from the tasks
     * in order, so it does not depend on the threads either.
     *
     * @param meta the meta-parameters; not modified
     * @param tasks the meta-batch, in order (the tasks {@link #taskGradient} saw)
     * @return the term, or null when the learner has none (the default: then a meta-step is exactly the mean of
     *     its tasks' results)
     */
    default BatchTerm batchTerm(Params meta, List<Task<B>> tasks) {
        return null;
    }

    /**
     * One meta-step, as Algorithm 2 of Finn et al. (2017) writes it (lines 4-10):
     * <pre>
     *   for all T_i in the batch:                                    (4)
     *       phi_i = theta - alpha grad_theta L_support_i(f_theta)    (5-8: taskGradient adapts ...)
     *       g_i   = grad_theta L_query_i(f_phi_i)                    (... and differentiates the query loss)
     *   meta-gradient = (1/n) sum_i g_i                              (10: the outer optimiser steps along it)
     * </pre>
     * The per-task gradients are added in task order and divided by {@code n}, and the learner's
     * {@link #batchTerm}, if any, is added to the mean; the parallel
     * {@link org.metarec.algorithms.parallel.TaskPool#step} gives the same bits.
     *
     * @param meta the meta-parameters; not modified
     * @param tasks the meta-batch, at least one task
     * @return the mean query loss, the mean gradient and each task's adapted parameters
     */
    default MetaStep metaStep(Params meta, List<Task<B>> tasks) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException(name() + ": expected at least one task, found none");
        }
        double lossSum = 0;
        Params gradientSum = meta.map(p -> Tensor.zeros(p.rows(), p.cols()));
        List<Params> adapted = new ArrayList<>();
        for (Task<B> task : tasks) {
            TaskResult r = taskGradient(meta, task);
            lossSum += r.queryLoss();
            gradientSum = gradientSum.zip(r.gradient(), Tensor::add);
            adapted.add(r.adapted());
        }
        int n = tasks.size();
        Params mean = gradientSum.map(g -> g.div(Tensor.filled(g.rows(), g.cols(), n)));
        BatchTerm term = batchTerm(meta, tasks);
        if (term == null) {
            return new MetaStep(lossSum / n, mean, adapted);
        }
        return new MetaStep(lossSum / n + term.loss(), mean.zip(term.gradient(), Tensor::add), adapted);
    }

    /**
     * A batch-level term of the meta-objective ({@link #batchTerm}).
     *
     * @param loss its value
     * @param gradient its gradient, per meta-parameter (every meta-parameter, same names and shapes)
     */
    record BatchTerm(double loss, Params gradient) {}

    /**
     * One task's part of a meta-step.
     *
     * @param queryLoss the query loss at the adapted parameters
     * @param gradient a gradient per meta-parameter, same names
     * @param adapted the adapted parameters (constants)
     */
    record TaskResult(double queryLoss, Params gradient, Params adapted) {}
}
