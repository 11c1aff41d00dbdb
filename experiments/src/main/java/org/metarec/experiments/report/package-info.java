/**
 * Reports across run folders: runs that differ only in their seeds form one variant, whose seeds are summarised
 * exactly as one run's ({@link org.metarec.experiments.results.Summary#rows}), from the runs' {@code per_seed.csv}
 * and {@code per_user.csv}; the p-values of every variant are corrected together.
 */
package org.metarec.experiments.report;
