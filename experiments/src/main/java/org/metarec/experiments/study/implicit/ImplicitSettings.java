package org.metarec.experiments.study.implicit;

import org.metarec.algorithms.rec.implicit.BprTraining;
import org.metarec.algorithms.rec.implicit.ImplicitTransfer;
import org.metarec.algorithms.rec.mapping.MappingSettings;

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
 * @param mapping EMCDR's mapping and PTUPCDR's bridge: width, Adam steps, users per step (PTUPCDR), rate, validation
 *     interval
 * @param bridgeLoss the implicit loss of PTUPCDR's bridge on the overlap users' target interactions
 */
record ImplicitSettings(int negatives, int trainNegatives, BprTraining.Settings bpr, int fineTuneSteps, double fineTuneLr,
                        int trainSupport, int trainQuery, boolean fullRanking, MappingSettings mapping,
                        ImplicitTransfer.Objective bridgeLoss) {
}
