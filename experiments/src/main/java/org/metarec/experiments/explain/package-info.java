/**
 * Looking inside a meta-gradient, for teaching: {@link org.metarec.experiments.explain.MetaGradientProblem}
 * (one reference case or a sinusoid config as a model, its parameters and tasks),
 * {@link org.metarec.experiments.explain.MetaGradientGraph} (the graph behind one task's meta-gradient,
 * as DOT) and {@link org.metarec.experiments.explain.Explanation} (its first-order part and the part
 * through the inner updates, side by side with first-order MAML and Reptile).
 */
package org.metarec.experiments.explain;
