package org.metarec.algorithms.optim;

import java.util.Map;
import org.metarec.autodiff.Params;

/**
 * An outer-loop optimiser: given parameters and their gradients, returns the next parameters.
 *
 * <p>It returns new parameters (fresh leaves that require a gradient) and never changes the ones
 * it is given. Its internal state (moments, step count) can be saved and restored exactly, for
 * checkpoints.
 */
public interface Optimizer {

    /** The parameters after one step along {@code grads} (same names). Neither argument is modified. */
    Params step(Params params, Params grads);

    /** The optimiser's state as named arrays, for a checkpoint (a copy). */
    Map<String, double[]> state();

    /** Restores a state returned by {@link #state()}. */
    void restore(Map<String, double[]> state);
}
