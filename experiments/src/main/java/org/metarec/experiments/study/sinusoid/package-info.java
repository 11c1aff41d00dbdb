/**
 * The sinusoid regression study of Finn et al. (2017, section 5.1): its task family, its settings, the
 * study (train, adapt, evaluate) and the {@code sinusoid} experiment kind that runs it from a config.
 */
package org.metarec.experiments.study.sinusoid;
