package org.metarec.algorithms.meta;

import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * One task's MAML meta-gradient taken apart. With {@code phi = theta} after {@code k} inner steps
 * {@code phi <- phi - alpha grad L_support(phi)}, the chain rule gives
 * <pre>
 *   d L_query(phi) / d theta = (d phi / d theta)^T grad L_query(phi)
 *                            = prod_j (I - alpha H_j)^T grad L_query(phi)
 *                            = grad L_query(phi)  +  [prod_j (I - alpha H_j) - I]^T grad L_query(phi)
 *                              first-order part      the part through the inner updates
 * </pre>
 * where {@code H_j} is the Hessian of the support loss at the j-th inner iterate. The first-order
 * part is the query gradient at phi, first-order MAML's meta-gradient; the rest comes from the
 * Hessian terms that only second-order MAML keeps. It is computed as full minus first-order, so
 * the two parts add up to the full meta-gradient up to one rounding per element.
 *
 * <p>The split also holds first-order MAML's and Reptile's directions for the same task, built by
 * {@link MetaMethod} from the same settings, so they can be set side by side (Reptile's
 * {@code theta - phi} is a step, not a gradient: compare it by direction).
 *
 * @param queryLoss {@code L_query(phi)}
 * @param full the second-order meta-gradient {@code d L_query(phi) / d theta}
 * @param firstOrder {@code grad L_query} at phi
 * @param throughInner {@code full - firstOrder}, the Hessian terms
 * @param fomaml first-order MAML's meta-gradient for the task
 * @param reptile Reptile's pseudo-gradient {@code theta - phi} for the task
 */
public record MetaGradientSplit(double queryLoss, Params full, Params firstOrder, Params throughInner,
                                Params fomaml, Params reptile) {

    /**
     * Splits the meta-gradient of {@code task} at {@code theta}.
     *
     * @param settings the loss, inner rate and steps and adapted parameters (as for {@link MetaMethod#learner})
     * @param theta model parameters (variables). Not modified.
     * @param task the task. Not modified.
     */
    public static <B> MetaGradientSplit of(MetaLearnerSettings<B> settings, Params theta, Task<B> task) {
        MetaLearner.TaskResult maml = MetaMethod.MAML.learner(settings).taskGradient(theta, task);
        // First-order MAML's task gradient is the query gradient at phi: the first-order part itself.
        MetaLearner.TaskResult fomaml = MetaMethod.FOMAML.learner(settings).taskGradient(theta, task);
        Params throughInner = maml.gradient().zip(fomaml.gradient(), Tensor::sub);
        Params reptile = MetaMethod.REPTILE.learner(settings).taskGradient(theta, task).gradient();
        return new MetaGradientSplit(fomaml.queryLoss(), maml.gradient(), fomaml.gradient(), throughInner,
                fomaml.gradient(), reptile);
    }

    /** {@code <a, b> / (|a| |b|)}; NaN when either is zero. */
    public static double cosine(Tensor a, Tensor b) {
        double[] x = a.toArray(), y = b.toArray();
        double dot = 0, xx = 0, yy = 0;
        for (int i = 0; i < x.length; i++) {
            dot += x[i] * y[i];
            xx += x[i] * x[i];
            yy += y[i] * y[i];
        }
        return xx == 0 || yy == 0 ? Double.NaN : dot / Math.sqrt(xx * yy);
    }

    /** The cosine of all tensors of {@code a} and {@code b} together, as flat vectors (same names). */
    public static double cosine(Params a, Params b) {
        double dot = 0, aa = 0, bb = 0;
        for (String n : a.names()) {
            double[] x = a.get(n).toArray(), y = b.get(n).toArray();
            for (int i = 0; i < x.length; i++) {
                dot += x[i] * y[i];
                aa += x[i] * x[i];
                bb += y[i] * y[i];
            }
        }
        return aa == 0 || bb == 0 ? Double.NaN : dot / Math.sqrt(aa * bb);
    }
}
