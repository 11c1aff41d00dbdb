package org.metarec.autodiff.kernel;

import org.ejml.data.DMatrixRMaj;

/**
 * The three matrix products the engine needs, {@code A B}, {@code A B^T} and {@code A^T B}.
 *
 * <p>Why not EJML's {@code CommonOps_DDRM.mult}: the products in meta-learning are small (10x40
 * times 40x40 for the MAML sinusoid network) and EJML's loops leave most of the CPU idle at that size.
 * Two kernels are here:
 * <ul>
 *   <li>{@link VectorMatMul}, with SIMD instructions through the Vector API, when the JVM has the
 *       module ({@link VectorSupport}); 4-5x faster than the scalar kernel on this project's shapes;</li>
 *   <li>a scalar register-blocked kernel: a 2x8 block of the result in 16 local accumulators, which
 *       the JIT keeps in registers, so each element of {@code A} and {@code B} loaded from memory is
 *       used 8 or 2 times. It runs without the module, and for the columns the SIMD kernel leaves.</li>
 * </ul>
 *
 * <p>Every element of the result is {@code sum_p A(i,p) B(p,j)} added in increasing {@code p},
 * starting from 0, with a separate multiply and add, so the result is deterministic to the bit and
 * independent of the blocking and of the kernel ({@code MatMulTest} checks both against the triple loop).
 */
public final class MatMul {

    private MatMul() {}

    /** {@code A B} for an MxK {@code a} and a KxN {@code b}. */
    public static DMatrixRMaj times(DMatrixRMaj a, DMatrixRMaj b) {
        return times(a, b, VectorSupport.enabled());
    }

    /** {@code A B^T} for an MxK {@code a} and an NxK {@code b}. */
    public static DMatrixRMaj timesTransposed(DMatrixRMaj a, DMatrixRMaj b) {
        return timesTransposed(a, b, VectorSupport.enabled());
    }

    /** {@code A^T B} for a KxM {@code a} and a KxN {@code b}. */
    public static DMatrixRMaj transposedTimes(DMatrixRMaj a, DMatrixRMaj b) {
        return transposedTimes(a, b, VectorSupport.enabled());
    }

    /** {@link #times(DMatrixRMaj, DMatrixRMaj)} on the chosen kernel (tests compare the two). */
    static DMatrixRMaj times(DMatrixRMaj a, DMatrixRMaj b, boolean simd) {
        int m = a.numRows, k = a.numCols, n = b.numCols;
        DMatrixRMaj c = Scratch.matrixToFill(m, n);
        rowMajorB(a.data, k, 1, b.data, c.data, m, k, n, simd);
        return c;
    }

    /** {@link #timesTransposed(DMatrixRMaj, DMatrixRMaj)} on the chosen kernel. */
    static DMatrixRMaj timesTransposed(DMatrixRMaj a, DMatrixRMaj b, boolean simd) {
        int m = a.numRows, k = a.numCols, n = b.numRows;
        DMatrixRMaj c = Scratch.matrixToFill(m, n);
        if (simd && n >= VectorMatMul.lanes()) {
            // The SIMD kernel reads B(p, j..j+lanes) as one vector, so it wants B^T laid out row-major:
            // one transposing copy (k n values) against m k n multiply-adds, into a per-thread buffer:
            // a fresh array each time was 18% of the bytes a sinusoid MAML task allocates, and
            // allocation is what limits the speed-up from a second thread.
            rowMajorB(a.data, k, 1, transposeInto(b, TransposeBuffer.get(k * n)), c.data, m, k, n, true);
        } else {
            product(a.data, k, 1, b.data, 1, k, c.data, m, k, n, 0);
        }
        return c;
    }

    /** {@link #transposedTimes(DMatrixRMaj, DMatrixRMaj)} on the chosen kernel. */
    static DMatrixRMaj transposedTimes(DMatrixRMaj a, DMatrixRMaj b, boolean simd) {
        int m = a.numCols, k = a.numRows, n = b.numCols;
        DMatrixRMaj c = Scratch.matrixToFill(m, n);
        rowMajorB(a.data, 1, m, b.data, c.data, m, k, n, simd);
        return c;
    }

    /** {@code C = A B} for a row-major KxN {@code b}: SIMD for whole vectors of columns, scalar after. */
    private static void rowMajorB(double[] a, int ai, int ap, double[] b, double[] c,
                                  int m, int k, int n, boolean simd) {
        int done = simd ? VectorMatMul.product(a, ai, ap, b, c, m, k, n) : 0;
        if (done < n) {
            product(a, ai, ap, b, n, 1, c, m, k, n, done);
        }
    }

