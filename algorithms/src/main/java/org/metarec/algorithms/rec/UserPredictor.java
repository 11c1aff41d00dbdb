package org.metarec.algorithms.rec;

import org.metarec.algorithms.rec.data.RatingBatch;

/** Predicted ratings of one adapted user for the rows of a batch (the user's query set or candidates). */
@FunctionalInterface
public interface UserPredictor {

    /**
     * The predicted rating of every row.
     *
     * @param batch rows of the adapted user, in slot 0
     * @return one prediction per row
     */
    double[] predict(RatingBatch batch);
}
