package org.metarec.autodiff.nn;

import java.util.random.RandomGenerator;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * A model as a pure function of explicit parameters: {@code apply(params, input)}.
 *
 * <p>A model holds only its architecture (sizes, activation, parameter names). Its parameters
 * come from {@link #init} and are passed to every call, so the same model can be evaluated at
 * the meta-learned initialisation and at any adapted parameters without copying or mutating it.
 *
 * @param <X> the input type: a feature matrix, an index list, or a batch record
 */
public interface Model<X> {

    /** Fresh parameters, drawn from {@code rng}; each a variable that requires a gradient. */
    Params init(RandomGenerator rng);

    /** The model's output for {@code input} at parameters {@code params}. Neither is modified. */
    Tensor apply(Params params, X input);
}
