/**
 * Cold-start recommendation studies. Cross-domain: meta-train on source domains and the target domain's
 * training users, select on validation users only, and measure on test users who reveal K ratings
 * ({@link org.metarec.experiments.study.crossdomain.CrossDomainStudy}). MeLU's four cold-start states (Lee et al., KDD
 * 2019): train on existing users' ratings of existing items, select on validation users' warm-state tasks
 * only, and measure on new users, new items and both ({@link org.metarec.experiments.study.coldstart.ColdStartStatesStudy},
 * used like the cross-domain study: prepare a {@link org.metarec.experiments.study.coldstart.ColdStartStatesSetup} per
 * seed, then train and evaluate each method on it).
 *
 * <p><b>Use.</b>
 * <pre>{@code
 * CrossDomainProtocol.Split split = CrossDomainProtocol.split(List.of("Action", "Comedy", "Thriller"), "Drama",
 *         0.5, 10);                                                     // beta = 0.5, K = 10
 * CrossDomainSetup setup = CrossDomainSetup.prepare(dataset, split, seed);   // share it across methods
 * try (MetaBatch pool = new MetaBatch(2)) {
 *     CrossDomainStudy study = new CrossDomainStudy(setup, CrossDomainProtocol.defaults("maml", "mf", seed, split));
 *     CrossDomainStudy.Trained trained = study.train(pool);             // validation users only
 *     Map<String, double[]> perUser = study.evaluate(trained.recommender(), pool);   // mae_k10, rmse_k10, ndcg3_k10
 * }
 * }</pre>
 *
 * <p><b>Pieces.</b> {@link org.metarec.algorithms.rec.data} turns a {@link org.metarec.core.data.Dataset}
 * into {@link org.metarec.algorithms.rec.data.RatingBatch}es (with each user's cross-domain profile);
 * {@link org.metarec.algorithms.rec.model} holds the models (matrix factorisation, NeuMF, a feature MLP,
 * MeLU); {@link org.metarec.algorithms.rec.train} the training loops; {@link org.metarec.algorithms.rec.baseline}
 * and {@link org.metarec.algorithms.rec.mapping} the baselines and EMCDR / PTUPCDR. Every trained method is
 * a {@link org.metarec.algorithms.rec.ColdStartRecommender}: given a user's context and support ratings it
 * returns a predictor, which {@link org.metarec.algorithms.rec.TaskEvaluator} scores and
 * {@link org.metarec.algorithms.rec.Personalizer} uses for real-time top-n recommendation.
 *
 * <p><b>Budgets, as measured</b> (2 cores shared with other work, Java 17, matrix factorisation, default
 * protocol, {@code MetaBatch(2)}): on MovieLens 100K with genres Action, Comedy, Thriller as sources and
 * Drama as target, one run of all eleven methods takes 20 to 45 s, and all of them over beta 0.2/0.5/0.8,
 * K 5/10 and three seeds took 7 to 13 minutes (412 s on a quiet machine; Reptile, whose inner loop moves
 * the item tables too, is the slowest method). Adapting to a new user (5 inner steps on 10 ratings) and
 * scoring all 1,682 movies takes about 0.65 ms at the median (NeuMF: 1.7 ms).
 */
package org.metarec.algorithms.rec;
