/**
 * Parallel execution of a meta-step: {@link org.metarec.algorithms.parallel.TaskPool} runs the tasks of a
 * meta-batch (or of a validation set) on several threads and sums their gradients in task order, so the
 * result is bit-for-bit that of {@link org.metarec.algorithms.meta.MetaLearner#metaStep}, the plain loop
 * over tasks, with any number of threads. {@code HelperThreads} and {@code GradientShelves} are its
 * workers and their gradient buffers.
 */
package org.metarec.algorithms.parallel;
