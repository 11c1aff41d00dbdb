/** The sinusoid regression study of Finn et al. (2017): tasks, protocol, training and evaluation. */
package org.metarec.algorithms.sinusoid;
