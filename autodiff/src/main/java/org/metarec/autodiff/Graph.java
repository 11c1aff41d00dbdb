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
        boolean[] rowsOnly = new boolean[n];   // ... and only lookups' rows were added into it (addRows)
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
                if (!createGraph && t.backwardRule() instanceof RowGather lookup
                        && addRows(grads, owned, rowsOnly, at[0], g, lookup)) {
                    if (!wanted.get(i)) {
                        grads[i] = null;
                    }
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
                    rowsOnly[at[j]] = false;
                }
                if (!wanted.get(i)) {
                    grads[i] = null;           // no longer needed: let it be collected
                }
            }
        }
        return grads;
    }

    /**
     * Adds the gradient of a row lookup ({@code g}, one row per looked-up index) into the table's gradient
     * {@code grads[p]} in place, touching only the looked-up rows: what {@link Ops#scatterAddRows} and
     * {@link #accumulate} would give, bit for bit, without a zero table per lookup. The rows of one lookup that
     * go to the same table row are summed first, from zero and in index order, as the scatter sums them; so
     * each element gets the same additions in the same order. Returns false, having done nothing, when a
     * dense gradient was added into {@code grads[p]} before: then a skipped row would miss the {@code + 0}
     * that turns a negative zero positive, and the caller runs the rule instead.
     */
    private boolean addRows(Tensor[] grads, boolean[] owned, boolean[] rowsOnly, int p, Tensor g, RowGather lookup) {
        Tensor prev = grads[p];
        if (prev != null && !rowsOnly[p]) {
            return false;
        }
        int[] idx = lookup.index();
        int d = g.cols();
        double[] x = g.data().data;
        if (prev == null) {
            DMatrixRMaj table = Scratch.matrix(lookup.tableRows(), d);
            double[] o = table.data;
            for (int i = 0; i < idx.length; i++) {
                int src = i * d, dst = idx[i] * d;
                for (int j = 0; j < d; j++) {
                    o[dst + j] += x[src + j];
                }
            }
            grads[p] = Tensor.constant(table);
            owned[p] = true;
            rowsOnly[p] = true;
            return true;
        }
        // Sum this lookup's rows per table row first (slot: where table row r's sum is), then add the sums.
        int[] slot = rowSlots(lookup.tableRows());
        int[] rowOf = new int[idx.length];
        double[] sums = new double[idx.length * d];
        int unique = 0;
        for (int i = 0; i < idx.length; i++) {
            int r = idx[i], s = slot[r], src = i * d;
            if (s < 0) {
                s = unique++;
                slot[r] = s;
                rowOf[s] = r;
                for (int j = 0; j < d; j++) {
                    sums[s * d + j] = 0.0 + x[src + j];
                }
            } else {
                for (int j = 0; j < d; j++) {
                    sums[s * d + j] += x[src + j];
                }
            }
        }
        double[] a = prev.data().data;
        for (int s = 0; s < unique; s++) {
            int dst = rowOf[s] * d;
            for (int j = 0; j < d; j++) {
                a[dst + j] += sums[s * d + j];
            }
            slot[rowOf[s]] = -1;
        }
        return true;
    }

    private int[] slots = new int[0];   // all -1 between calls of addRows

    private int[] rowSlots(int rows) {
        if (slots.length < rows) {
            slots = new int[rows];
            Arrays.fill(slots, -1);
        }
        return slots;
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
