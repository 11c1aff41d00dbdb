/**
 * Few-shot rating tasks and how they are sampled.
 *
 * <p>A {@link org.metarec.core.tasks.RatingTask} is a support set and a query set of rows of an
 * {@link org.metarec.core.data.Interactions}. {@link org.metarec.core.tasks.ColdStartSplit} implements the
 * cross-domain cold-start protocol of EMCDR (Man et al., IJCAI 2017), TMCDR (Zhu et al., SIGIR 2021) and
 * PTUPCDR (Zhu et al., WSDM 2022), with validation users carved out for model selection, and
 * {@link org.metarec.core.tasks.ColdStartStates} the four cold-start states of MeLU (Lee et al., KDD 2019):
 * users and items split into existing and new by time.
 *
 * <p>All sampling takes a seeded {@link org.metarec.core.random.Rng}; per-user draws use named forks of it,
 * so a task depends only on the seed and the user, not on what else was sampled.
 */
package org.metarec.core.tasks;
