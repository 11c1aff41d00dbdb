/**
 * The {@code coldstart} experiment kind: MeLU's four cold-start states (Lee et al., KDD 2019), run from a config.
 */
package org.metarec.experiments.coldstart;
