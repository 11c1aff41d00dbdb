package org.metarec.experiments.study.implicit;

import org.metarec.algorithms.rec.implicit.BprTraining;

/**
 * The settings of the {@code implicit} kind that are not common keys.
 *
 * @param negatives N: sampled negatives each held-out pair is ranked against (CDRIB: 999)
 * @param trainNegatives sampled negatives per positive in a binary cross-entropy batch (adaptation, meta-training)
 * @param bpr pooled BPR training (bpr_mf, pooled, and the starting point of the meta-learners)
 * @param fineTuneSteps SGD steps of a pooled model on a cold user's support (0: none)
 * @param fineTuneLr their rate
 * @param trainSupport support interactions per meta-training task
 * @param trainQuery most query interactions per meta-training task
 * @param fullRanking whether to rank the full catalogue too
 */
record ImplicitSettings(int negatives, int trainNegatives, BprTraining.Settings bpr, int fineTuneSteps, double fineTuneLr,
                        int trainSupport, int trainQuery, boolean fullRanking) {
}
