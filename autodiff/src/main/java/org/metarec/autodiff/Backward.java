package org.metarec.autodiff;

/**
 * The local chain rule of one operation: given the gradient {@code g} of the final output with
 * respect to this operation's result, returns the gradients with respect to its inputs. An operation
 * hands its rule to {@link Tensor#result} together with its value and inputs.
 *
 * <p>Implementations must compute with {@link Tensor} operations only, never on the raw matrices:
 * that is what lets {@link Autodiff#grad} record the backward pass itself as a graph when a
 * gradient of a gradient is wanted.
 */
@FunctionalInterface
public interface Backward {

    /**
     * Computes the vector-Jacobian products for the inputs of one operation.
     *
     * @param g gradient with respect to {@code out}, same shape as {@code out}. Not modified.
     * @param out the operation's result (some rules, such as {@code exp}, reuse it). Not modified.
     * @param need {@code need[i]} is true when the gradient of input {@code i} is wanted; others
     *     may be returned as {@code null} to save work. Not modified.
     * @return one gradient per input, each shaped like that input, or {@code null} where not needed
     */
    Tensor[] apply(Tensor g, Tensor out, boolean[] need);
}
