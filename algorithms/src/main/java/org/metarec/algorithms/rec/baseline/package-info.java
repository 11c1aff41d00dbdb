/**
 * Non-meta baselines for cold-start users: the global mean, the item-bias predictor, and pooled
 * training followed by fine-tuning on the support set (pretrained on all domains, or target only).
 */
package org.metarec.algorithms.rec.baseline;
