package org.metarec.experiments.study.implicit;

import org.metarec.core.metrics.ItemScorer;

/** A trained method as the evaluation sees it: for a cold user and its support rows, the scores of target items. */
@FunctionalInterface
interface ColdRanker {

    /**
     * The user's scorer after adapting on its support.
     *
     * @param user the cold user
     * @param support its revealed target rows (empty for K = 0)
     * @return the scorer
     */
    ItemScorer adapt(int user, int[] support);
}
