package org.metarec.autodiff;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.metarec.autodiff.kernel.TensorIndex;

/**
 * A dense float64 matrix that remembers how it was computed, so gradients can flow back to it.
 *
 * <p>Every value is a matrix: a scalar is 1x1, a row vector 1xN. A tensor is immutable: operations
 * return new tensors and never change their inputs. A tensor is one of
 * <ul>
 *   <li>a <em>constant</em> (data, targets): gradients never flow into it;</li>
 *   <li>a <em>leaf</em> that requires a gradient (a parameter), made with {@link #variable};</li>
 *   <li>a <em>result</em> of an operation on at least one tensor that requires a gradient: it keeps
 *       its inputs and the {@link Backward} rule of the operation, which together form the graph
 *       that {@link Autodiff#grad} walks backwards.</li>
 * </ul>
 *
 * <p>The operations themselves live in {@link Ops} (the primitives, each with its derivative) and
 * {@link Functions} (compositions of primitives); the instance methods here are shorthands for them,
 * so that a model reads as {@code x.matmul(w).addRowVector(b).relu()}.
 */
public final class Tensor {

    private final DMatrixRMaj value;
    private final boolean requiresGrad;
    private final Tensor[] inputs;     // null for constants and leaves
    private final Backward backward;   // null for constants and leaves
    private final String op;           // the operation that made it, for error messages and docs
    private final int graphHash;       // see graphHash()
    private final boolean fromBackward; // recorded by a backward pass with createGraph (second order)

    private Tensor(DMatrixRMaj value, boolean requiresGrad, Tensor[] inputs, Backward backward, String op) {
        this(value, requiresGrad, inputs, backward, op, false);
    }

    private Tensor(DMatrixRMaj value, boolean requiresGrad, Tensor[] inputs, Backward backward, String op,
                   boolean fromBackward) {
        this.value = value;
        this.fromBackward = fromBackward;
        this.requiresGrad = requiresGrad;
        this.inputs = inputs;
        this.backward = backward;
        this.op = op;
        this.graphHash = TensorIndex.nextHash();
    }

    // ------------------------------------------------------------------ construction

    /** A constant wrapping {@code m} without copying it; the caller must not modify {@code m} afterwards. */
    public static Tensor constant(DMatrixRMaj m) {
        return new Tensor(m, false, null, null, "constant");
    }

    /** A leaf that requires a gradient, wrapping {@code m} without copying it (do not modify {@code m}). */
    public static Tensor variable(DMatrixRMaj m) {
        return new Tensor(m, true, null, null, "variable");
    }

    /** A constant holding a copy of the given rows (all of equal length). */
    public static Tensor of(double[][] rows) {
        if (rows.length == 0 || rows[0].length == 0) {
            throw new IllegalArgumentException("Tensor.of: expected at least one row and one column, found "
                    + rows.length + " rows");
        }
        for (int i = 1; i < rows.length; i++) {
            if (rows[i].length != rows[0].length) {
                throw new IllegalArgumentException("Tensor.of: row " + i + " has " + rows[i].length
                        + " columns, row 0 has " + rows[0].length);
            }
        }
        return constant(new DMatrixRMaj(rows));
    }

    /** A constant 1xN row vector holding a copy of {@code values}. */
    public static Tensor row(double... values) {
        return constant(new DMatrixRMaj(1, values.length, true, values.clone()));
    }

    /** A constant Nx1 column vector holding a copy of {@code values}. */
    public static Tensor column(double... values) {
        return constant(new DMatrixRMaj(values.length, 1, true, values.clone()));
    }

    /** A constant 1x1 tensor. */
    public static Tensor scalar(double v) {
        DMatrixRMaj m = new DMatrixRMaj(1, 1);
        m.data[0] = v;
        return constant(m);
    }

    /** A constant of the given shape filled with zeros. */
    public static Tensor zeros(int rows, int cols) {
        return constant(new DMatrixRMaj(rows, cols));
    }

