package org.metarec.algorithms.rec.model;

import org.metarec.algorithms.meta.TaskLoss;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/** The training loss of a rating model: {@code L = mean((y_hat - y)^2) + lambda * penalty}. */
public final class RatingLoss {

    private RatingLoss() {
    }

    /**
     * The mean squared error plus {@code lambda} times the model's {@link RecModel#penalty}.
     *
     * @param model the model
     * @param lambda the weight of the penalty, &ge; 0 (0: plain MSE)
     * @return the loss as a meta-learner's task loss
     */
    public static TaskLoss<RatingBatch> of(RecModel model, double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("rating loss: expected a weight decay >= 0, found " + lambda);
        }
        return (params, batch) -> {
            if (batch.size() == 0) {
                throw new IllegalArgumentException("rating loss of " + model.name() + ": expected at least one row, "
                        + "found an empty batch");
            }
            Tensor mse = Ops.mse(model.apply(params, batch), batch.ratings());
            if (lambda == 0) {
                return mse;
            }
            Tensor pen = model.penalty(params, batch);
            return pen == null ? mse : mse.add(pen.mul(lambda));
        };
    }

    /**
     * The model's predictions as an array, computed without recording a graph.
     *
     * @param model the model
     * @param params the parameters
     * @param batch the rows
     * @return one prediction per row
     */
    public static double[] predict(RecModel model, Params params, RatingBatch batch) {
        if (batch.size() == 0) {
            return new double[0];
        }
        try (org.metarec.autodiff.GradMode.Scope s = org.metarec.autodiff.GradMode.noGrad()) {
            return model.apply(params, batch).toArray();
        }
    }
}
