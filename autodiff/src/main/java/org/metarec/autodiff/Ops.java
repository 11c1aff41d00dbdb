package org.metarec.autodiff;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.metarec.autodiff.kernel.MatMul;
import org.metarec.autodiff.kernel.Scratch;

/**
 * The primitive operations: each one's forward computation next to its local chain rule.
 *
 * <p>This file is the whole set of primitives; everything else ({@link Functions}, the layers in
 * {@code nn}, the losses of the models) is composed from them. Each ends with {@link Tensor#result},
 * which code outside the engine may call too, to add a primitive of its own. Each forward pass computes on the
 * EJML matrices directly. Each backward rule, in contrast, is written with these same operations,
 * so that when {@link Autodiff#grad} is asked to build a graph for the gradient, the gradient can be
 * differentiated again (the derivative of {@code sin} is {@code cos}, itself an operation with a
 * derivative, and so on to any order).
 *
 * <p>Shapes: {@code a} and {@code b} are MxN unless stated; a "row vector" is 1xN, a "column
 * vector" Mx1, a "scalar" 1x1. Inputs are never modified. A shape that does not fit throws
 * {@link IllegalArgumentException} naming the operation and the shapes.
 */
public final class Ops {

    private Ops() {}

    // ================================================================== elementwise, two inputs

    /** {@code a + b}, elementwise. */
    public static Tensor add(Tensor a, Tensor b) {
        requireSameShape("add", a, b);
        DMatrixRMaj out = like(a);
        double[] x = a.data().data, y = b.data().data, o = out.data;
        for (int i = 0, n = a.size(); i < n; i++) {
            o[i] = x[i] + y[i];
        }
        return Tensor.result(out, "add", (g, self, need) -> new Tensor[] {g, g}, a, b);
    }

    /** {@code a - b}, elementwise. */
    public static Tensor sub(Tensor a, Tensor b) {
        requireSameShape("sub", a, b);
        DMatrixRMaj out = like(a);
        double[] x = a.data().data, y = b.data().data, o = out.data;
        for (int i = 0, n = a.size(); i < n; i++) {
            o[i] = x[i] - y[i];
        }
        return Tensor.result(out, "sub", (g, self, need) -> new Tensor[] {g, need[1] ? neg(g) : null}, a, b);
    }

    /** {@code a * b}, elementwise (Hadamard product). */
    public static Tensor mul(Tensor a, Tensor b) {
        requireSameShape("mul", a, b);
        DMatrixRMaj out = like(a);
        double[] x = a.data().data, y = b.data().data, o = out.data;
        for (int i = 0, n = a.size(); i < n; i++) {
            o[i] = x[i] * y[i];
        }
        return Tensor.result(out, "mul", (g, self, need) -> new Tensor[] {
            need[0] ? mul(g, b) : null,
            need[1] ? mul(g, a) : null}, a, b);
    }

    /** {@code a / b}, elementwise. d/db = -a/b^2 = -out/b. */
    public static Tensor div(Tensor a, Tensor b) {
        requireSameShape("div", a, b);
        DMatrixRMaj out = like(a);
        double[] x = a.data().data, y = b.data().data, o = out.data;
        for (int i = 0, n = a.size(); i < n; i++) {
            o[i] = x[i] / y[i];
        }
        return Tensor.result(out, "div", (g, self, need) -> new Tensor[] {
            need[0] ? div(g, b) : null,
            need[1] ? neg(div(mul(g, self), b)) : null}, a, b);
    }

    // ================================================================== scalars

    /** {@code -a}. */
    public static Tensor neg(Tensor a) {
        return mulScalarAs("neg", a, -1.0);
    }

    /** {@code a + c} for a constant number {@code c}. */
    public static Tensor addScalar(Tensor a, double c) {
        DMatrixRMaj out = like(a);
        double[] x = a.data().data, o = out.data;
        for (int i = 0, n = a.size(); i < n; i++) {
            o[i] = x[i] + c;
        }
        return Tensor.result(out, "addScalar", (g, self, need) -> new Tensor[] {g}, a);
    }

