/**
 * Gradient-based meta-learners over functional models: {@link org.metarec.algorithms.meta.MAML}
 * (second order), {@link org.metarec.algorithms.meta.FirstOrderMAML},
 * {@link org.metarec.algorithms.meta.Reptile}, {@link org.metarec.algorithms.meta.MetaSGD} and
 * {@link org.metarec.algorithms.meta.ANIL}, sharing one {@link org.metarec.algorithms.meta.InnerLoop};
 * {@link org.metarec.algorithms.meta.MAMLPlusPlus} and {@link org.metarec.algorithms.meta.ImplicitMAML}
 * (with its {@link org.metarec.algorithms.meta.ConjugateGradient}), which run inner loops of their own;
 * {@link org.metarec.algorithms.parallel.TaskPool} runs the tasks of a meta-batch in parallel.
 */
package org.metarec.algorithms.meta;
