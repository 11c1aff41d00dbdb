/**
 * Statistics for comparing methods over tasks: Student-t confidence intervals for a mean, and paired
 * t-tests and Wilcoxon signed-rank tests on the same tasks.
 *
 * <p>Distribution functions come from Apache Commons Math 3; the distributions are created without a
 * random generator because only their (deterministic) cumulative and inverse functions are used.
 */
package org.metarec.core.stats;
