package org.metarec.autodiff.check;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.Tensor;

/**
 * Checks analytic derivatives against finite differences, in float64; for your own operations
 * as much as for ours.
 *
 * <p>First order: for a function {@code y = f(x_1, ..., x_k)} of any output shape, a random
 * seeded direction {@code v} turns it into the scalar {@code s(x) = <v, f(x)>}, whose gradient is
 * the vector-Jacobian product {@code J^T v} that reverse mode computes. Each entry of it is compared
 * with a central difference of {@code s}, using the five-point stencil
 * {@code (s(x-2h) - 8 s(x-h) + 8 s(x+h) - s(x+2h)) / 12h}, whose error is of order {@code h^4}.
 * Inputs with more than {@link Options#maxEntries} elements are instead checked along random
 * directions {@code u}: {@code <u, J^T v>} against the directional difference of {@code s}, that is
 * {@code <J u, v>}.
 *
 * <p>Second order is a first-order check of the function {@code x -> J(x)^T v}, computed by
 * {@link Autodiff#vjp} with a recorded graph: finite differences of an exact gradient, never
 * second differences of the function (as PyTorch's {@code gradgradcheck} does). Repeating the
 * construction checks any order.
 *
 * <p>A failure throws {@link GradCheckException} naming the input, the index of the worst entry,
 * the analytic and the numeric value.
 */
public final class GradCheck {

    /**
     * Settings of a check.
     *
     * @param step the finite-difference step h
     * @param atol absolute tolerance
     * @param rtol relative tolerance: an entry passes when {@code |analytic - numeric| <= atol + rtol |numeric|}
     * @param maxEntries inputs larger than this are checked along random directions instead of entry by entry
     * @param projections number of random directions for large inputs
     * @param seed seed of the random directions
     */
    public record Options(double step, double atol, double rtol, int maxEntries, int projections, long seed) {
        /** Validates the settings. */
        public Options {
            if (!(step > 0) || !(atol >= 0) || !(rtol >= 0) || maxEntries < 0 || projections < 1) {
                throw new IllegalArgumentException("GradCheck.Options: expected step > 0, atol >= 0, rtol >= 0, "
                        + "maxEntries >= 0, projections >= 1; found " + this);
            }
        }

        /** h = 1e-4, atol = 1e-6, rtol = 1e-5, entry by entry up to 400 elements, 4 projections beyond. */
        public static Options defaults() {
            return new Options(1e-4, 1e-6, 1e-5, 400, 4, 20240601L);
        }

        /** These options with another seed for the random directions. */
        public Options withSeed(long newSeed) {
            return new Options(step, atol, rtol, maxEntries, projections, newSeed);
        }

        /** These options with other tolerances. */
        public Options withTolerance(double newAtol, double newRtol) {
            return new Options(step, newAtol, newRtol, maxEntries, projections, seed);
        }
    }

    private GradCheck() {}

    /** Checks the first derivatives of {@code f} at {@code inputs} with default options. */
    public static void check(Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
        check(f, inputs, Options.defaults());
    }

    /**
     * Checks the first derivatives of {@code f} with respect to every input.
     *
     * @param f the function; it must compute with tensor operations only. Called many times.
     * @param inputs the point at which to check; their values are used, their history ignored. Not modified.
     * @throws GradCheckException when an entry is outside the tolerance
     */
    public static void check(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, Options options) {
        checkAll(x -> List.of(f.apply(x)), inputs, options, "first order");
    }

    /** Checks the second derivatives of {@code f} at {@code inputs} with default options. */
    public static void checkSecondOrder(Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
        checkSecondOrder(f, inputs, Options.defaults());
    }

    /**
     * Checks the second derivatives of {@code f}: a first-order check of {@code x -> J(x)^T v}
     * for a random direction {@code v}, the vector-Jacobian product being computed with a graph.
     */
    public static void checkSecondOrder(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, Options options) {
        checkAll(vjpFunction(f, inputs, options.seed() ^ 0x5DEECE66DL), inputs, options, "second order");
    }

    /**
     * Checks the third derivatives of {@code f}: the second-order check applied to
     * {@code x -> J(x)^T v}.
     */
    public static void checkThirdOrder(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, Options options) {
        Function<List<Tensor>, List<Tensor>> first = vjpFunction(f, inputs, options.seed() ^ 0x5DEECE66DL);
        Function<List<Tensor>, List<Tensor>> second = vjpOfAll(first, inputs, options.seed() ^ 0xB5AD4ECEDA1CE2A9L);
        checkAll(second, inputs, options, "third order");
    }

    /** {@code x -> J_f(x)^T v} with {@code v} fixed by the seed, recorded so it can be differentiated. */
    private static Function<List<Tensor>, List<Tensor>> vjpFunction(Function<List<Tensor>, Tensor> f,
                                                                    List<Tensor> at, long seed) {
        return vjpOfAll(x -> List.of(f.apply(x)), at, seed);
    }

    private static Function<List<Tensor>, List<Tensor>> vjpOfAll(Function<List<Tensor>, List<Tensor>> f,
                                                                 List<Tensor> at, long seed) {
        List<Tensor> shapes = evaluate(f, at);
        List<Tensor> v = randomLike(shapes, new SplittableRandom(seed));
        return x -> {
            List<Tensor> y = f.apply(x);
            Tensor s = innerProduct(y, v);
            List<Tensor> g = s.requiresGrad()
                    ? Autodiff.grad(s, x, true, true)
                    : zerosLike(x);
            return g;
        };
    }

