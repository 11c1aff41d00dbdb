/**
 * Few-shot rating tasks and how they are sampled.
 *
 * <p>A {@link org.metarec.core.tasks.RatingTask} is a support set and a query set of rows of an
 * {@link org.metarec.core.data.Interactions}. {@link org.metarec.core.tasks.UserTaskSampler} makes one task
 * per user within a domain (K support ratings, up to Q query ratings), and
 * {@link org.metarec.core.tasks.DomainTaskSampler} draws tasks from a whole domain (the view in which "a task
 * is a domain"). {@link org.metarec.core.tasks.ColdStartSplit} implements the cross-domain cold-start
 * protocol of EMCDR (Man et al., IJCAI 2017), TMCDR (Zhu et al., SIGIR 2021) and PTUPCDR (Zhu et al., WSDM 2022),
 * with validation users carved out for model selection, and {@link org.metarec.core.tasks.ColdStartStates} the
 * four cold-start states of MeLU (Lee et al., KDD 2019): users and items split into existing and new by time.
 * {@link org.metarec.core.tasks.MetaBatchSampler}
 * draws meta-batches of tasks with replacement or in epochs.
 *
 * <p>All sampling takes a seeded {@link org.metarec.core.random.Rng}; per-user and per-batch draws use
 * named forks of it, so a task depends only on the seed and the user (or batch number), not on what else
 * was sampled.
 */
package org.metarec.core.tasks;
