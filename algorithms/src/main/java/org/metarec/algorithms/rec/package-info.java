/**
 * Cold-start recommendation: what the recommendation studies reuse.
 *
 * <p>{@link org.metarec.algorithms.rec.data} turns a {@link org.metarec.core.data.Dataset} into
 * {@link org.metarec.algorithms.rec.data.RatingBatch}es (with each user's cross-domain profile);
 * {@link org.metarec.algorithms.rec.model} holds the models (matrix factorisation, NeuMF, a feature MLP,
 * MeLU); {@link org.metarec.algorithms.rec.train} the training loops; {@link org.metarec.algorithms.rec.baseline}
 * and {@link org.metarec.algorithms.rec.mapping} the baselines and EMCDR / PTUPCDR. Every trained method is
 * a {@link org.metarec.algorithms.rec.ColdStartRecommender}: given a user's context and support ratings it
 * returns a predictor, which {@link org.metarec.algorithms.rec.TaskEvaluator} scores and
 * {@link org.metarec.algorithms.rec.Personalizer} uses for real-time top-n recommendation.
 *
 * <p>The studies built from these pieces (cross-domain cold start, MeLU's cold-start states) live in
 * {@code org.metarec.experiments.study}.
 */
package org.metarec.algorithms.rec;
