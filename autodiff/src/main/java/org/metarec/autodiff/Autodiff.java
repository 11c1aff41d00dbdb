package org.metarec.autodiff;

import java.util.ArrayList;
import java.util.List;

/**
 * Reverse-mode differentiation: gradients of a scalar with respect to chosen tensors, and
 * gradients of those gradients to any order.
 *
 * <p>The algorithm, in two passes over the graph that the forward computation recorded:
 * <ol>
 *   <li>a depth-first walk from the output (iterative, so a graph of any depth fits) lists every
 *       tensor that requires a gradient in topological order, and marks those from which one of the
 *       requested inputs can be reached: only they need a gradient;</li>
 *   <li>one loop over that list in reverse order hands each tensor's accumulated gradient to its
 *       operation's {@link Backward} rule, and adds the results into the gradients of its inputs.</li>
 * </ol>
 *
 * <p>With {@code createGraph = false} the backward rules run with recording off, so they cost
 * nothing but the arithmetic. With {@code createGraph = true} they run with recording on: because
 * every rule is made of differentiable operations, the returned gradients are themselves results
 * in a graph, and {@code grad} can be applied to any function of them. This is how MAML's
 * meta-gradient flows through its inner-loop updates.
 */
public final class Autodiff {

    private Autodiff() {}

    /**
     * Gradients of the scalar {@code output} with respect to each of {@code inputs}.
     *
     * @param output a 1x1 tensor. Not modified.
     * @param inputs tensors that require a gradient and were used to compute {@code output}. Not modified.
     * @param createGraph true to record the backward pass, so the gradients can be differentiated again
     * @return one gradient per input, shaped like it
     * @throws IllegalArgumentException when {@code output} is not 1x1, an input does not require a
     *     gradient, or an input is not part of the graph of {@code output}
     */
    public static List<Tensor> grad(Tensor output, List<Tensor> inputs, boolean createGraph) {
        return grad(output, inputs, createGraph, false);
    }

    /**
     * As {@link #grad(Tensor, List, boolean)}; with {@code allowUnused = true} an input that the
     * output does not depend on gets a zero gradient instead of an error.
     */
    public static List<Tensor> grad(Tensor output, List<Tensor> inputs, boolean createGraph, boolean allowUnused) {
        if (output.size() != 1) {
            throw new IllegalArgumentException("grad: the output must be 1x1 (a scalar), found " + output.shape()
                    + "; use Autodiff.vjp to supply the output's gradient");
        }
        return vjp(output, Tensor.scalar(1.0), inputs, createGraph, allowUnused);
    }

    /** Gradients of the scalar {@code output} with respect to each of {@code inputs}, without a graph. */
    public static List<Tensor> grad(Tensor output, Tensor... inputs) {
        return grad(output, List.of(inputs), false);
    }

    /**
     * Gradients of the scalar {@code output} with respect to every tensor of {@code params},
     * returned under the same names.
     */
    public static Params grad(Tensor output, Params params, boolean createGraph) {
        return params.withValues(grad(output, params.tensors(), createGraph, false));
    }

    /**
     * Vector-Jacobian products: the gradients of {@code sum(gradOutput * output)} with respect to
     * each input, for an output of any shape.
     *
     * @param output the tensor to differentiate. Not modified.
     * @param gradOutput the gradient flowing into {@code output}, shaped like it. Not modified.
     * @param inputs tensors that require a gradient. Not modified.
     * @param createGraph true to record the backward pass for further differentiation
     * @param allowUnused true to return zeros for inputs the output does not depend on
     * @return one gradient per input, shaped like it
     */
    public static List<Tensor> vjp(Tensor output, Tensor gradOutput, List<Tensor> inputs,
                                   boolean createGraph, boolean allowUnused) {
        if (!output.sameShape(gradOutput)) {
            throw new IllegalArgumentException("vjp: the output is " + output.shape() + " but its gradient is "
                    + gradOutput.shape() + " (expected equal shapes)");
        }
        for (int k = 0; k < inputs.size(); k++) {
            Tensor in = inputs.get(k);
            if (!in.requiresGrad()) {
                throw new IllegalArgumentException("grad: input " + k + " (" + in.shape() + ", " + in.op()
                        + ") does not require a gradient; make parameters with Tensor.variable");
            }
        }

        Graph graph = Graph.of(output, inputs);
        Tensor[] grads = graph.backward(gradOutput, createGraph);

        List<Tensor> result = new ArrayList<>(inputs.size());
        for (int k = 0; k < inputs.size(); k++) {
            Tensor in = inputs.get(k);
            int pos = graph.placeOf(in);
            Tensor g = pos < 0 ? null : grads[pos];
            if (g == null) {
                if (!allowUnused) {
                    throw new IllegalArgumentException("grad: input " + k + " (" + in.shape()
                            + ") is not part of the graph that computed the output (was the output computed"
                            + " under GradMode.noGrad(), from a detached copy, or not from this input at all?)");
                }
                g = Tensor.zeros(in.rows(), in.cols());
            }
            result.add(g);
        }
        return result;
    }

