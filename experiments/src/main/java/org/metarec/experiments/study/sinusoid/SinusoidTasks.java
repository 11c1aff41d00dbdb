package org.metarec.experiments.study.sinusoid;

import org.ejml.data.DMatrixRMaj;
import org.metarec.algorithms.data.XYBatch;
import org.metarec.algorithms.meta.Task;
import org.metarec.autodiff.Tensor;
import org.metarec.core.random.Rng;

/**
 * The sinusoid regression tasks of Finn et al. (2017, section 5.1): each task is a curve
 * {@code y = A sin(x - phi)} with amplitude {@code A ~ U[0.1, 5.0]} and phase {@code phi ~ U[0, pi]},
 * observed at points {@code x ~ U[-5, 5]} (the ranges of {@link Family#paper()}).
 */
public final class SinusoidTasks {

    private SinusoidTasks() {}

    /**
     * The ranges tasks are drawn from.
     *
     * @param amplitudeMin smallest amplitude
     * @param amplitudeMax largest amplitude
     * @param phaseMin smallest phase
     * @param phaseMax largest phase
     * @param xMin smallest input
     * @param xMax largest input
     */
    public record Family(double amplitudeMin, double amplitudeMax, double phaseMin, double phaseMax,
                         double xMin, double xMax) {
        /** Validates that every range is non-empty. */
        public Family {
            if (!(amplitudeMin <= amplitudeMax) || !(phaseMin <= phaseMax) || !(xMin < xMax)) {
                throw new IllegalArgumentException("sinusoid family: expected min <= max for amplitude, phase and x, found "
                        + "amplitude [" + amplitudeMin + ", " + amplitudeMax + "], phase [" + phaseMin + ", " + phaseMax
                        + "], x [" + xMin + ", " + xMax + "]");
            }
        }

        /** Finn et al. (2017): A in [0.1, 5], phi in [0, pi], x in [-5, 5]. */
        public static Family paper() {
            return new Family(0.1, 5.0, 0.0, Math.PI, -5.0, 5.0);
        }
    }

    /**
     * One sinusoid.
     *
     * @param amplitude A
     * @param phase phi
     */
    public record Sinusoid(double amplitude, double phase) {
        /** {@code A sin(x - phi)}. */
        public double at(double x) {
            return amplitude * Math.sin(x - phase);
        }
    }

    /** Draws A and phi uniformly from the family's ranges (the paper: A ~ U[0.1, 5], phi ~ U[0, pi]). */
    public static Sinusoid drawSinusoid(Family f, Rng rng) {
        double a = rng.uniform(f.amplitudeMin(), f.amplitudeMax());
        double phi = rng.uniform(f.phaseMin(), f.phaseMax());
        return new Sinusoid(a, phi);
    }

    /** {@code n} points x uniform in the family's range (the paper: [-5, 5]) with their values, as an n x 1 batch. */
    public static XYBatch sample(Family f, Sinusoid s, int n, Rng rng) {
        return points(s, uniformX(f, n, rng));
    }

    /** A task: a new sinusoid, with {@code support} and {@code query} points drawn independently. */
    public static Task<XYBatch> drawTask(Family f, Rng rng, int support, int query) {
        return build(drawNumbers(f, rng, support, query));
    }

    /**
     * The random numbers of a task: its sinusoid and the x of its support and query points.
     *
     * @param sinusoid the task's A and phi
     * @param supportX x of the support points
     * @param queryX x of the query points
     */
    public record TaskNumbers(Sinusoid sinusoid, double[] supportX, double[] queryX) {}

    /**
     * The first half of {@link #drawTask}: every random number it reads, in the same order (A, phi,
     * the support x, the query x), so that {@code build(drawNumbers(f, rng, k, q))} is the same task,
     * to the bit, as {@code drawTask(f, rng, k, q)}. Cheap: the sines are in {@link #build}.
     */
    public static TaskNumbers drawNumbers(Family f, Rng rng, int support, int query) {
        Sinusoid s = drawSinusoid(f, rng);
        return new TaskNumbers(s, uniformX(f, support, rng), uniformX(f, query, rng));
    }

    private static double[] uniformX(Family f, int n, Rng rng) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.uniform(f.xMin(), f.xMax());
        }
        return x;
    }

    /** The second half of {@link #drawTask}: the task of those numbers, no randomness. */
    public static Task<XYBatch> build(TaskNumbers t) {
        return new Task<>(points(t.sinusoid(), t.supportX()), points(t.sinusoid(), t.queryX()));
    }

    private static XYBatch points(Sinusoid s, double[] xs) {
        DMatrixRMaj x = new DMatrixRMaj(xs.length, 1), y = new DMatrixRMaj(xs.length, 1);
        for (int i = 0; i < xs.length; i++) {
            x.data[i] = xs[i];
            y.data[i] = s.at(xs[i]);
        }
        return new XYBatch(Tensor.constant(x), Tensor.constant(y));
    }
}