    private static void checkAll(Function<List<Tensor>, List<Tensor>> f, List<Tensor> inputs,
                                 Options options, String order) {
        SplittableRandom rng = new SplittableRandom(options.seed());
        List<Tensor> x = new ArrayList<>();
        for (Tensor in : inputs) {
            x.add(Tensor.variable(in.data().copy()));
        }
        List<Tensor> y = f.apply(x);
        List<Tensor> v = randomLike(y, rng);
        Tensor s = innerProduct(y, v);
        List<Tensor> analytic = s.requiresGrad()
                ? Autodiff.grad(s, x, false, true)
                : zerosLike(x);

        Worst worst = new Worst(order);
        for (int k = 0; k < x.size(); k++) {
            Tensor xk = x.get(k);
            double[] a = analytic.get(k).data().data;
            if (xk.size() <= options.maxEntries()) {
                for (int e = 0; e < xk.size(); e++) {
                    double numeric = directional(f, x, v, k, unit(xk, e), options.step());
                    worst.offer(k, xk, "entry (" + e / xk.cols() + "," + e % xk.cols() + ")", a[e], numeric, options);
                }
            } else {
                for (int p = 0; p < options.projections(); p++) {
                    DMatrixRMaj u = randomMatrix(xk.rows(), xk.cols(), rng);
                    double au = 0;
                    for (int e = 0; e < xk.size(); e++) {
                        au += a[e] * u.data[e];
                    }
                    double numeric = directional(f, x, v, k, u, options.step());
                    worst.offer(k, xk, "random direction " + p, au, numeric, options);
                }
            }
        }
        worst.throwIfFailed();
    }

    /** d/dt <v, f(x + t u e_k)> at t = 0 by the five-point central difference. */
    private static double directional(Function<List<Tensor>, List<Tensor>> f, List<Tensor> x, List<Tensor> v,
                                      int k, DMatrixRMaj u, double h) {
        double m2 = shifted(f, x, v, k, u, -2 * h);
        double m1 = shifted(f, x, v, k, u, -h);
        double p1 = shifted(f, x, v, k, u, h);
        double p2 = shifted(f, x, v, k, u, 2 * h);
        return (m2 - 8 * m1 + 8 * p1 - p2) / (12 * h);
    }

    private static double shifted(Function<List<Tensor>, List<Tensor>> f, List<Tensor> x, List<Tensor> v,
                                  int k, DMatrixRMaj u, double t) {
        List<Tensor> moved = new ArrayList<>(x);
        DMatrixRMaj m = x.get(k).data().copy();
        for (int e = 0; e < m.numRows * m.numCols; e++) {
            m.data[e] += t * u.data[e];
        }
        moved.set(k, Tensor.variable(m));
        // Grad mode stays on: the function may itself take gradients (second order).
        return innerProduct(f.apply(moved), v).item();
    }

    private static List<Tensor> evaluate(Function<List<Tensor>, List<Tensor>> f, List<Tensor> at) {
        List<Tensor> x = new ArrayList<>();
        for (Tensor in : at) {
            x.add(Tensor.variable(in.data().copy()));
        }
        return f.apply(x);
    }

    private static Tensor innerProduct(List<Tensor> y, List<Tensor> v) {
        Tensor s = null;
        for (int o = 0; o < y.size(); o++) {
            Tensor term = y.get(o).mul(v.get(o)).sum();
            s = s == null ? term : s.add(term);
        }
        return s;
    }

    private static List<Tensor> randomLike(List<Tensor> like, SplittableRandom rng) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : like) {
            out.add(Tensor.constant(randomMatrix(t.rows(), t.cols(), rng)));
        }
        return out;
    }

    private static List<Tensor> zerosLike(List<Tensor> like) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : like) {
            out.add(Tensor.zeros(t.rows(), t.cols()));
        }
        return out;
    }

    /** Entries uniform in [-1, -0.5] or [0.5, 1]: no direction is nearly zero. */
    private static DMatrixRMaj randomMatrix(int rows, int cols, SplittableRandom rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int e = 0; e < rows * cols; e++) {
            double mag = 0.5 + 0.5 * rng.nextDouble();
            m.data[e] = rng.nextBoolean() ? mag : -mag;
        }
        return m;
    }

    private static DMatrixRMaj unit(Tensor like, int e) {
        DMatrixRMaj m = new DMatrixRMaj(like.rows(), like.cols());
        m.data[e] = 1.0;
        return m;
    }

    /** Keeps the entry that is furthest outside its tolerance. */
    private static final class Worst {
        private final String order;
        private double ratio = 0;      // |a - n| / (atol + rtol |n|); above 1 fails
        private String message;
        private int checked;

        Worst(String order) {
            this.order = order;
        }

        void offer(int k, Tensor xk, String where, double analytic, double numeric, Options o) {
            checked++;
            double diff = Math.abs(analytic - numeric);
            double tol = o.atol() + o.rtol() * Math.abs(numeric);
            double r = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff / tol;
            if (r > ratio || message == null && r > 1) {
                ratio = r;
                message = "GradCheck (" + order + ") failed for input " + k + " (" + xk.shape() + ") at " + where
                        + ": analytic " + analytic + ", numeric " + numeric + ", |difference| " + diff
                        + " > tolerance " + tol;
            }
        }

        void throwIfFailed() {
            if (ratio > 1) {
                throw new GradCheckException(message + " (the worst of " + checked + " checked values)");
            }
        }
    }
}