    /**
     * {@code a + c b} for a constant number {@code c}, in one pass. With {@code c = -lr} this is a
     * gradient-descent step {@code theta - lr g}, bit for bit equal to {@code sub(a, mulScalar(b, -c))}
     * but without the intermediate {@code lr g} in the forward pass or in the backward pass.
     */
    public static Tensor addScaled(Tensor a, double c, Tensor b) {
        requireSameShape("addScaled", a, b);
        DMatrixRMaj out = like(a);
        double[] x = a.data().data, y = b.data().data, o = out.data;
        for (int i = 0, n = a.size(); i < n; i++) {
            o[i] = x[i] + c * y[i];
        }
        return Tensor.result(out, "addScaled", (g, self, need) -> new Tensor[] {
            g,
            need[1] ? mulScalar(g, c) : null}, a, b);
    }

    /** {@code c * a} for a constant number {@code c}. */
    public static Tensor mulScalar(Tensor a, double c) {
        return mulScalarAs("mulScalar", a, c);
    }

    private static Tensor mulScalarAs(String name, Tensor a, double c) {
        DMatrixRMaj out = like(a);
        double[] x = a.data().data, o = out.data;
        for (int i = 0, n = a.size(); i < n; i++) {
            o[i] = c * x[i];
        }
        return Tensor.result(out, name, (g, self, need) -> new Tensor[] {mulScalarAs(name, g, c)}, a);
    }

    /** {@code s * a}: every element of {@code a} times the 1x1 tensor {@code s}. d/ds = sum(g * a). */
    public static Tensor scaleBy(Tensor a, Tensor s) {
        if (s.size() != 1) {
            throw new IllegalArgumentException("scaleBy: the scale must be 1x1, found " + s.shape()
                    + " (scaling a " + a.shape() + ")");
        }
        double c = s.data().data[0];
        DMatrixRMaj out = like(a);
        double[] x = a.data().data, o = out.data;
        for (int i = 0, n = a.size(); i < n; i++) {
            o[i] = c * x[i];
        }
        return Tensor.result(out, "scaleBy", (g, self, need) -> new Tensor[] {
            need[0] ? scaleBy(g, s) : null,
            need[1] ? sum(mul(g, a)) : null}, a, s);
    }

    // ================================================================== matrix products

    /** {@code a b}: (MxK)(KxN) -> MxN. dA = G B^T, dB = A^T G. */
    public static Tensor matmul(Tensor a, Tensor b) {
        if (a.cols() != b.rows()) {
            throw new IllegalArgumentException("matmul: shapes " + a.shape() + " and " + b.shape()
                    + " do not fit (columns of the first must equal rows of the second)");
        }
        DMatrixRMaj out = MatMul.times(a.data(), b.data());
        return Tensor.result(out, "matmul", (g, self, need) -> new Tensor[] {
            need[0] ? matmulNT(g, b) : null,
            need[1] ? matmulTN(a, g) : null}, a, b);
    }

    /** {@code a b^T}: (MxK)(NxK)^T -> MxN, without forming the transpose. dA = G B, dB = G^T A. */
    public static Tensor matmulNT(Tensor a, Tensor b) {
        if (a.cols() != b.cols()) {
            throw new IllegalArgumentException("matmulNT: shapes " + a.shape() + " and " + b.shape()
                    + " do not fit (a b^T needs equal column counts)");
        }
        DMatrixRMaj out = MatMul.timesTransposed(a.data(), b.data());
        return Tensor.result(out, "matmulNT", (g, self, need) -> new Tensor[] {
            need[0] ? matmul(g, b) : null,
            need[1] ? matmulTN(g, a) : null}, a, b);
    }

