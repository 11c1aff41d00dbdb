package org.metarec.autodiff.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both product kernels, SIMD and scalar, against the textbook triple loop. All three add the terms of
 * each element in increasing order from 0, with a separate multiply and add, so they must agree to the
 * bit, over shapes that exercise every edge of the blockings: the scalar 2x8 (odd rows, fewer than 8
 * columns, 8k+r columns, K = 1) and the SIMD 4 rows x 2 vectors (4k+r rows, one vector left, columns
 * left over after the last vector).
 */
class MatMulTest {

    private static final int[] SIZES = {1, 2, 3, 4, 5, 8, 9, 16, 17, 33, 40};

    @Test
    void theBuildRunsTheSimdKernel() {
        // The surefire argLine adds jdk.incubator.vector; without it this suite would test one kernel only.
        assertTrue(VectorSupport.enabled(), "SIMD kernel not in use: " + VectorSupport.describe());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 2L, 3L})
    void allThreeProductsEqualTheTripleLoopToTheBit(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int m : SIZES) {
            for (int k : SIZES) {
                for (int n : SIZES) {
                    DMatrixRMaj a = random(m, k, rng);
                    DMatrixRMaj b = random(k, n, rng);
                    DMatrixRMaj want = naive(a, b);
                    String where = "seed " + seed + ", " + m + "x" + k + " times " + k + "x" + n;
                    for (boolean simd : new boolean[] {true, false}) {
                        String how = (simd ? "SIMD" : "scalar") + ", " + where;
                        assertBitEqual(want, MatMul.times(a, b, simd), "A B, " + how);
                        assertBitEqual(want, MatMul.timesTransposed(a, transpose(b), simd),
                                "A (B^T)^T, " + how);
                        assertBitEqual(want, MatMul.transposedTimes(transpose(a), b, simd),
                                "(A^T)^T B, " + how);
                    }
                }
            }
        }
    }

    private static DMatrixRMaj naive(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
        for (int i = 0; i < a.numRows; i++) {
            for (int j = 0; j < b.numCols; j++) {
                double s = 0;
                for (int p = 0; p < a.numCols; p++) {
                    s += a.get(i, p) * b.get(p, j);
                }
                c.set(i, j, s);
            }
        }
        return c;
    }

    private static DMatrixRMaj transpose(DMatrixRMaj a) {
        DMatrixRMaj t = new DMatrixRMaj(a.numCols, a.numRows);
        for (int i = 0; i < a.numRows; i++) {
            for (int j = 0; j < a.numCols; j++) {
                t.set(j, i, a.get(i, j));
            }
        }
        return t;
    }

    private static DMatrixRMaj random(int rows, int cols, SplittableRandom rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            m.data[i] = 2 * rng.nextDouble() - 1;
        }
        return m;
    }

    private static void assertBitEqual(DMatrixRMaj want, DMatrixRMaj got, String where) {
        assertEquals(want.numRows, got.numRows, where + ": rows");
        assertEquals(want.numCols, got.numCols, where + ": columns");
        for (int e = 0; e < want.numRows * want.numCols; e++) {
            assertEquals(Double.doubleToLongBits(want.data[e]), Double.doubleToLongBits(got.data[e]),
                    where + ": element " + e + " is " + got.data[e] + ", expected " + want.data[e]);
        }
    }
}