    /**
     * The Hessian-vector product {@code H v} of a scalar loss, where {@code H} is the Hessian with
     * respect to {@code params}: the gradient of {@code <grad loss, v>} (double backward).
     *
     * @param loss a 1x1 tensor computed from {@code params}. Not modified.
     * @param params tensors that require a gradient. Not modified.
     * @param v a direction, one tensor per parameter, shaped like it. Not modified.
     * @param createGraph true to keep a graph of the result (for third derivatives)
     */
    public static List<Tensor> hvp(Tensor loss, List<Tensor> params, List<Tensor> v, boolean createGraph) {
        if (v.size() != params.size()) {
            throw new IllegalArgumentException("hvp: " + params.size() + " parameters but " + v.size()
                    + " direction tensors");
        }
        return hvpOfGrad(grad(loss, params, true, true), v, params, createGraph);
    }

    /**
     * {@code d <g, v> / d wrt} for a gradient {@code g = grad_x loss} computed with {@code createGraph = true}:
     * with {@code wrt = x} it is the Hessian-vector product {@code H v}; with other tensors {@code w}, the mixed
     * product {@code (d^2 loss / dw dx) v}. One gradient {@code g} serves any number of directions, each one
     * backward pass through it (implicit MAML's conjugate gradient).
     *
     * @param g the gradient, one tensor per {@code x}, in the graph. Not modified.
     * @param v a direction, shaped like {@code g}. Not modified.
     * @param wrt the tensors to differentiate with respect to. Not modified.
     * @param createGraph true to keep a graph of the result (for third derivatives)
     * @return one tensor per {@code wrt}; zeros where {@code <g, v>} does not depend on it
     */
    public static List<Tensor> hvpOfGrad(List<Tensor> g, List<Tensor> v, List<Tensor> wrt, boolean createGraph) {
        if (v.size() != g.size()) {
            throw new IllegalArgumentException("hvp: " + g.size() + " gradient tensors but " + v.size()
                    + " direction tensors");
        }
        Tensor gv = null;
        for (int k = 0; k < g.size(); k++) {
            if (!g.get(k).sameShape(v.get(k))) {
                throw new IllegalArgumentException("hvp: direction " + k + " is " + v.get(k).shape()
                        + " but its gradient is " + g.get(k).shape());
            }
            Tensor term = Functions.dot(g.get(k), v.get(k));
            gv = gv == null ? term : Ops.add(gv, term);
        }
        return secondGrad(gv, wrt, createGraph);
    }

    /**
     * The gradient of the squared gradient norm {@code ||grad loss||^2} with respect to
     * {@code params}; equals {@code 2 H grad loss}.
     */
    public static List<Tensor> gradNormGrad(Tensor loss, List<Tensor> params, boolean createGraph) {
        List<Tensor> g = grad(loss, params, true, true);
        Tensor norm2 = null;
        for (Tensor gk : g) {
            Tensor term = Functions.sumOfSquares(gk);
            norm2 = norm2 == null ? term : Ops.add(norm2, term);
        }
        return secondGrad(norm2, params, createGraph);
    }

    private static List<Tensor> secondGrad(Tensor scalar, List<Tensor> params, boolean createGraph) {
        if (scalar == null || !scalar.requiresGrad()) {
            // No gradient, or one that does not depend on the parameters at all (the loss is linear in them).
            List<Tensor> zeros = new ArrayList<>();
            for (Tensor p : params) {
                zeros.add(Tensor.zeros(p.rows(), p.cols()));
            }
            return zeros;
        }
        return grad(scalar, params, createGraph, true);
    }
}
