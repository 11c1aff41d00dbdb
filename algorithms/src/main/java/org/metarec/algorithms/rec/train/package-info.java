/**
 * Training loops of the cross-domain study: the meta-training task distribution, meta-learning and
 * pooled training, and the validation-based choice of checkpoints.
 */
package org.metarec.algorithms.rec.train;