    /** {@code a^T b}: (KxM)^T(KxN) -> MxN, without forming the transpose. dA = B G^T, dB = A G. */
    public static Tensor matmulTN(Tensor a, Tensor b) {
        if (a.rows() != b.rows()) {
            throw new IllegalArgumentException("matmulTN: shapes " + a.shape() + " and " + b.shape()
                    + " do not fit (a^T b needs equal row counts)");
        }
        DMatrixRMaj out = MatMul.transposedTimes(a.data(), b.data());
        return Tensor.result(out, "matmulTN", (g, self, need) -> new Tensor[] {
            need[0] ? matmulNT(b, g) : null,
            need[1] ? matmul(a, g) : null}, a, b);
    }

    /** {@code a^T}: MxN -> NxM. */
    public static Tensor transpose(Tensor a) {
        DMatrixRMaj out = Scratch.matrixToFill(a.cols(), a.rows());
        CommonOps_DDRM.transpose(a.data(), out);
        return Tensor.result(out, "transpose", (g, self, need) -> new Tensor[] {transpose(g)}, a);
    }

    // ================================================================== broadcasting and reductions

    /** {@code a + 1 b}: adds the 1xN row vector {@code b} to every row of the MxN {@code a} (a bias). */
    public static Tensor addRowVector(Tensor a, Tensor b) {
        if (b.rows() != 1 || b.cols() != a.cols()) {
            throw new IllegalArgumentException("addRowVector: expected a 1x" + a.cols() + " row vector to add to "
                    + a.shape() + ", found " + b.shape());
        }
        int m = a.rows(), n = a.cols();
        DMatrixRMaj out = like(a);
        double[] x = a.data().data, v = b.data().data, o = out.data;
        for (int i = 0; i < m; i++) {
            int r = i * n;
            for (int j = 0; j < n; j++) {
                o[r + j] = x[r + j] + v[j];
            }
        }
        return Tensor.result(out, "addRowVector", (g, self, need) -> new Tensor[] {
            g,
            need[1] ? sumRows(g) : null}, a, b);
    }

    /** The sum of all elements, as 1x1. */
    public static Tensor sum(Tensor a) {
        double s = 0;
        double[] x = a.data().data;
        for (int i = 0, n = a.size(); i < n; i++) {
            s += x[i];
        }
        DMatrixRMaj out = Scratch.matrixToFill(1, 1);
        out.data[0] = s;
        int r = a.rows(), c = a.cols();
        return Tensor.result(out, "sum", (g, self, need) -> new Tensor[] {expand(g, r, c)}, a);
    }

    /** The 1x1 tensor {@code s} repeated into an RxC matrix (the adjoint of {@link #sum}). */
    public static Tensor expand(Tensor s, int rows, int cols) {
        if (s.size() != 1) {
            throw new IllegalArgumentException("expand: expected a 1x1 tensor, found " + s.shape());
        }
        DMatrixRMaj out = Scratch.matrixToFill(rows, cols);
        java.util.Arrays.fill(out.data, 0, rows * cols, s.data().data[0]);
        return Tensor.result(out, "expand", (g, self, need) -> new Tensor[] {sum(g)}, s);
    }

    /** Sums over the rows: MxN -> 1xN (column totals). */
    public static Tensor sumRows(Tensor a) {
        int m = a.rows(), n = a.cols();
        DMatrixRMaj out = Scratch.matrix(1, n);
        double[] x = a.data().data, o = out.data;
        for (int i = 0; i < m; i++) {
            int r = i * n;
            for (int j = 0; j < n; j++) {
                o[j] += x[r + j];
            }
        }
        return Tensor.result(out, "sumRows", (g, self, need) -> new Tensor[] {broadcastRows(g, m)}, a);
    }

