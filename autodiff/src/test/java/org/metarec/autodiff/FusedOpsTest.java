package org.metarec.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The fused operations give the same numbers as the compositions they replace:
 * {@code addScaled(a, c, b)} equals {@code sub(a, mulScalar(b, -c))} to the bit; the branch-free relu
 * equals {@code a > 0 ? a : 0} to the bit, including at -0.0, infinities and NaN; relu's one-pass rule
 * {@code keepWherePositive(g, a)} equals {@code g} times a 0/1 mask in value (it writes +0.0 where the
 * product may give -0.0).
 */
class FusedOpsTest {

    private static final double[] SPECIAL = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.0};

    @Test
    void addScaledEqualsSubOfMulScalarToTheBit() {
        SplittableRandom rng = new SplittableRandom(31);
        for (int trial = 0; trial < 20; trial++) {
            Tensor a = random(3, 4, rng);
            Tensor b = random(3, 4, rng);
            double c = 4 * rng.nextDouble() - 2;
            assertBitEqual(Ops.sub(a, Ops.mulScalar(b, -c)), Ops.addScaled(a, c, b), "seed 31, trial " + trial);
        }
    }

    @Test
    void reluAndItsRuleEqualTheMaskFormulasIncludingSpecialValues() {
        SplittableRandom rng = new SplittableRandom(32);
        for (int trial = 0; trial < 20; trial++) {
            DMatrixRMaj x = random(1, SPECIAL.length + 8, rng).data().copy();
            System.arraycopy(SPECIAL, 0, x.data, 0, SPECIAL.length);
            Tensor a = Tensor.constant(x);
            Tensor g = random(1, x.numCols, rng);
            DMatrixRMaj relu = new DMatrixRMaj(1, x.numCols);
            DMatrixRMaj mask = new DMatrixRMaj(1, x.numCols);
            for (int i = 0; i < x.numCols; i++) {
                relu.data[i] = x.data[i] > 0 ? x.data[i] : 0.0;
                mask.data[i] = x.data[i] > 0 ? 1.0 : 0.0;
            }
            String where = "seed 32, trial " + trial;
            assertBitEqual(Tensor.constant(relu), Ops.relu(a), "relu, " + where);
            double[] want = Ops.mul(g, Tensor.constant(mask)).toArray();
            double[] got = Ops.keepWherePositive(g, a).toArray();
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 0.0, "relu's rule, " + where + ", element " + i);
            }
        }
    }

    private static Tensor random(int rows, int cols, SplittableRandom rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            m.data[i] = 4 * rng.nextDouble() - 2;
        }
        return Tensor.constant(m);
    }

    private static void assertBitEqual(Tensor want, Tensor got, String where) {
        assertEquals(want.shape(), got.shape(), where);
        double[] w = want.toArray();
        double[] o = got.toArray();
        for (int i = 0; i < w.length; i++) {
            assertEquals(Double.doubleToLongBits(w[i]), Double.doubleToLongBits(o[i]),
                    where + ": element " + i + " is " + o[i] + ", expected " + w[i]);
        }
    }
}
