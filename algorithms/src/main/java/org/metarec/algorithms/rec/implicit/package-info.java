/**
 * Implicit feedback: tasks whose rows are interactions (a user chose an item) rather than ratings, so a model scores
 * items instead of predicting a number. Its losses ({@link org.metarec.algorithms.rec.implicit.ImplicitLoss}: binary
 * cross-entropy on sampled negatives, and BPR) are ordinary {@link org.metarec.algorithms.meta.TaskLoss}es over the
 * batches of {@link org.metarec.algorithms.rec.implicit.ImplicitBatches}, so every meta-learner adapts on them
 * unchanged: a cold user's inner-loop batch is its K support interactions plus sampled negatives.
 */
package org.metarec.algorithms.rec.implicit;
