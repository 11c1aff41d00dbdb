package org.metarec.algorithms.sinusoid;

import org.ejml.data.DMatrixRMaj;
import org.metarec.algorithms.data.XYBatch;
import org.metarec.algorithms.meta.Task;
import org.metarec.autodiff.Tensor;
import org.metarec.core.random.Rng;

/**
 * The sinusoid regression tasks of Finn et al. (2017, section 5.1): each task is a curve
 * {@code y = A sin(x - phi)} with amplitude {@code A ~ U[0.1, 5.0]} and phase {@code phi ~ U[0, pi]},
 * observed at points {@code x ~ U[-5, 5]}.
 */
public final class SinusoidTasks {

    /** Lower and upper bounds of the amplitude. */
    public static final double MIN_AMPLITUDE = 0.1, MAX_AMPLITUDE = 5.0;
    /** Range of the inputs. */
    public static final double MIN_X = -5.0, MAX_X = 5.0;

    private SinusoidTasks() {}

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

    /** Draws A ~ U[0.1, 5] and phi ~ U[0, pi]. */
    public static Sinusoid drawSinusoid(Rng rng) {
        double a = rng.uniform(MIN_AMPLITUDE, MAX_AMPLITUDE);
        double phi = rng.uniform(0, Math.PI);
        return new Sinusoid(a, phi);
    }

    /** {@code n} points x ~ U[-5, 5] with their values on the curve, as an n x 1 batch. */
    public static XYBatch sample(Sinusoid s, int n, Rng rng) {
        DMatrixRMaj x = new DMatrixRMaj(n, 1), y = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            x.data[i] = rng.uniform(MIN_X, MAX_X);
            y.data[i] = s.at(x.data[i]);
        }
        return new XYBatch(Tensor.constant(x), Tensor.constant(y));
    }

    /** A task: a new sinusoid, with {@code support} and {@code query} points drawn independently. */
    public static Task<XYBatch> drawTask(Rng rng, int support, int query) {
        Sinusoid s = drawSinusoid(rng);
        return new Task<>(sample(s, support, rng), sample(s, query, rng));
    }
}
