package org.metarec.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A backward pass without {@code createGraph} adds the rows of a lookup ({@link Ops#gatherRows}) straight into
 * the table's gradient ({@code Graph.addRows}) instead of running the lookup's rule (a zero table per lookup
 * summed with the others). The numbers must be the rule's to the bit: the pass with {@code createGraph}, which
 * always runs the rules, is the oracle. Cases: several lookups of one table with repeated rows (the one-row user
 * table of the cold-start models looks up row 0 for every rating), lookups before and after a dense use of the
 * table (then the rule runs), negative zeros in the upstream gradient, and a table that is itself computed.
 */
class LookupGradientTest {

    @ParameterizedTest(name = "seeds {0} to {0} + 49")
    @ValueSource(ints = {1000, 2000, 3000, 4000})
    void rowsAddedInPlaceEqualTheRuleToTheBit(int firstSeed) {
        for (int seed = firstSeed; seed < firstSeed + 50; seed++) {
            checkOneCase(seed);
        }
    }

    private static void checkOneCase(int seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int rows = 1 + rng.nextInt(6), cols = 1 + rng.nextInt(4);
        Tensor table = Tensor.variable(random(rows, cols, rng, false).data());
        boolean computed = rng.nextBoolean();      // the looked-up table is a result (an adapted table), not a leaf
        Tensor looked = computed ? Ops.mulScalar(table, 1.5) : table;
        int lookups = 1 + rng.nextInt(4);
        int denseAt = rng.nextBoolean() ? rng.nextInt(lookups + 1) : -1;  // where a dense use of the table goes
        List<Tensor> terms = new ArrayList<>();
        for (int l = 0; l <= lookups; l++) {
            if (l == denseAt) {
                terms.add(Ops.sum(Ops.mul(looked, random(rows, cols, rng, true))));
            }
            if (l < lookups) {
                int[] index = new int[1 + rng.nextInt(8)];
                for (int i = 0; i < index.length; i++) {
                    index[i] = rng.nextInt(rows);
                }
                // Weights with zeros and negative zeros: their products give -0.0 in the upstream gradient.
                terms.add(Ops.sum(Ops.mul(Ops.gatherRows(looked, index), random(index.length, cols, rng, true))));
            }
        }
        Tensor loss = terms.get(0);
        for (int i = 1; i < terms.size(); i++) {
            loss = Ops.add(loss, terms.get(i));
        }
        Tensor byRows = Autodiff.grad(loss, List.of(table), false).get(0);
        Tensor byRule = Autodiff.grad(loss, List.of(table), true).get(0);
        String where = "seed " + seed + ", table " + rows + "x" + cols + ", " + lookups + " lookups, dense use at "
                + denseAt + (computed ? ", computed table" : "");
        assertEquals(byRule.shape(), byRows.shape(), where);
        double[] want = byRule.toArray(), got = byRows.toArray();
        for (int i = 0; i < want.length; i++) {
            assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got[i]),
                    where + ", element " + i + ": expected " + want[i] + ", found " + got[i]);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {21, 22, 23})
    void theSecondPassOfALookupStillDifferentiates(int seed) {
        // With createGraph the rule runs and records: the gradient of sum(w * gather(T)^2) is 2 w T[index]
        // scattered, and its own gradient in T (a Hessian-vector product with v = 1) is 2 w scattered.
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor table = Tensor.variable(random(3, 2, rng, false).data());
        int[] index = {2, 0, 2};
        Tensor w = random(3, 2, rng, false);
        Tensor g = Autodiff.grad(Ops.sum(Ops.mul(w, Ops.mul(Ops.gatherRows(table, index), Ops.gatherRows(table, index)))), List.of(table), true)
                .get(0);
        Tensor h = Autodiff.grad(Ops.sum(g), List.of(table), false).get(0);
        double[] expected = new double[6];
        for (int i = 0; i < index.length; i++) {
            for (int j = 0; j < 2; j++) {
                expected[index[i] * 2 + j] += 2 * w.get(i, j);
            }
        }
        assertArrayEquals(expected, h.toArray(), 1e-12, "seed " + seed);
    }

    private static Tensor random(int rows, int cols, SplittableRandom rng, boolean signedZeros) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            int pick = signedZeros ? rng.nextInt(6) : 5;
            m.data[i] = pick == 0 ? 0.0 : pick == 1 ? -0.0 : 4 * rng.nextDouble() - 2;
        }
        return Tensor.constant(m);
    }
}
