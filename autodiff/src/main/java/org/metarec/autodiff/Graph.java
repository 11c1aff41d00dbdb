package org.metarec.autodiff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.ToIntFunction;
import org.ejml.data.DMatrixRMaj;
import org.metarec.autodiff.kernel.Scratch;
import org.metarec.autodiff.kernel.TensorIndex;

/**
 * The part of a recorded graph that lies between one output and the requested inputs, and the
 * backward pass over it; {@link Autodiff#vjp} is its only user.
 *
 * <p>{@link #of} walks the graph once, depth first and without recursion (a graph of any depth
 * fits), and lists every tensor that requires a gradient in post-order: the inputs of an operation
 * come before its result, so the list read backwards is a valid order for the chain rule. The walk
 * also marks the tensors from which a requested input can be reached; the others are pruned, as
 * their gradients would be thrown away. {@link #backward} then runs the rules once each, in that
 * reversed order, adding up the gradients of tensors that were used more than once.
 */
final class Graph {

    private static final int ON_PATH = -1;     // seen by the walk, not finished yet
    private static final ToIntFunction<Tensor> HASH = Tensor::graphHash;

    private final ArrayList<Tensor> order = new ArrayList<>();
    private final ArrayList<int[]> inputPlaces = new ArrayList<>();  // per place: the inputs' places, -1 if none needed
    private final TensorIndex place = new TensorIndex(64, HASH);
    private final BitSet leadsToWanted = new BitSet();              // a requested input is reachable from here
    private final BitSet wanted = new BitSet();                     // a requested input itself

    private Graph() {}

    /**
     * Walks the graph of {@code output} (nothing when it does not require a gradient), marking the
     * tensors from which one of {@code inputs} can be reached.
     */
    static Graph of(Tensor output, List<Tensor> inputs) {
        TensorIndex requested = new TensorIndex(inputs.size(), HASH);
        for (int k = 0; k < inputs.size(); k++) {
            requested.put(inputs.get(k), k);
        }
        Graph g = new Graph();
        if (output.requiresGrad()) {
            g.visit(output, requested);
        }
        return g;
    }

    /** The place of {@code t} in the post-order, or a negative number when the walk did not reach it. */
    int placeOf(Tensor t) {
        int p = place.get(t);
        return p == TensorIndex.ABSENT ? -1 : p;
    }

    /** Iterative post-order depth-first walk over the tensors that require a gradient. */
    private void visit(Tensor root, TensorIndex requested) {
        ArrayList<Tensor> stack = new ArrayList<>();
        int[] next = new int[16];              // next input to look at, per stack level
        stack.add(root);
        place.put(root, ON_PATH);
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Tensor t = stack.get(top);
            Tensor[] ins = t.inputs();
            if (ins != null && next[top] < ins.length) {
                Tensor child = ins[next[top]++];
                if (child.requiresGrad() && !place.contains(child)) {
                    place.put(child, ON_PATH);
                    stack.add(child);
                    if (stack.size() > next.length) {
                        next = Arrays.copyOf(next, next.length * 2);
                    }
                    next[stack.size() - 1] = 0;
                }
                continue;
            }
            stack.remove(top);
            int pos = order.size();
            order.add(t);
            place.put(t, pos);
            boolean leads = requested.contains(t);
            if (leads) {
                wanted.set(pos);
            }
            int[] at = null;
            if (ins != null) {
                // Every input that requires a gradient is finished by now: post-order.
                at = new int[ins.length];
                for (int j = 0; j < ins.length; j++) {
                    at[j] = ins[j].requiresGrad() ? place.get(ins[j]) : -1;
                    leads |= at[j] >= 0 && leadsToWanted.get(at[j]);
                }
            }
            inputPlaces.add(at);
            if (leads) {
                leadsToWanted.set(pos);
            }
        }
    }

    /**
     * Runs the backward rules in reverse post-order, starting from {@code seed} at the output.
     * With {@code createGraph} the rules record their operations, so the result can be
     * differentiated again; without it they compute values only.
     *
     * @return the gradient of every place, {@code null} where none flowed; only the places of
     *     requested inputs are kept to the end
     */
    Tensor[] backward(Tensor seed, boolean createGraph) {
        int n = order.size();
        Tensor[] grads = new Tensor[n];
        boolean[] owned = new boolean[n];      // grads[i] is a buffer this call made and may add into
        if (n == 0) {
            return grads;
        }
        grads[n - 1] = seed;                   // the output is last in post-order
        try (GradMode.Scope scope = GradMode.backwardPass(createGraph)) {
            for (int i = n - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Tensor g = grads[i];
                if (g == null || t.isLeaf() || !leadsToWanted.get(i)) {
                    continue;
                }
                Tensor[] ins = t.inputs();
                int[] at = inputPlaces.get(i);
                boolean[] need = new boolean[ins.length];
                boolean any = false;
                for (int j = 0; j < ins.length; j++) {
                    need[j] = at[j] >= 0 && leadsToWanted.get(at[j]);
                    any |= need[j];
                }
                if (!any) {
                    continue;
                }
                Tensor[] inGrads = t.backwardRule().apply(g, t, need);
                for (int j = 0; j < ins.length; j++) {
                    if (!need[j]) {
                        continue;
                    }
                    Tensor gj = inGrads[j];
                    if (gj == null || !gj.sameShape(ins[j])) {
                        throw new IllegalStateException("backward rule of " + t.op() + " returned "
                                + (gj == null ? "no gradient" : "a " + gj.shape() + " gradient")
                                + " for its " + ins[j].shape() + " input " + j);
                    }
                    accumulate(grads, owned, at[j], gj, createGraph);
                }
                if (!wanted.get(i)) {
                    grads[i] = null;           // no longer needed: let it be collected
                }
            }
        }
        return grads;
    }

    /** Adds {@code g} into {@code grads[p]}: a tensor used several times gets the sum of its gradients. */
    private static void accumulate(Tensor[] grads, boolean[] owned, int p, Tensor g, boolean createGraph) {
        Tensor prev = grads[p];
        if (prev == null) {
            grads[p] = g;
        } else if (createGraph) {
            grads[p] = Ops.add(prev, g);
        } else if (owned[p]) {
            double[] a = prev.data().data, b = g.data().data;
            for (int i = 0, n = prev.size(); i < n; i++) {
                a[i] += b[i];
            }
        } else {
            // The first contribution may be shared (add passes its gradient through), so it is never
            // written to: the sum goes to a new buffer, which later contributions may add into.
            DMatrixRMaj sum = Scratch.matrixToFill(prev.rows(), prev.cols());
            double[] s = sum.data, a = prev.data().data, b = g.data().data;
            for (int i = 0, n = prev.size(); i < n; i++) {
                s[i] = a[i] + b[i];
            }
            grads[p] = Tensor.constant(sum);
            owned[p] = true;
        }
    }
}
