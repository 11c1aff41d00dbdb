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
 * <p><b>Budgets, as measured</b> (2 cores shared with other work, Java 17, matrix factorisation, default
 * settings, two threads): on MovieLens 100K with genres Action, Comedy, Thriller as sources and Drama as
 * target, one run of all eleven methods takes 20 to 45 s, and all of them over beta 0.2/0.5/0.8, K 5/10
 * and three seeds took 7 to 13 minutes (Reptile, whose inner loop moves the item tables too, is the
 * slowest method).
 */
package org.metarec.experiments.study.crossdomain;
