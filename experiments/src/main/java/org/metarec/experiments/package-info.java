/**
 * The experiments module: turns a YAML config into a reproducible, crash-safe run with results, tables and
 * plots. Entry points: {@link org.metarec.experiments.ExperimentKinds} (the registry of experiment kinds) and the
 * command line {@code org.metarec.experiments.cli.Main}.
 */
package org.metarec.experiments;
