package org.metarec.algorithms.rec.baseline;

import java.util.Arrays;
import org.metarec.algorithms.rec.ColdStartRecommender;
import org.metarec.algorithms.rec.UserPredictor;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.UserContext;
import org.metarec.core.data.Interactions;

/** The global-mean baseline: every rating is predicted as the mean of the target domain's training ratings. */
public final class GlobalMean implements ColdStartRecommender {

    private final double mean;

    /**
     * @param mean the constant prediction
     */
    public GlobalMean(double mean) {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("global mean: expected a finite mean, found " + mean);
        }
        this.mean = mean;
    }

    /**
     * The mean rating of the given rows.
     *
     * @param data the interactions
     * @param rows training rows of the target domain, at least one
     * @return the baseline
     */
    public static GlobalMean fit(Interactions data, int[] rows) {
        return new GlobalMean(data.meanRating(rows));
    }

    @Override
    public String method() {
        return "global_mean";
    }

    @Override
    public UserPredictor adapt(UserContext user, RatingBatch support) {
        return batch -> {
            double[] out = new double[batch.size()];
            Arrays.fill(out, mean);
            return out;
        };
    }

    /**
     * The constant prediction.
     *
     * @return the mean
     */
    public double mean() {
        return mean;
    }
}
