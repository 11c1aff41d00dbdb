package org.metarec.experiments.bench;

import org.ejml.data.DMatrixRMaj;
import org.metarec.algorithms.data.XYBatch;
import org.metarec.algorithms.meta.Task;
import org.metarec.autodiff.Tensor;
import org.metarec.core.random.Rng;

/**
 * Tasks for the "recommender network" benchmark: 100 features per row (a user's and an item's
 * features side by side), a rating that is a task-specific linear function of them plus noise,
 * 10 support and 10 query rows. The numbers only need to be realistic enough that training does
 * something; the benchmark measures speed.
 */
public final class RecNetTasks {

    /** Features per row. */
    public static final int FEATURES = 100;

    private RecNetTasks() {}

    /** One task with {@code rows} support and {@code rows} query rows. */
    public static Task<XYBatch> draw(Rng rng, int rows) {
        double[] w = new double[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            w[j] = rng.nextGaussian() / Math.sqrt(FEATURES);
        }
        return new Task<>(batch(rng, w, rows), batch(rng, w, rows));
    }

    private static XYBatch batch(Rng rng, double[] w, int rows) {
        DMatrixRMaj x = new DMatrixRMaj(rows, FEATURES), y = new DMatrixRMaj(rows, 1);
        for (int i = 0; i < rows; i++) {
            double s = 3.5;
            for (int j = 0; j < FEATURES; j++) {
                double v = rng.nextGaussian();
                x.data[i * FEATURES + j] = v;
                s += w[j] * v;
            }
            y.data[i] = s + 0.3 * rng.nextGaussian();
        }
        return new XYBatch(Tensor.constant(x), Tensor.constant(y));
    }
}