    /** A per-thread buffer for the transposed copy; it only grows. */
    private static final class TransposeBuffer {
        private static final ThreadLocal<double[][]> BUFFER = ThreadLocal.withInitial(() -> new double[1][0]);

        static double[] get(int size) {
            double[][] holder = BUFFER.get();
            if (holder[0].length < size) {
                holder[0] = new double[Math.max(size, 2 * holder[0].length)];
            }
            return holder[0];
        }
    }

    /** Writes the transpose of the NxK {@code b} into {@code out} as a row-major KxN array. */
    private static double[] transposeInto(DMatrixRMaj b, double[] out) {
        int rows = b.numRows, cols = b.numCols;
        double[] d = b.data;
        for (int r = 0; r < rows; r++) {
            int from = r * cols;
            for (int q = 0; q < cols; q++) {
                out[q * rows + r] = d[from + q];
            }
        }
        return out;
    }

    /**
     * {@code c[i n + j] = sum_{p<k} a[i ai + p ap] * b[p bp + j bj]} for an MxN row-major {@code c}:
     * the strides say how {@code A(i,p)} and {@code B(p,j)} are laid out, so one kernel serves all
     * three products. Rows are taken two at a time and columns eight at a time, from column
     * {@code j0} on (the SIMD kernel has done the ones before).
     */
    private static void product(double[] a, int ai, int ap, double[] b, int bp, int bj,
                                double[] c, int m, int k, int n, int j0) {
        int i = 0;
        for (; i + 1 < m; i += 2) {
            int a0 = i * ai;
            int a1 = a0 + ai;
            int c0 = i * n;
            int c1 = c0 + n;
            int j = j0;
            for (; j + 7 < n; j += 8) {
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
                double t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, t6 = 0, t7 = 0;
                for (int p = 0, q = j * bj; p < k; p++, q += bp) {
                    double x = a[a0 + p * ap];
                    double y = a[a1 + p * ap];
                    double b0 = b[q];
                    double b1 = b[q + bj];
                    double b2 = b[q + 2 * bj];
                    double b3 = b[q + 3 * bj];
                    double b4 = b[q + 4 * bj];
                    double b5 = b[q + 5 * bj];
                    double b6 = b[q + 6 * bj];
                    double b7 = b[q + 7 * bj];
                    s0 += x * b0; s1 += x * b1; s2 += x * b2; s3 += x * b3;
                    s4 += x * b4; s5 += x * b5; s6 += x * b6; s7 += x * b7;
                    t0 += y * b0; t1 += y * b1; t2 += y * b2; t3 += y * b3;
                    t4 += y * b4; t5 += y * b5; t6 += y * b6; t7 += y * b7;
                }
                int r = c0 + j;
                c[r] = s0; c[r + 1] = s1; c[r + 2] = s2; c[r + 3] = s3;
                c[r + 4] = s4; c[r + 5] = s5; c[r + 6] = s6; c[r + 7] = s7;
                r = c1 + j;
                c[r] = t0; c[r + 1] = t1; c[r + 2] = t2; c[r + 3] = t3;
                c[r + 4] = t4; c[r + 5] = t5; c[r + 6] = t6; c[r + 7] = t7;
            }
            for (; j < n; j++) {
                double s = 0, t = 0;
                for (int p = 0, q = j * bj; p < k; p++, q += bp) {
                    double v = b[q];
                    s += a[a0 + p * ap] * v;
                    t += a[a1 + p * ap] * v;
                }
                c[c0 + j] = s;
                c[c1 + j] = t;
            }
        }
        if (i < m) {                       // the last row when M is odd
            int a0 = i * ai;
            int c0 = i * n;
            int j = j0;
            for (; j + 7 < n; j += 8) {
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
                for (int p = 0, q = j * bj; p < k; p++, q += bp) {
                    double x = a[a0 + p * ap];
                    s0 += x * b[q];
                    s1 += x * b[q + bj];
                    s2 += x * b[q + 2 * bj];
                    s3 += x * b[q + 3 * bj];
                    s4 += x * b[q + 4 * bj];
                    s5 += x * b[q + 5 * bj];
                    s6 += x * b[q + 6 * bj];
                    s7 += x * b[q + 7 * bj];
                }
                int r = c0 + j;
                c[r] = s0; c[r + 1] = s1; c[r + 2] = s2; c[r + 3] = s3;
                c[r + 4] = s4; c[r + 5] = s5; c[r + 6] = s6; c[r + 7] = s7;
            }
            for (; j < n; j++) {
                double s = 0;
                for (int p = 0, q = j * bj; p < k; p++, q += bp) {
                    s += a[a0 + p * ap] * b[q];
                }
                c[c0 + j] = s;
            }
        }
    }
}