    /** A constant of the given shape filled with {@code v}. */
    public static Tensor filled(int rows, int cols, double v) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        Arrays.fill(m.data, 0, rows * cols, v);
        return constant(m);
    }

    /**
     * The result of the operation {@code op} on {@code inputs}: a tensor holding {@code value} that
     * remembers its inputs and the {@code backward} rule giving their gradients. Every primitive of
     * {@link Ops} ends with this call, and so does a new primitive of your own: compute the value on
     * the raw numbers of the inputs, and write the rule with tensor operations.
     *
     * <pre>{@code
     * // x^3: the rule 3 x^2 g, made of operations, so the primitive has derivatives of every order
     * return Tensor.result(out, "cube", (g, self, need) -> new Tensor[] {g.mul(x.mul(x)).mul(3.0)}, x);
     * }</pre>
     *
     * <p>The graph is recorded only when recording is enabled on this thread ({@link GradMode}) and
     * at least one input requires a gradient; otherwise the result is a plain constant and the rule is
     * dropped. A rule computed on the raw matrices instead of with operations gives a right first
     * derivative and a silently zero second one; {@link org.metarec.autodiff.check.GradCheck} checks
     * both orders. {@code docs/autodiff.md}, section "A new primitive", shows one in full.
     *
     * @param value the forward value, wrapped without copying: do not modify it afterwards
     * @param op the operation's name, returned by {@link #op()} and used in error messages
     * @param backward the local chain rule, written with tensor operations only
     * @param inputs the tensors {@code value} was computed from, in the order of the gradients that
     *     {@code backward} returns. Not modified.
     * @throws IllegalArgumentException when an argument is null or there are no inputs
     */
    public static Tensor result(DMatrixRMaj value, String op, Backward backward, Tensor... inputs) {
        requireParts(value, op, backward, inputs);
        // The inputs first: reading their flags is cheaper than the thread-local lookup of the mode.
        for (Tensor in : inputs) {
            if (in.requiresGrad) {
                boolean[] mode = GradMode.state();
                return mode[GradMode.RECORDING]
                        ? new Tensor(value, true, inputs, backward, op, mode[GradMode.IN_BACKWARD])
                        : new Tensor(value, false, null, null, op);
            }
        }
        return new Tensor(value, false, null, null, op);
    }

    private static void requireParts(DMatrixRMaj value, String op, Backward backward, Tensor[] inputs) {
        String problem = op == null ? "the name is null"
                : value == null ? "the value is null"
                : backward == null ? "the backward rule is null"
                : inputs == null || inputs.length == 0 ? "there are no inputs" : null;
        for (int i = 0; problem == null && i < inputs.length; i++) {
            if (inputs[i] == null) {
                problem = "input " + i + " is null";
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException("Tensor.result (operation " + op + "): " + problem);
        }
    }

    // ------------------------------------------------------------------ graph

    /** True for parameters and for results computed from them while recording was on. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** True for tensors that were not computed by a recorded operation (constants and variables). */
    public boolean isLeaf() {
        return inputs == null;
    }

    /** The name of the operation that produced this tensor ("constant" or "variable" for leaves). */
    public String op() {
        return op;
    }

    /**
     * True when this result was recorded by a backward pass run with {@code createGraph = true}: it is
     * part of a gradient that can itself be differentiated, so gradients flowing through it are
     * second order (MAML's Hessian terms). {@link DotGraph} marks such operations.
     */
    public boolean fromBackward() {
        return fromBackward;
    }

    Tensor[] inputs() {
        return inputs;
    }

    Backward backwardRule() {
        return backward;
    }

    /**
     * The hash by which a graph walk finds this tensor (a {@link TensorIndex}): fixed at construction,
     * so unlike {@link System#identityHashCode} it costs nothing to read on a fresh tensor.
     */
    int graphHash() {
        return graphHash;
    }

    /** The same value cut off from the graph: a constant that gradients do not flow through. */
    public Tensor detach() {
        return requiresGrad || inputs != null ? constant(value) : this;
    }

    /** The same value as a new leaf that requires a gradient, cut off from whatever computed it. */
    public Tensor asVariable() {
        return variable(value);
    }

    // ------------------------------------------------------------------ values

    /** Number of rows. */
    public int rows() {
        return value.numRows;
    }

    /** Number of columns. */
    public int cols() {
        return value.numCols;
    }

    /** Number of elements, rows * cols. */
    public int size() {
        return value.numRows * value.numCols;
    }

    /** The shape as "RxC", for messages. */
    public String shape() {
        return value.numRows + "x" + value.numCols;
    }

    /** True when {@code other} has the same number of rows and columns. */
    public boolean sameShape(Tensor other) {
        return value.numRows == other.value.numRows && value.numCols == other.value.numCols;
    }

    /** The element at row {@code i}, column {@code j}. */
    public double get(int i, int j) {
        return value.get(i, j);
    }

    /** The only element of a 1x1 tensor. */
    public double item() {
        if (size() != 1) {
            throw new IllegalArgumentException("item: expected a 1x1 tensor, found " + shape());
        }
        return value.data[0];
    }

    /**
     * The underlying matrix, shared, not copied. Read it, never modify it: tensors are immutable
     * and other tensors (and the graph) may share it.
     */
    public DMatrixRMaj data() {
        return value;
    }

    /** A copy of the elements in row-major order. */
    public double[] toArray() {
        return Arrays.copyOf(value.data, size());
    }

    /** A copy of the elements as an array of rows. */
    public double[][] toRows() {
        double[][] out = new double[rows()][cols()];
        for (int i = 0; i < rows(); i++) {
            System.arraycopy(value.data, i * cols(), out[i], 0, cols());
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor(").append(shape()).append(", ").append(op);
        if (requiresGrad) {
            sb.append(", requires grad");
        }
        sb.append(")");
        if (size() <= 16) {
            sb.append(' ').append(Arrays.deepToString(toRows()));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ shorthands for Ops and Functions

    /** {@link Ops#add}. */
    public Tensor add(Tensor b) { return Ops.add(this, b); }
    /** {@link Ops#sub}. */
    public Tensor sub(Tensor b) { return Ops.sub(this, b); }
    /** {@link Ops#mul}. */
    public Tensor mul(Tensor b) { return Ops.mul(this, b); }
    /** {@link Ops#div}. */
    public Tensor div(Tensor b) { return Ops.div(this, b); }
    /** {@link Ops#neg}. */
    public Tensor neg() { return Ops.neg(this); }
    /** {@link Ops#addScalar}. */
    public Tensor add(double c) { return Ops.addScalar(this, c); }
    /** {@link Ops#mulScalar}. */
    public Tensor mul(double c) { return Ops.mulScalar(this, c); }
    /** {@link Ops#addScaled}: {@code this + c b}, e.g. {@code theta.addScaled(-lr, g)} for a gradient step. */
    public Tensor addScaled(double c, Tensor b) { return Ops.addScaled(this, c, b); }
    /** {@link Ops#scaleBy}: multiply every element by the 1x1 tensor {@code s}. */
    public Tensor scaleBy(Tensor s) { return Ops.scaleBy(this, s); }
    /** {@link Ops#matmul}. */
    public Tensor matmul(Tensor b) { return Ops.matmul(this, b); }
    /** {@link Ops#transpose}. */
    public Tensor transpose() { return Ops.transpose(this); }
    /** {@link Ops#addRowVector}. */
    public Tensor addRowVector(Tensor b) { return Ops.addRowVector(this, b); }
    /** {@link Ops#sum}. */
    public Tensor sum() { return Ops.sum(this); }
    /** {@link Ops#sumRows}. */
    public Tensor sumRows() { return Ops.sumRows(this); }
    /** {@link Ops#sumCols}. */
    public Tensor sumCols() { return Ops.sumCols(this); }
    /** {@link Functions#mean}. */
    public Tensor mean() { return Functions.mean(this); }
    /** {@link Ops#exp}. */
    public Tensor exp() { return Ops.exp(this); }
    /** {@link Ops#log}. */
    public Tensor log() { return Ops.log(this); }
    /** {@link Ops#sqrt}. */
    public Tensor sqrt() { return Ops.sqrt(this); }
    /** {@link Ops#pow}. */
    public Tensor pow(double p) { return Ops.pow(this, p); }
    /** {@link Ops#abs}. */
    public Tensor abs() { return Ops.abs(this); }
    /** {@link Ops#relu}. */
    public Tensor relu() { return Ops.relu(this); }
    /** {@link Ops#sigmoid}. */
    public Tensor sigmoid() { return Ops.sigmoid(this); }
    /** {@link Ops#tanh}. */
    public Tensor tanh() { return Ops.tanh(this); }
    /** {@link Ops#softplus}. */
    public Tensor softplus() { return Ops.softplus(this); }
    /** {@link Ops#sin}. */
    public Tensor sin() { return Ops.sin(this); }
    /** {@link Ops#cos}. */
    public Tensor cos() { return Ops.cos(this); }
    /** {@link Functions#square}. */
    public Tensor square() { return Functions.square(this); }
}
