/**
 * Cold-start recommenders that are meta-learners with a model of their own: MAMO (memory-augmented
 * meta-optimisation) and TaNP (the task-adaptive neural process), chosen by name through
 * {@link org.metarec.algorithms.rec.coldstart.ColdStartMetaMethod}.
 */
package org.metarec.algorithms.rec.coldstart;
