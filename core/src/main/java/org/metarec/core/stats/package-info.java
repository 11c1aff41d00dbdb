/**
 * Statistics for comparing methods over tasks and seeds: Student-t confidence intervals for a mean,
 * paired t-tests and Wilcoxon signed-rank tests on the same tasks, and aggregation across seeds.
 *
 * <p>Distribution functions come from Apache Commons Math 3; the distributions are created without a
 * random generator because only their (deterministic) cumulative and inverse functions are used.
 */
package org.metarec.core.stats;
