/**
 * What makes the engine fast, kept apart from the engine itself: matrix-product kernels, SIMD
 * support, per-thread scratch memory and the graph walk's index.
 *
 * <p>The package {@code org.metarec.autodiff} is the engine as students read it: {@code Tensor},
 * the primitives of {@code Ops} each beside its backward rule, and the graph walk behind
 * {@code Autodiff.grad}. None of it depends on how a product is blocked or where a result's memory
 * comes from; it reaches this package through a few static calls only:
 * <ul>
 *   <li>{@link org.metarec.autodiff.kernel.MatMul}: the products {@code A B}, {@code A B^T} and
 *       {@code A^T B}, register-blocked and, when the JVM has the Vector API,
 *       SIMD ({@link org.metarec.autodiff.kernel.VectorSupport} says which runs);</li>
 *   <li>{@link org.metarec.autodiff.kernel.Scratch}: the matrices that operations write their
 *       results into, pooled per thread inside a scope;</li>
 *   <li>{@link org.metarec.autodiff.kernel.TensorIndex}: an identity map from tensors to ints for
 *       the graph walk, faster than {@link java.util.IdentityHashMap} on fresh tensors.</li>
 * </ul>
 *
 * <p>Everything here computes exactly what the textbook version would, to the bit: the products add
 * their terms in the same order on either kernel, and a pooled matrix holds the same numbers as a
 * new one. Replacing this package with plain loops and {@code new DMatrixRMaj} would change the
 * speed and nothing else. See {@code docs/autodiff.md}, section "Speed".
 */
package org.metarec.autodiff.kernel;
