package org.metarec.algorithms.sinusoid;

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
        DMatrixRMaj x = new DMatrixRMaj(n, 1), y = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            x.data[i] = rng.uniform(f.xMin(), f.xMax());
            y.data[i] = s.at(x.data[i]);
        }
        return new XYBatch(Tensor.constant(x), Tensor.constant(y));
    }

    /** A task: a new sinusoid, with {@code support} and {@code query} points drawn independently. */
    public static Task<XYBatch> drawTask(Family f, Rng rng, int support, int query) {
        Sinusoid s = drawSinusoid(f, rng);
        return new Task<>(sample(f, s, support, rng), sample(f, s, query, rng));
    }
}
