/**
 * Reverse-mode automatic differentiation on EJML matrices, with gradients of any order.
 *
 * <p>{@link org.metarec.autodiff.Tensor} is an immutable float64 matrix that remembers the
 * operation that made it: its value, its inputs, its {@link org.metarec.autodiff.Backward} rule and
 * the operation's name. {@link org.metarec.autodiff.Ops} holds the primitive operations, each with
 * its backward rule written in the same operations; {@link org.metarec.autodiff.Functions} composes
 * them, and {@link org.metarec.autodiff.Tensor#result} makes a new primitive of your own.
 * {@link org.metarec.autodiff.Autodiff#grad} walks the recorded graph backwards; with
 * {@code createGraph = true} the gradients it returns can be differentiated again.
 *
 * <p>This package is the readable core; the matrix kernels, the scratch memory and the graph index
 * that make it fast are in {@link org.metarec.autodiff.kernel}. See {@code docs/autodiff.md}.
 */
package org.metarec.autodiff;
