package org.metarec.autodiff.check;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Property tests without a framework: a body run over seeded random cases of matrix shapes.
 *
 * <p>The first cases are the edge shapes 1x1, 1xN and Nx1, then random shapes up to a maximum
 * size. When a case fails, it is retried with the same random stream on smaller shapes (halving
 * rows, then columns) and the smallest shape that still fails is reported, together with the seed
 * and case number, so that the failure can be replayed exactly:
 *
 * <pre>{@code
 * Property.forAll("exp matches its derivative", 42L, 30, 6, c -> {
 *     Tensor x = c.matrix(c.rows(), c.cols(), -2, 2);
 *     GradCheck.check(in -> in.get(0).exp(), List.of(x));
 * });
 * }</pre>
 */
public final class Property {

    /** The body of a property, run once per case. */
    @FunctionalInterface
    public interface Body {
        /** Runs the property on one case; throws (any exception or error) to fail. */
        void run(Case c) throws Exception;
    }

    private Property() {}

    /**
     * Runs {@code body} on {@code cases} cases (at least the three edge shapes).
     *
     * @param name what the property states, used in failure messages
     * @param seed fixes every case
     * @param cases number of cases
     * @param maxDim largest number of rows or columns of a random shape
     * @throws AssertionError naming the seed, case and smallest failing shape
     */
    public static void forAll(String name, long seed, int cases, int maxDim, Body body) {
        List<int[]> shapes = shapes(seed, cases, maxDim);
        for (int i = 0; i < shapes.size(); i++) {
            int[] shape = shapes.get(i);
            long caseSeed = seed * 1_000_003L + i;
            Throwable failure = attempt(body, new Case(caseSeed, i, shape[0], shape[1]));
            if (failure != null) {
                int[] smallest = shape.clone();
                Throwable smallestFailure = failure;
                boolean shrunk = true;
                while (shrunk) {
                    shrunk = false;
                    for (int[] smaller : List.of(new int[] {(smallest[0] + 1) / 2, smallest[1]},
                                                 new int[] {smallest[0], (smallest[1] + 1) / 2})) {
                        if (smaller[0] == smallest[0] && smaller[1] == smallest[1]) {
                            continue;
                        }
                        Throwable t = attempt(body, new Case(caseSeed, i, smaller[0], smaller[1]));
                        if (t != null) {
                            smallest = smaller;
                            smallestFailure = t;
                            shrunk = true;
                            break;
                        }
                    }
                }
                AssertionError e = new AssertionError("property '" + name + "' failed: seed " + seed + ", case " + i
                        + ", shape " + shape[0] + "x" + shape[1] + "; smallest failing shape "
                        + smallest[0] + "x" + smallest[1] + ": " + smallestFailure, smallestFailure);
                throw e;
            }
        }
    }

    private static Throwable attempt(Body body, Case c) {
        try {
            body.run(c);
            return null;
        } catch (Exception | AssertionError e) {
            return e;
        }
    }

    /** The edge shapes first (1x1, 1xN, Nx1, NxN), then random ones. */
    static List<int[]> shapes(long seed, int cases, int maxDim) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = Math.max(2, maxDim);
        List<int[]> shapes = new ArrayList<>();
        shapes.add(new int[] {1, 1});
        shapes.add(new int[] {1, n});
        shapes.add(new int[] {n, 1});
        shapes.add(new int[] {n, n});
        while (shapes.size() < cases) {
            shapes.add(new int[] {1 + rng.nextInt(n), 1 + rng.nextInt(n)});
        }
        return shapes;
    }

    /** One case: a shape and a random stream that is the same every time the case is replayed. */
    public static final class Case {
        private final long seed;
        private final int index;
        private final int rows;
        private final int cols;
        private final SplittableRandom rng;

        Case(long seed, int index, int rows, int cols) {
            this.seed = seed;
            this.index = index;
            this.rows = rows;
            this.cols = cols;
            this.rng = new SplittableRandom(seed);
        }

        /** Rows of this case's shape. */
        public int rows() {
            return rows;
        }

        /** Columns of this case's shape. */
        public int cols() {
            return cols;
        }

        /** The case's own seed (derived from the property's seed and the case number). */
        public long seed() {
            return seed;
        }

        /** The case number. */
        public int index() {
            return index;
        }

        /** The case's random stream. */
        public SplittableRandom rng() {
            return rng;
        }

        /** A uniform integer in [lo, hi]. */
        public int intIn(int lo, int hi) {
            return lo + rng.nextInt(hi - lo + 1);
        }

        /** A constant with entries uniform in [lo, hi). */
        public org.metarec.autodiff.Tensor matrix(int r, int c, double lo, double hi) {
            double[][] a = new double[r][c];
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    a[i][j] = lo + (hi - lo) * rng.nextDouble();
                }
            }
            return org.metarec.autodiff.Tensor.of(a);
        }

        /**
         * A constant with entries of magnitude in [margin, max] and random sign: away from the kinks of
         * relu and abs at 0 by at least {@code margin}.
         */
        public org.metarec.autodiff.Tensor awayFromZero(int r, int c, double margin, double max) {
            double[][] a = new double[r][c];
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    double mag = margin + (max - margin) * rng.nextDouble();
                    a[i][j] = rng.nextBoolean() ? mag : -mag;
                }
            }
            return org.metarec.autodiff.Tensor.of(a);
        }

        @Override
        public String toString() {
            return "case " + index + " (seed " + seed + ", " + rows + "x" + cols + ")";
        }
    }
}
