/** The {@code sinusoid} experiment kind: the MAML sinusoid regression study run from a config. */
package org.metarec.experiments.sinusoid;
