/**
 * The cross-domain cold-start study (the protocol of EMCDR, TMCDR and PTUPCDR): meta-train on source
 * domains and the target domain's training users, select on validation users only, and measure on test
 * users who reveal K target ratings. {@link org.metarec.experiments.study.crossdomain.CrossDomainExperiment}
 * is the {@code crossdomain} experiment kind that runs it from a config.
 *
 * <p><b>Use.</b>
 * <pre>{@code
 * CrossDomainSetup setup = CrossDomainSetup.prepare(dataset, split, seed);   // share it across methods
 * try (TaskPool pool = new TaskPool(2)) {
 *     CrossDomainStudy study = new CrossDomainStudy(setup, settings);
 *     CrossDomainStudy.Trained trained = study.train(pool);             // validation users only
 *     TestScores scores = study.evaluate(trained.recommender(), pool);   // per user and pooled over ratings
 *     double[] rmse = scores.perUser(TestScores.RMSE_USER);              // one value per test user
 * }
 * }</pre>
 *
 * <p><b>Controlled transfer.</b> A row of the table is a {@link org.metarec.experiments.study.crossdomain.MethodVariant}:
 * the method, where its cold users start ({@link org.metarec.experiments.study.crossdomain.UserStart}) and
 * whether it uses the sources, named so that a table separates "meta-learning against pooling" from "which
 * user representation": {@code maml} (shared row plus profile map) against {@code maml.src} (the user's own
 * pretrained source embedding, the vector {@code pretrained.src} starts from) and {@code maml.both};
 * {@code pretrained} (own row plus profile map) against {@code pretrained.profile} (never the own row) and
 * {@code pretrained.src}; {@code maml.nosrc} (target domain alone) against {@code target_only}; and the
 * closed-form {@code transfer_bias}. K may be 0 (pure transfer), the support may be each user's first K
 * ratings by time ({@code crossdomain.support_order: temporal}), and warm users' held-out ratings
 * ({@code crossdomain.warm_users}) are scored as {@code <metric>_warm_k<K>} next to the cold ones.
 *
 * <p><b>Budgets, as measured</b> (2 cores shared with other work, Java 17, matrix factorisation, default
 * settings, two threads): on MovieLens 100K with genres Action, Comedy, Thriller as sources and Drama as
 * target, one run of all eleven methods takes 20 to 45 s, and all of them over beta 0.2/0.5/0.8, K 5/10
 * and three seeds took 7 to 13 minutes (Reptile, whose inner loop moves the item tables too, is the
 * slowest method).
 */
package org.metarec.experiments.study.crossdomain;
