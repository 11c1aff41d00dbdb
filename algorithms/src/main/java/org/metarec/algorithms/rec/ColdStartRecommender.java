package org.metarec.algorithms.rec;

import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.UserContext;

/**
 * A trained method for cold-start users: given what is known about a user and their few ratings in
 * the task's domain (the support set, possibly empty), it returns a predictor for that user.
 * Implementations are immutable and safe to use from several threads.
 */
public interface ColdStartRecommender {

    /**
     * The method's name, as in protocols (e.g. {@code maml}, {@code item_bias}).
     *
     * @return the name
     */
    String method();

    /**
     * Adapts to one user.
     *
     * @param user what is known before the support ratings (features, profile, other-domain history)
     * @param support the user's ratings in the task's domain, in slot 0 (may have no rows)
     * @return the user's predictor
     */
    UserPredictor adapt(UserContext user, RatingBatch support);
}
