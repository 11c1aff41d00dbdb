/** Batches of supervised examples shared by the models and the meta-learners. */
package org.metarec.algorithms.data;
