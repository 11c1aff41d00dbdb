package org.metarec.autodiff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The recorded graph behind a tensor, as Graphviz DOT text: one node per tensor (its operation, or
 * the name given to it, and its shape) and an edge from each input to the operation that used it.
 *
 * <p>Made for looking at meta-gradients. Operations recorded by a backward pass with
 * {@code createGraph = true} ({@link Tensor#fromBackward()}) are drawn in red, and so are the edges
 * into them: they are the gradient computations of the inner loop, and gradients flowing back
 * through them are MAML's second-order (Hessian) terms. A first-order method has none. Groups
 * ({@link #group}) draw the operations of each inner step as one box.
 *
 * <p>Nothing here touches the engine's hot path: the graph is read from the tensors' inputs after
 * the fact. The walk is iterative, so a graph of any depth fits; the text is the same on every run.
 *
 * <pre>{@code
 * String dot = DotGraph.of(queryLoss).name(w, "W1").group("inner step 1", phi1.tensors()).toDot();
 * }</pre>
 */
public final class DotGraph {

    /** Red, for what a backward pass with {@code createGraph} recorded. */
    static final String SECOND_ORDER_COLOR = "#c0392b";

    private final List<Tensor> roots;
    private final Map<Tensor, String> names = new IdentityHashMap<>();
    private final List<String> groupLabels = new ArrayList<>();
    private final List<List<Tensor>> groupEnds = new ArrayList<>();

    private DotGraph(List<Tensor> roots) {
        this.roots = List.copyOf(roots);
    }

    /** The graph behind {@code root} (root included). Not modified. */
    public static DotGraph of(Tensor root) {
        return new DotGraph(List.of(root));
    }

    /** The graphs behind several tensors, drawn together (shared operations once). Not modified. */
    public static DotGraph of(List<Tensor> roots) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("DotGraph: expected at least one tensor to draw, found none");
        }
        return new DotGraph(roots);
    }

    /** Labels the node of {@code t} with {@code name} instead of its operation (e.g. a parameter's name). */
    public DotGraph name(Tensor t, String name) {
        names.put(t, name);
        return this;
    }

    /** Labels every tensor of {@code params} with its name. */
    public DotGraph names(Params params) {
        for (String n : params.names()) {
            name(params.get(n), n);
        }
        return this;
    }

    /**
     * Adds a box around the operations that {@code ends} were computed from and that no earlier group
     * holds: with the adapted parameters after each inner step in turn, one box per step. Variables
     * (the parameters) stay outside every box.
     */
    public DotGraph group(String label, Collection<Tensor> ends) {
        groupLabels.add(label);
        groupEnds.add(List.copyOf(ends));
        return this;
    }

    /** The tensors of the graph in post-order (inputs before the operations that use them). */
    public List<Tensor> nodes() {
        return postOrder(roots);
    }

    /** The DOT text. */
    public String toDot() {
        List<Tensor> order = nodes();
        Map<Tensor, Integer> id = new IdentityHashMap<>();
        for (Tensor t : order) {
            id.put(t, id.size());
        }
        int[] groupOf = groupsOf(order, id);

        StringBuilder out = new StringBuilder();
        out.append("digraph autodiff {\n");
        out.append("  rankdir=BT;\n");
        out.append("  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n");
        out.append("  edge [color=\"#555555\"];\n");
        for (int g = 0; g < groupLabels.size(); g++) {
            out.append("  subgraph cluster_").append(g).append(" {\n");
            out.append("    label=\"").append(escape(groupLabels.get(g))).append("\"; style=rounded; color=\"#888888\";\n");
            for (int i = 0; i < order.size(); i++) {
                if (groupOf[i] == g) {
                    out.append("    n").append(i).append(";\n");
                }
            }
            out.append("  }\n");
        }
        for (int i = 0; i < order.size(); i++) {
            out.append("  n").append(i).append(" [").append(nodeAttributes(order.get(i))).append("];\n");
        }
        for (int i = 0; i < order.size(); i++) {
            Tensor t = order.get(i);
            if (t.inputs() == null) {
                continue;
            }
            for (Tensor in : t.inputs()) {
                out.append("  n").append(id.get(in)).append(" -> n").append(i);
                if (t.fromBackward()) {
                    out.append(" [color=\"").append(SECOND_ORDER_COLOR).append("\"]");
                }
                out.append(";\n");
            }
        }
        out.append("  legend [shape=plaintext, fontcolor=\"").append(SECOND_ORDER_COLOR)
                .append("\", label=\"red: recorded while differentiating a gradient (createGraph = true);\\n"
                        + "gradients through it are second order\"];\n");
        out.append("}\n");
        return out.toString();
    }

    private String nodeAttributes(Tensor t) {
        String name = names.get(t);
        String label = (name != null ? name : t.op()) + "\\n" + t.shape();
        StringBuilder a = new StringBuilder("label=\"").append(escape(label)).append('"');
        if (t.isLeaf() && t.requiresGrad()) {
            a.append(", shape=ellipse, style=filled, fillcolor=\"#dbe9f6\"");
        } else if (t.isLeaf()) {
            a.append(", shape=ellipse, color=\"#999999\", fontcolor=\"#666666\"");
        } else if (t.fromBackward()) {
            a.append(", color=\"").append(SECOND_ORDER_COLOR).append("\", fontcolor=\"").append(SECOND_ORDER_COLOR)
                    .append('"');
        } else if (name != null) {
            a.append(", style=filled, fillcolor=\"#eeeeee\"");
        }
        return a.toString();
    }

    /** For each node, the first group whose ends reach it (so a later box never takes an earlier step's nodes), or -1. */
    private int[] groupsOf(List<Tensor> order, Map<Tensor, Integer> id) {
        int[] groupOf = new int[order.size()];
        Arrays.fill(groupOf, -1);
        for (int g = 0; g < groupEnds.size(); g++) {
            for (Tensor t : postOrder(groupEnds.get(g))) {
                Integer i = id.get(t);
                if (i != null && groupOf[i] < 0 && !(t.isLeaf() && t.requiresGrad())) {
                    groupOf[i] = g;
                }
            }
        }
        return groupOf;
    }

    /** Every tensor reachable from {@code starts} through inputs, inputs first; each once. */
    static List<Tensor> postOrder(List<Tensor> starts) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Tensor> stack = new ArrayDeque<>();
        ArrayDeque<Integer> next = new ArrayDeque<>();   // per stack entry: the next input to visit
        for (Tensor start : starts) {
            if (seen.containsKey(start)) {
                continue;
            }
            seen.put(start, Boolean.TRUE);
            stack.push(start);
            next.push(0);
            while (!stack.isEmpty()) {
                Tensor t = stack.peek();
                int j = next.pop();
                Tensor[] ins = t.inputs();
                if (ins != null && j < ins.length) {
                    next.push(j + 1);
                    Tensor in = ins[j];
                    if (!seen.containsKey(in)) {
                        seen.put(in, Boolean.TRUE);
                        stack.push(in);
                        next.push(0);
                    }
                } else {
                    stack.pop();
                    order.add(t);
                }
            }
        }
        return order;
    }

    private static String escape(String s) {
        return s.replace("\"", "\\\"");
    }

    /**
     * What the graph behind {@code root} holds: its nodes, how many of them a backward pass with
     * {@code createGraph} recorded, and the bytes of their values (8 per element; the objects' own
     * overhead is not counted).
     */
    public static Size size(Tensor root) {
        int nodes = 0, fromBackward = 0;
        long bytes = 0;
        for (Tensor t : postOrder(List.of(root))) {
            nodes++;
            fromBackward += t.fromBackward() ? 1 : 0;
            bytes += 8L * t.size();
        }
        return new Size(nodes, fromBackward, bytes);
    }

    /**
     * The size of a graph.
     *
     * @param nodes tensors in the graph, leaves included
     * @param fromBackward of those, the ones a backward pass with {@code createGraph} recorded
     * @param valueBytes bytes of the nodes' values, 8 per element
     */
    public record Size(int nodes, int fromBackward, long valueBytes) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d nodes (%d recorded by backward passes), %.1f KiB of values",
                    nodes, fromBackward, valueBytes / 1024.0);
        }
    }
}
