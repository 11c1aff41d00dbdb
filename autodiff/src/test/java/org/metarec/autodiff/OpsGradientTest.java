package org.metarec.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.metarec.autodiff.check.GradCheck;
import org.metarec.autodiff.check.Property;
import org.metarec.autodiff.kernel.PoisonedScratch;
import org.metarec.autodiff.kernel.Scratch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation's first and second derivatives against finite differences, over seeded random
 * shapes (edge shapes 1x1, 1xN, Nx1 first) and values kept away from kinks and poles.
 */
class OpsGradientTest {

    /** An operation under test: how to draw its inputs for a case, and the function of them. */
    record OpSpec(String name, Function<Property.Case, List<Tensor>> inputs, Function<List<Tensor>, Tensor> f) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final int CASES = 10;
    private static final int MAX_DIM = 5;

    static Stream<Arguments> ops() {
        List<OpSpec> s = new ArrayList<>();
        // elementwise, two inputs
        s.add(new OpSpec("add", c -> two(c, -2, 2), x -> Ops.add(x.get(0), x.get(1))));
        s.add(new OpSpec("sub", c -> two(c, -2, 2), x -> Ops.sub(x.get(0), x.get(1))));
        s.add(new OpSpec("mul", c -> two(c, -2, 2), x -> Ops.mul(x.get(0), x.get(1))));
        s.add(new OpSpec("div", c -> List.of(c.matrix(c.rows(), c.cols(), -2, 2), c.awayFromZero(c.rows(), c.cols(), 0.5, 2)),
                x -> Ops.div(x.get(0), x.get(1))));
        // scalars
        s.add(new OpSpec("neg", c -> one(c, -2, 2), x -> Ops.neg(x.get(0))));
        s.add(new OpSpec("addScalar", c -> one(c, -2, 2), x -> Ops.addScalar(x.get(0), 0.7)));
        s.add(new OpSpec("mulScalar", c -> one(c, -2, 2), x -> Ops.mulScalar(x.get(0), -1.3)));
        s.add(new OpSpec("addScaled", c -> two(c, -2, 2), x -> Ops.addScaled(x.get(0), -0.7, x.get(1))));
        s.add(new OpSpec("scaleBy", c -> List.of(c.matrix(c.rows(), c.cols(), -2, 2), c.matrix(1, 1, -2, 2)),
                x -> Ops.scaleBy(x.get(0), x.get(1))));
        // products
        s.add(new OpSpec("matmul", c -> { int k = c.intIn(1, MAX_DIM);
                return List.of(c.matrix(c.rows(), k, -1, 1), c.matrix(k, c.cols(), -1, 1)); },
                x -> Ops.matmul(x.get(0), x.get(1))));
        s.add(new OpSpec("matmulNT", c -> { int k = c.intIn(1, MAX_DIM);
                return List.of(c.matrix(c.rows(), k, -1, 1), c.matrix(c.cols(), k, -1, 1)); },
                x -> Ops.matmulNT(x.get(0), x.get(1))));
        s.add(new OpSpec("matmulTN", c -> { int k = c.intIn(1, MAX_DIM);
                return List.of(c.matrix(k, c.rows(), -1, 1), c.matrix(k, c.cols(), -1, 1)); },
                x -> Ops.matmulTN(x.get(0), x.get(1))));
        s.add(new OpSpec("transpose", c -> one(c, -2, 2), x -> Ops.transpose(x.get(0))));
        // broadcasting and reductions
        s.add(new OpSpec("addRowVector", c -> List.of(c.matrix(c.rows(), c.cols(), -2, 2), c.matrix(1, c.cols(), -2, 2)),
                x -> Ops.addRowVector(x.get(0), x.get(1))));
        s.add(new OpSpec("sum", c -> one(c, -2, 2), x -> Ops.sum(x.get(0))));
        s.add(new OpSpec("expand", c -> List.of(c.matrix(1, 1, -2, 2)), x -> Ops.expand(x.get(0), 3, 2)));
        s.add(new OpSpec("sumRows", c -> one(c, -2, 2), x -> Ops.sumRows(x.get(0))));
        s.add(new OpSpec("broadcastRows", c -> List.of(c.matrix(1, c.cols(), -2, 2)), x -> Ops.broadcastRows(x.get(0), 3)));
        s.add(new OpSpec("sumCols", c -> one(c, -2, 2), x -> Ops.sumCols(x.get(0))));
        s.add(new OpSpec("broadcastCols", c -> List.of(c.matrix(c.rows(), 1, -2, 2)), x -> Ops.broadcastCols(x.get(0), 3)));
        s.add(new OpSpec("mean", c -> one(c, -2, 2), x -> Functions.mean(x.get(0))));
        // elementwise functions
        s.add(new OpSpec("exp", c -> one(c, -2, 2), x -> Ops.exp(x.get(0))));
        s.add(new OpSpec("log", c -> one(c, 0.3, 3), x -> Ops.log(x.get(0))));
        s.add(new OpSpec("sqrt", c -> one(c, 0.3, 3), x -> Ops.sqrt(x.get(0))));
        s.add(new OpSpec("pow 3", c -> one(c, -2, 2), x -> Ops.pow(x.get(0), 3)));
        s.add(new OpSpec("pow -1.5", c -> one(c, 0.5, 2), x -> Ops.pow(x.get(0), -1.5)));
        s.add(new OpSpec("pow 0.5", c -> one(c, 0.5, 2), x -> Ops.pow(x.get(0), 0.5)));
        s.add(new OpSpec("abs", c -> List.of(c.awayFromZero(c.rows(), c.cols(), 0.05, 2)), x -> Ops.abs(x.get(0))));
        s.add(new OpSpec("relu", c -> List.of(c.awayFromZero(c.rows(), c.cols(), 0.05, 2)), x -> Ops.relu(x.get(0))));
        s.add(new OpSpec("keepWherePositive (relu's rule)",
                c -> List.of(c.matrix(c.rows(), c.cols(), -2, 2), c.awayFromZero(c.rows(), c.cols(), 0.05, 2)),
                x -> Ops.keepWherePositive(x.get(0), x.get(1))));
        s.add(new OpSpec("sigmoid", c -> one(c, -4, 4), x -> Ops.sigmoid(x.get(0))));
        s.add(new OpSpec("tanh", c -> one(c, -3, 3), x -> Ops.tanh(x.get(0))));
        s.add(new OpSpec("softplus", c -> one(c, -4, 4), x -> Ops.softplus(x.get(0))));
        s.add(new OpSpec("sin", c -> one(c, -3, 3), x -> Ops.sin(x.get(0))));
        s.add(new OpSpec("cos", c -> one(c, -3, 3), x -> Ops.cos(x.get(0))));
        s.add(new OpSpec("square", c -> one(c, -2, 2), x -> Functions.square(x.get(0))));
        // indexing and assembling
        s.add(new OpSpec("gatherRows", c -> one(c, -2, 2), x -> Ops.gatherRows(x.get(0), indices(x.get(0).rows()))));
        s.add(new OpSpec("scatterAddRows", c -> one(c, -2, 2),
                x -> Ops.scatterAddRows(x.get(0), indicesInto(x.get(0).rows(), 3), 3)));
        s.add(new OpSpec("concatRows", c -> List.of(c.matrix(c.rows(), c.cols(), -2, 2), c.matrix(2, c.cols(), -2, 2)),
                x -> Ops.concatRows(x.get(0), x.get(1))));
        s.add(new OpSpec("concatCols", c -> List.of(c.matrix(c.rows(), c.cols(), -2, 2), c.matrix(c.rows(), 2, -2, 2)),
                x -> Ops.concatCols(x.get(0), x.get(1))));
        s.add(new OpSpec("sliceRows", c -> one(c, -2, 2),
                x -> Ops.sliceRows(x.get(0), x.get(0).rows() / 2, x.get(0).rows())));
        s.add(new OpSpec("sliceCols", c -> one(c, -2, 2),
                x -> Ops.sliceCols(x.get(0), x.get(0).cols() / 2, x.get(0).cols())));
        s.add(new OpSpec("padRows", c -> one(c, -2, 2), x -> Ops.padRows(x.get(0), 1, x.get(0).rows() + 2)));
        s.add(new OpSpec("padCols", c -> one(c, -2, 2), x -> Ops.padCols(x.get(0), 1, x.get(0).cols() + 2)));
        // losses
        s.add(new OpSpec("mse", c -> two(c, -2, 2), x -> Ops.mse(x.get(0), x.get(1))));
        s.add(new OpSpec("bceWithLogits", c -> List.of(c.matrix(c.rows(), c.cols(), -4, 4), c.matrix(c.rows(), c.cols(), 0, 1)),
                x -> Ops.bceWithLogits(x.get(0), x.get(1))));
        s.add(new OpSpec("logSumExpRows", c -> one(c, -3, 3), x -> Ops.logSumExpRows(x.get(0))));
        s.add(new OpSpec("softmaxRows", c -> one(c, -3, 3), x -> Functions.softmaxRows(x.get(0))));
        s.add(new OpSpec("softmaxCrossEntropy", c -> List.of(c.matrix(c.rows(), c.cols(), -3, 3), c.matrix(c.rows(), c.cols(), 0, 1)),
                x -> Functions.softmaxCrossEntropy(x.get(0), x.get(1))));
        s.add(new OpSpec("l2Penalty", c -> two(c, -2, 2), x -> Functions.l2Penalty(0.3, x)));
        return s.stream().map(spec -> Arguments.of(spec.name(), spec));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void firstDerivativeMatchesFiniteDifferences(String name, OpSpec op) {
        Property.forAll(name + ": first derivative", 11L, CASES, MAX_DIM,
                c -> GradCheck.check(op.f(), op.inputs().apply(c)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void secondDerivativeMatchesFiniteDifferencesOfTheGradient(String name, OpSpec op) {
        Property.forAll(name + ": second derivative", 12L, CASES, MAX_DIM,
                c -> GradCheck.checkSecondOrder(op.f(), op.inputs().apply(c)));
    }

    /**
     * Inside a {@link Scratch} scope, an operation's result may come in memory that held another
     * computation's numbers ({@link Scratch#matrixToFill}): its value, gradient and second-order
     * gradient must still be those computed outside any scope, to the bit, when every matrix the pool
     * hands out holds NaN.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void sameBitsInAScopeWhosePoolHoldsNaN(String name, OpSpec op) {
        Property.forAll(name + ": in a poisoned scope", 13L, CASES, MAX_DIM, c -> {
            List<Tensor> inputs = op.inputs().apply(c);
            double[] want = valueAndDerivatives(op, inputs);
            PoisonedScratch.poison(true);
            try {
                for (int pass = 0; pass < 2; pass++) {          // the first fills the pool, then NaN
                    try (Scratch scope = Scratch.open()) {
                        double[] got = valueAndDerivatives(op, inputs);
                        if (pass == 1) {
                            assertArrayEquals(want, got, name);
                        }
                    }
                }
            } finally {
                PoisonedScratch.poison(false);
            }
        });
    }

    /**
     * The op's value, the gradient of a fixed weighting of it, and the gradient of that gradient's
     * squared norm, with respect to every input, flattened (copied out of any scope).
     */
    private static double[] valueAndDerivatives(OpSpec op, List<Tensor> inputs) {
        List<Tensor> x = new ArrayList<>();
        for (Tensor t : inputs) {
            x.add(Tensor.variable(t.data().copy()));
        }
        Tensor y = op.f().apply(x);
        double[] w = new double[y.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.5 + 0.25 * (i % 3);
        }
        Tensor weighted = Ops.sum(Ops.mul(y, Tensor.constant(DMatrixRMaj.wrap(y.rows(), y.cols(), w))));
        List<Tensor> g = Autodiff.grad(weighted, x, true, true);
        Tensor norm = null;
        for (Tensor gk : g) {
            Tensor term = Ops.sum(Ops.mul(gk, gk));
            norm = norm == null ? term : Ops.add(norm, term);
        }
        List<Tensor> h = Autodiff.grad(norm, x, false, true);
        List<Double> out = new ArrayList<>();
        for (double v : y.toArray()) {
            out.add(v);
        }
        for (List<Tensor> ts : List.of(g, h)) {
            for (Tensor t : ts) {
                for (double v : t.toArray()) {
                    out.add(v);
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<Tensor> one(Property.Case c, double lo, double hi) {
        return List.of(c.matrix(c.rows(), c.cols(), lo, hi));
    }

    private static List<Tensor> two(Property.Case c, double lo, double hi) {
        return List.of(c.matrix(c.rows(), c.cols(), lo, hi), c.matrix(c.rows(), c.cols(), lo, hi));
    }

    /** Indices into {@code rows} rows, with a repeat so that the scatter-add is exercised. */
    private static int[] indices(int rows) {
        int[] idx = new int[rows + 1];
        for (int i = 0; i < rows; i++) {
            idx[i] = rows - 1 - i;
        }
        idx[rows] = 0;
        return idx;
    }

    /** For each of {@code n} rows, a target row among {@code into}, with collisions. */
    private static int[] indicesInto(int n, int into) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = (i * 2) % into;
        }
        return idx;
    }
}
