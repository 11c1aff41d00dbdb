/**
 * Running experiments: the {@link org.metarec.experiments.run.ExperimentKind} SPI, the
 * {@link org.metarec.experiments.run.RunContext} a kind receives (config, RNG streams, progress, checkpoints,
 * training log, result sink, thread pool), and the {@link org.metarec.experiments.run.Runner} that lays out the
 * run folder, resumes from checkpoints and writes the results.
 */
package org.metarec.experiments.run;
