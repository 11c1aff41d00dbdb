package org.metarec.core.metrics;

/** Rating-prediction errors: MAE, MSE and RMSE over aligned arrays of true and predicted ratings. */
public final class RatingMetrics {

    private RatingMetrics() {
    }

    /**
     * Mean absolute error: (1/n) * sum_i |predicted_i - truth_i|.
     *
     * @param truth the true ratings (finite, at least one)
     * @param predicted the predictions, aligned with truth
     * @return the MAE, &ge; 0
     */
    public static double mae(double[] truth, double[] predicted) {
        MetricInputs.check(truth, predicted);
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            sum += Math.abs(predicted[i] - truth[i]);
        }
        return sum / truth.length;
    }

    /**
     * Mean squared error: (1/n) * sum_i (predicted_i - truth_i)^2.
     *
     * @param truth the true ratings (finite, at least one)
     * @param predicted the predictions, aligned with truth
     * @return the MSE, &ge; 0
     */
    public static double mse(double[] truth, double[] predicted) {
        MetricInputs.check(truth, predicted);
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            double e = predicted[i] - truth[i];
            sum += e * e;
        }
        return sum / truth.length;
    }

    /**
     * Root mean squared error: sqrt(MSE). By the power-mean inequality MAE &le; RMSE.
     *
     * @param truth the true ratings (finite, at least one)
     * @param predicted the predictions, aligned with truth
     * @return the RMSE, &ge; 0
     */
    public static double rmse(double[] truth, double[] predicted) {
        return Math.sqrt(mse(truth, predicted));
    }
}
