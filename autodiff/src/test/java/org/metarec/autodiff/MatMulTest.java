package org.metarec.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The blocked product kernel against the textbook triple loop. Both add the terms of each element
 * in increasing order from 0, so they must agree to the bit, over shapes that exercise every edge of
 * the 2x8 blocking (odd rows, fewer than 8 columns, 8k+r columns, K = 1).
 */
class MatMulTest {

    private static final int[] SIZES = {1, 2, 3, 8, 9, 17, 40};

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
                    assertBitEqual(want, MatMul.times(a, b), "A B, " + where);
                    assertBitEqual(want, MatMul.timesTransposed(a, transpose(b)), "A (B^T)^T, " + where);
                    assertBitEqual(want, MatMul.transposedTimes(transpose(a), b), "(A^T)^T B, " + where);
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
