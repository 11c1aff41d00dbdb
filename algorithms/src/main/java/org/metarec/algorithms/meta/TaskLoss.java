package org.metarec.algorithms.meta;

import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * The loss of a model on a batch, as a function of explicit parameters: {@code L(params, batch)}.
 * Meta-learners only ever see a model through this function.
 *
 * @param <B> the batch type
 */
@FunctionalInterface
public interface TaskLoss<B> {

    /** The scalar (1x1) loss at {@code params} on {@code batch}. Neither is modified. */
    Tensor apply(Params params, B batch);
}
