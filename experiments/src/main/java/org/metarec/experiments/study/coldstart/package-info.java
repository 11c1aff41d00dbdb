/**
 * MeLU's cold-start study (Lee et al., KDD 2019): train on existing users' ratings of existing items,
 * select on validation users' warm-state tasks only, and measure on new users, new items and both.
 * {@link org.metarec.experiments.study.coldstart.ColdStartExperiment} is the {@code coldstart} experiment
 * kind that runs it from a config.
 */
package org.metarec.experiments.study.coldstart;