    /** Repeats the 1xN row vector {@code v} into M rows (the adjoint of {@link #sumRows}). */
    public static Tensor broadcastRows(Tensor v, int m) {
        if (v.rows() != 1) {
            throw new IllegalArgumentException("broadcastRows: expected a 1xN row vector, found " + v.shape());
        }
        int n = v.cols();
        DMatrixRMaj out = Scratch.matrixToFill(m, n);
        for (int i = 0; i < m; i++) {
            System.arraycopy(v.data().data, 0, out.data, i * n, n);
        }
        return Tensor.result(out, "broadcastRows", (g, self, need) -> new Tensor[] {sumRows(g)}, v);
    }

    /** Sums over the columns: MxN -> Mx1 (row totals). */
    public static Tensor sumCols(Tensor a) {
        int m = a.rows(), n = a.cols();
        DMatrixRMaj out = Scratch.matrixToFill(m, 1);
        double[] x = a.data().data, o = out.data;
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int j = 0, r = i * n; j < n; j++) {
                s += x[r + j];
            }
            o[i] = s;
        }
        return Tensor.result(out, "sumCols", (g, self, need) -> new Tensor[] {broadcastCols(g, n)}, a);
    }

    /** Repeats the Mx1 column vector {@code v} into N columns (the adjoint of {@link #sumCols}). */
    public static Tensor broadcastCols(Tensor v, int n) {
        if (v.cols() != 1) {
            throw new IllegalArgumentException("broadcastCols: expected an Mx1 column vector, found " + v.shape());
        }
        int m = v.rows();
        DMatrixRMaj out = Scratch.matrixToFill(m, n);
        double[] x = v.data().data, o = out.data;
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(o, i * n, i * n + n, x[i]);
        }
        return Tensor.result(out, "broadcastCols", (g, self, need) -> new Tensor[] {sumCols(g)}, v);
    }

    // ================================================================== elementwise functions

    /** {@code exp(a)}; its derivative is its own output. */
    public static Tensor exp(Tensor a) {
        DMatrixRMaj out = like(a);
        double[] x = a.data().data, o = out.data;
        for (int i = 0, n = a.size(); i < n; i++) {
            o[i] = Math.exp(x[i]);
        }
        return Tensor.result(out, "exp", (g, self, need) -> new Tensor[] {mul(g, self)}, a);
    }

    /** {@code log(a)} (natural); derivative {@code 1/a}. */
    public static Tensor log(Tensor a) {
        DMatrixRMaj out = like(a);
        double[] x = a.data().data, o = out.data;
        for (int i = 0, n = a.size(); i < n; i++) {
            o[i] = Math.log(x[i]);
        }
        return Tensor.result(out, "log", (g, self, need) -> new Tensor[] {div(g, a)}, a);
    }

    /** {@code sqrt(a)}; derivative {@code 1 / (2 sqrt(a))}. */
    public static Tensor sqrt(Tensor a) {
        DMatrixRMaj out = like(a);
        double[] x = a.data().data, o = out.data;
        for (int i = 0, n = a.size(); i < n; i++) {
            o[i] = Math.sqrt(x[i]);
        }
        return Tensor.result(out, "sqrt", (g, self, need) -> new Tensor[] {div(g, mulScalar(self, 2.0))}, a);
    }

    /** {@code a^p} for a constant exponent {@code p}; derivative {@code p a^(p-1)}. */
    public static Tensor pow(Tensor a, double p) {
        DMatrixRMaj out = like(a);
        double[] x = a.data().data, o = out.data;
        for (int i = 0, n = a.size(); i < n; i++) {
            o[i] = Math.pow(x[i], p);
        }
        return Tensor.result(out, "pow", (g, self, need) -> new Tensor[] {
            p == 0 ? mulScalar(g, 0.0) : mul(g, mulScalar(pow(a, p - 1), p))}, a);
    }

    /** {@code |a|}; derivative {@code sign(a)}, a constant (its own derivative is 0 away from 0). */
    public static Tensor abs(Tensor a) {
        DMatrixRMaj out = like(a);
        DMatrixRMaj sign = like(a);
        double[] x = a.data().data, o = out.data, s = sign.data;
        for (int i = 0, n = a.size(); i < n; i++) {
            o[i] = Math.abs(x[i]);
            s[i] = Math.signum(x[i]);
        }
        Tensor signs = Tensor.constant(sign);
        return Tensor.result(out, "abs", (g, self, need) -> new Tensor[] {mul(g, signs)}, a);
    }

    /** {@code max(a, 0)}; derivative 1 where {@code a > 0}, else 0 (a constant mask). */
    public static Tensor relu(Tensor a) {
        DMatrixRMaj out = like(a);
        double[] x = a.data().data, o = out.data;
        for (int i = 0, n = a.size(); i < n; i++) {
            o[i] = keepIfPositive(x[i], x[i]);
        }
        return Tensor.result(out, "relu", (g, self, need) -> new Tensor[] {keepWherePositive(g, a)}, a);
    }

    /**
     * {@code g} where {@code a > 0}, else 0: relu's backward rule, {@code g * 1[a > 0]}, in one pass
     * without building the mask. It is linear in {@code g}, so its own rule is itself; {@code a} only
     * selects entries (a step function, derivative 0 almost everywhere) and is not an input of the graph.
     */
    static Tensor keepWherePositive(Tensor g, Tensor a) {
        requireSameShape("keepWherePositive", g, a);
        DMatrixRMaj out = like(g);
        double[] x = g.data().data, s = a.data().data, o = out.data;
        for (int i = 0, n = g.size(); i < n; i++) {
            o[i] = keepIfPositive(x[i], s[i]);
        }
        return Tensor.result(out, "keepWherePositive", (gg, self, need) -> new Tensor[] {keepWherePositive(gg, a)}, g);
    }

    /** {@code 1 / (1 + exp(-a))}; derivative {@code s (1 - s)} with {@code s} the output. */
    public static Tensor sigmoid(Tensor a) {
        DMatrixRMaj out = like(a);
        double[] x = a.data().data, o = out.data;
        for (int i = 0, n = a.size(); i < n; i++) {
            o[i] = sigmoid(x[i]);
        }
        return Tensor.result(out, "sigmoid", (g, self, need) -> new Tensor[] {
            mul(g, sub(self, mul(self, self)))}, a);
    }

    /** {@code tanh(a)}; derivative {@code 1 - t^2} with {@code t} the output. */
    public static Tensor tanh(Tensor a) {
        DMatrixRMaj out = like(a);
        double[] x = a.data().data, o = out.data;
        for (int i = 0, n = a.size(); i < n; i++) {
            o[i] = Math.tanh(x[i]);
        }
        return Tensor.result(out, "tanh", (g, self, need) -> new Tensor[] {
            sub(g, mul(g, mul(self, self)))}, a);
    }

    /** {@code log(1 + exp(a))}, computed without overflow; derivative {@code sigmoid(a)}. */
    public static Tensor softplus(Tensor a) {
        DMatrixRMaj out = like(a);
        double[] x = a.data().data, o = out.data;
        for (int i = 0, n = a.size(); i < n; i++) {
            o[i] = softplus(x[i]);
        }
        return Tensor.result(out, "softplus", (g, self, need) -> new Tensor[] {mul(g, sigmoid(a))}, a);
    }

    /** {@code sin(a)}; derivative {@code cos(a)}. */
    public static Tensor sin(Tensor a) {
        DMatrixRMaj out = like(a);
        double[] x = a.data().data, o = out.data;
        for (int i = 0, n = a.size(); i < n; i++) {
            o[i] = Math.sin(x[i]);
        }
        return Tensor.result(out, "sin", (g, self, need) -> new Tensor[] {mul(g, cos(a))}, a);
    }

    /** {@code cos(a)}; derivative {@code -sin(a)}. */
    public static Tensor cos(Tensor a) {
        DMatrixRMaj out = like(a);
        double[] x = a.data().data, o = out.data;
        for (int i = 0, n = a.size(); i < n; i++) {
            o[i] = Math.cos(x[i]);
        }
        return Tensor.result(out, "cos", (g, self, need) -> new Tensor[] {neg(mul(g, sin(a)))}, a);
    }

    // ================================================================== indexing and assembling

    /**
     * Row gather (an embedding lookup): row {@code i} of the result is row {@code index[i]} of
     * {@code table}. The backward pass scatter-adds, so a row looked up twice gets both gradients.
     */
    public static Tensor gatherRows(Tensor table, int[] index) {
        int v = table.rows(), d = table.cols();
        int[] idx = index.clone();   // the backward rule must see the indices as they are now
        DMatrixRMaj out = Scratch.matrixToFill(idx.length, d);
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= v) {
                throw new IllegalArgumentException("gatherRows: index[" + i + "] = " + idx[i]
                        + " is outside the " + v + " rows of a " + table.shape() + " table");
            }
            System.arraycopy(table.data().data, idx[i] * d, out.data, i * d, d);
        }
        return Tensor.result(out, "gatherRows", new RowGather(idx, v), table);
    }

    /** Adds row {@code i} of {@code a} into row {@code index[i]} of a zero {@code rows}xN matrix (adjoint of {@link #gatherRows}). */
    public static Tensor scatterAddRows(Tensor a, int[] index, int rows) {
        if (index.length != a.rows()) {
            throw new IllegalArgumentException("scatterAddRows: " + index.length + " indices for " + a.shape());
        }
        int d = a.cols();
        int[] idx = index.clone();
        DMatrixRMaj out = Scratch.matrix(rows, d);
        double[] x = a.data().data, o = out.data;
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= rows) {
                throw new IllegalArgumentException("scatterAddRows: index[" + i + "] = " + idx[i]
                        + " is outside 0.." + (rows - 1));
            }
            int src = i * d, dst = idx[i] * d;
            for (int j = 0; j < d; j++) {
                o[dst + j] += x[src + j];
            }
        }
        return Tensor.result(out, "scatterAddRows", (g, self, need) -> new Tensor[] {gatherRows(g, idx)}, a);
    }

    /** Stacks tensors with equal column counts on top of each other. */
    public static Tensor concatRows(Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concatRows: expected at least one tensor");
        }
        int n = parts[0].cols(), m = 0;
        for (Tensor p : parts) {
            if (p.cols() != n) {
                throw new IllegalArgumentException("concatRows: every part needs " + n + " columns (from "
                        + parts[0].shape() + "), found " + p.shape());
            }
            m += p.rows();
        }
        DMatrixRMaj out = Scratch.matrixToFill(m, n);
        int[] offsets = new int[parts.length + 1];
        for (int k = 0; k < parts.length; k++) {
            System.arraycopy(parts[k].data().data, 0, out.data, offsets[k] * n, parts[k].size());
            offsets[k + 1] = offsets[k] + parts[k].rows();
        }
        return Tensor.result(out, "concatRows", (g, self, need) -> {
            Tensor[] grads = new Tensor[parts.length];
            for (int k = 0; k < parts.length; k++) {
                grads[k] = need[k] ? sliceRows(g, offsets[k], offsets[k + 1]) : null;
            }
            return grads;
        }, parts.clone());
    }

    /** Places tensors with equal row counts side by side. */
    public static Tensor concatCols(Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concatCols: expected at least one tensor");
        }
        int m = parts[0].rows(), n = 0;
        for (Tensor p : parts) {
            if (p.rows() != m) {
                throw new IllegalArgumentException("concatCols: every part needs " + m + " rows (from "
                        + parts[0].shape() + "), found " + p.shape());
            }
            n += p.cols();
        }
        DMatrixRMaj out = Scratch.matrixToFill(m, n);
        int[] offsets = new int[parts.length + 1];
        for (int k = 0; k < parts.length; k++) {
            int w = parts[k].cols();
            double[] x = parts[k].data().data;
            for (int i = 0; i < m; i++) {
                System.arraycopy(x, i * w, out.data, i * n + offsets[k], w);
            }
            offsets[k + 1] = offsets[k] + w;
        }
        return Tensor.result(out, "concatCols", (g, self, need) -> {
            Tensor[] grads = new Tensor[parts.length];
            for (int k = 0; k < parts.length; k++) {
                grads[k] = need[k] ? sliceCols(g, offsets[k], offsets[k + 1]) : null;
            }
            return grads;
        }, parts.clone());
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
    public static Tensor sliceRows(Tensor a, int from, int to) {
        if (from < 0 || to > a.rows() || from >= to) {
            throw new IllegalArgumentException("sliceRows: rows " + from + ".." + to + " (exclusive) do not fit "
                    + a.shape());
        }
        int n = a.cols(), total = a.rows();
        DMatrixRMaj out = Scratch.matrixToFill(to - from, n);
        System.arraycopy(a.data().data, from * n, out.data, 0, (to - from) * n);
        return Tensor.result(out, "sliceRows", (g, self, need) -> new Tensor[] {padRows(g, from, total)}, a);
    }

    /** Places {@code a} at row {@code from} of a zero matrix with {@code total} rows (adjoint of {@link #sliceRows}). */
    public static Tensor padRows(Tensor a, int from, int total) {
        if (from < 0 || from + a.rows() > total) {
            throw new IllegalArgumentException("padRows: " + a.shape() + " at row " + from + " does not fit "
                    + total + " rows");
        }
        DMatrixRMaj out = Scratch.matrix(total, a.cols());
        System.arraycopy(a.data().data, 0, out.data, from * a.cols(), a.size());
        int to = from + a.rows();
        return Tensor.result(out, "padRows", (g, self, need) -> new Tensor[] {sliceRows(g, from, to)}, a);
    }

    /** Columns {@code from} (inclusive) to {@code to} (exclusive). */
    public static Tensor sliceCols(Tensor a, int from, int to) {
        if (from < 0 || to > a.cols() || from >= to) {
            throw new IllegalArgumentException("sliceCols: columns " + from + ".." + to + " (exclusive) do not fit "
                    + a.shape());
        }
        int m = a.rows(), n = a.cols(), w = to - from;
        DMatrixRMaj out = Scratch.matrixToFill(m, w);
        for (int i = 0; i < m; i++) {
            System.arraycopy(a.data().data, i * n + from, out.data, i * w, w);
        }
        return Tensor.result(out, "sliceCols", (g, self, need) -> new Tensor[] {padCols(g, from, n)}, a);
    }

    /** Places {@code a} at column {@code from} of a zero matrix with {@code total} columns (adjoint of {@link #sliceCols}). */
    public static Tensor padCols(Tensor a, int from, int total) {
        if (from < 0 || from + a.cols() > total) {
            throw new IllegalArgumentException("padCols: " + a.shape() + " at column " + from + " does not fit "
                    + total + " columns");
        }
        int m = a.rows(), w = a.cols();
        DMatrixRMaj out = Scratch.matrix(m, total);
        for (int i = 0; i < m; i++) {
            System.arraycopy(a.data().data, i * w, out.data, i * total + from, w);
        }
        int to = from + w;
        return Tensor.result(out, "padCols", (g, self, need) -> new Tensor[] {sliceCols(g, from, to)}, a);
    }

    // ================================================================== fused losses and reductions

    /**
     * Mean squared error {@code mean((p - y)^2)} over all elements. Fused for speed;
     * its rule {@code d/dp = 2 (p - y) / n} is itself made of operations.
     */
    public static Tensor mse(Tensor p, Tensor y) {
        requireSameShape("mse", p, y);
        int n = p.size();
        double s = 0;
        double[] x = p.data().data, t = y.data().data;
        for (int i = 0; i < n; i++) {
            double d = x[i] - t[i];
            s += d * d;
        }
        DMatrixRMaj out = Scratch.matrixToFill(1, 1);
        out.data[0] = s / n;
        return Tensor.result(out, "mse", (g, self, need) -> {
            Tensor dp = scaleBy(sub(p, y), mulScalar(g, 2.0 / n));
            return new Tensor[] {dp, need[1] ? neg(dp) : null};
        }, p, y);
    }

    /**
     * Binary cross-entropy on logits {@code z} with targets {@code y} in [0, 1], the mean over all
     * elements of {@code max(z,0) - z y + log(1 + exp(-|z|))}: stable for any {@code z}.
     * Its rule: {@code d/dz = (sigmoid(z) - y) / n}, {@code d/dy = -z / n}.
     */
    public static Tensor bceWithLogits(Tensor z, Tensor y) {
        requireSameShape("bceWithLogits", z, y);
        int n = z.size();
        double s = 0;
        double[] x = z.data().data, t = y.data().data;
        for (int i = 0; i < n; i++) {
            s += Math.max(x[i], 0) - x[i] * t[i] + Math.log1p(Math.exp(-Math.abs(x[i])));
        }
        DMatrixRMaj out = Scratch.matrixToFill(1, 1);
        out.data[0] = s / n;
        return Tensor.result(out, "bceWithLogits", (g, self, need) -> {
            Tensor scale = mulScalar(g, 1.0 / n);
            return new Tensor[] {
                need[0] ? scaleBy(sub(sigmoid(z), y), scale) : null,
                need[1] ? scaleBy(neg(z), scale) : null};
        }, z, y);
    }

    /**
     * Row-wise log-sum-exp: MxN -> Mx1, {@code log sum_j exp(a_ij)}, computed stably by shifting
     * each row by its maximum. Its rule is the row-wise softmax, {@code exp(a - out)}.
     */
    public static Tensor logSumExpRows(Tensor a) {
        int m = a.rows(), n = a.cols();
        DMatrixRMaj out = Scratch.matrixToFill(m, 1);
        double[] x = a.data().data;
        for (int i = 0; i < m; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, x[i * n + j]);
            }
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += Math.exp(x[i * n + j] - max);
            }
            out.data[i] = max + Math.log(s);
        }
        return Tensor.result(out, "logSumExpRows", (g, self, need) -> new Tensor[] {
            mul(broadcastCols(g, n), exp(sub(a, broadcastCols(self, n))))}, a);
    }

    // ================================================================== helpers (not operations)

    /**
     * {@code s > 0 ? v : +0.0}, without a branch. Written as that conditional, the JIT emitted a
     * branch, which on values of random sign (a relu's input) is mispredicted half the time: 6x slower
     * on 400 such values. The bits of {@code s} read as a signed long lie in [1, bits of +infinity]
     * exactly when {@code s > 0} (not for -0.0, NaN or negative values).
     */
    private static double keepIfPositive(double v, double s) {
        long bits = Double.doubleToRawLongBits(s);
        long notPositive = ((bits - 1) | (0x7FF0000000000000L - bits)) >> 63;   // all ones or all zeros
        return Double.longBitsToDouble(Double.doubleToRawLongBits(v) & ~notPositive);
    }

    static double sigmoid(double x) {
        // Two branches so that exp never overflows.
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** A result the shape of {@code a}, for an elementwise operation, which writes every element. */
    private static DMatrixRMaj like(Tensor a) {
        return Scratch.matrixToFill(a.rows(), a.cols());
    }

    private static void requireSameShape(String op, Tensor a, Tensor b) {
        if (!a.sameShape(b)) {
            throw new IllegalArgumentException(op + ": shapes " + a.shape() + " and " + b.shape()
                    + " differ (expected equal shapes)");
        }
    }
}
