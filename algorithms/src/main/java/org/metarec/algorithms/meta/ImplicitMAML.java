package org.metarec.algorithms.meta;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.Functions;
import org.metarec.autodiff.GradMode;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.kernel.Scratch;

/**
 * Implicit MAML (Rajeswaran, Finn, Kakade and Levine 2019): the inner problem is regularised towards
 * the meta-parameters,
 * <pre>
 *   phi_i  ~ argmin_phi  L_support_i(phi) + lambda/2 |phi - theta|^2
 *            by k steps  phi &lt;- phi - alpha (grad L_support_i(phi) + lambda (phi - theta)),  from phi = theta
 *   g_i    = (I + H_i / lambda)^{-1} grad L_query_i(phi_i),     H_i = Hessian of L_support_i at phi_i
 *   meta-gradient = mean_i g_i
 * </pre>
 * At an exact minimiser, {@code d phi_i / d theta = (I + H_i/lambda)^{-1}} (the paper's Lemma 1), so
 * {@code g_i} is the meta-gradient without differentiating through the inner steps: they keep no graph,
 * and {@code g_i} comes from conjugate gradient ({@link ConjugateGradient}) on Hessian-vector products
 * at {@code phi_i}. Memory is one support-loss graph at {@code phi_i}, whatever {@code k}.
 *
 * <p>Every parameter is adapted (the regulariser and the implicit Jacobian are over all of them).
 *
 * <p>References: A. Rajeswaran, C. Finn, S. Kakade, S. Levine. Meta-Learning with Implicit Gradients.
 * NeurIPS 2019.
 *
 * @param <B> the batch type
 */
public final class ImplicitMAML<B> implements MetaLearner<B> {

    /**
     * iMAML's own settings.
     *
     * @param lambda the regularisation strength, &gt; 0
     * @param cgIterations the most conjugate-gradient iterations (Hessian-vector products) per task, &ge; 1
     * @param cgTolerance CG stops when its residual is at most this times {@code |grad L_query|}, &ge; 0
     */
    public record Settings(double lambda, int cgIterations, double cgTolerance) {

        /** lambda = 1, 5 CG iterations, relative tolerance 1e-10. */
        public static final Settings DEFAULT = new Settings(1.0, 5, 1e-10);

        /** Checks the ranges. */
        public Settings {
            if (!(lambda > 0) || cgIterations < 1 || !(cgTolerance >= 0)) {
                throw new IllegalArgumentException("iMAML: expected lambda > 0, CG iterations >= 1 and a tolerance "
                        + ">= 0, found " + lambda + ", " + cgIterations + " and " + cgTolerance);
            }
        }
    }

    private final TaskLoss<B> loss;
    private final double innerLr;
    private final int innerSteps;
    private final Settings settings;

    /**
     * @param loss the model's loss
     * @param innerLr alpha, the step size of the inner problem
     * @param innerSteps k, the inner steps during meta-training
     * @param settings lambda and the CG budget
     */
    public ImplicitMAML(TaskLoss<B> loss, double innerLr, int innerSteps, Settings settings) {
        if (innerSteps < 0 || settings == null) {
            throw new IllegalArgumentException("iMAML: expected inner steps >= 0 and settings, found " + innerSteps
                    + " and " + settings);
        }
        this.loss = loss;
        this.innerLr = innerLr;
        this.innerSteps = innerSteps;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "imaml";
    }

    /**
     * {@code steps} steps on the regularised support loss, {@code phi - alpha (grad L(phi) + lambda (phi -
     * theta))}, with no graph: the result is a set of constants.
     */
    @Override
    public Params adapt(Params theta, B support, int steps) {
        Params anchor = theta.detach();
        Params phi = anchor;
        double lambda = settings.lambda();
        for (int s = 0; s < steps; s++) {
            // A scratch scope per step, phi copied out of it: a step's memory is reused by the next one,
            // so memory stays that of one step inside the meta-step's own scope too (TaskPool.step).
            try (Scratch step = Scratch.open(); GradMode.Scope scope = GradMode.noGrad()) {
                Params fast = phi.asVariables();
                Params grads;
                try (GradMode.Scope record = GradMode.enableGrad()) {
                    grads = Autodiff.grad(loss.apply(fast, support), fast, false);
                }
                List<Tensor> next = new ArrayList<>();
                for (String n : fast.names()) {
                    Tensor p = phi.get(n);
                    Tensor prox = grads.get(n).add(p.sub(anchor.get(n)).mul(lambda));
                    next.add(p.sub(prox.mul(innerLr)));
                }
                phi = Scratch.keep(phi.withValues(next));
            }
        }
        return phi;
    }

    /** The implicit meta-gradient of one task: CG on {@code (I + H/lambda) g = grad L_query(phi)}. */
    @Override
    public TaskResult taskGradient(Params theta, Task<B> task) {
        Params phi = adapt(theta, task.support(), innerSteps).asVariables();
        Tensor queryLoss = loss.apply(phi, task.query());
        double[] b = flatten(Autodiff.grad(queryLoss, phi, false).tensors());
        // The support gradient at phi, kept as a graph: each product H v is one backward pass through it.
        List<Tensor> supportGrad = Autodiff.grad(loss.apply(phi, task.support()), phi.tensors(), true, true);
        double lambda = settings.lambda();
        ConjugateGradient.Solution solution = ConjugateGradient.solve(v -> {
            double[] hv = hessianTimes(supportGrad, phi, v);
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i] + hv[i] / lambda;
            }
            return out;
        }, b, settings.cgIterations(), settings.cgTolerance());
        Params grad = theta.withValues(unflatten(solution.x(), theta.tensors()));
        return new TaskResult(queryLoss.item(), grad, phi.detach());
    }

    /** {@code H v}: the gradient of {@code <grad L, v>} with respect to phi (double backward). */
    private static double[] hessianTimes(List<Tensor> grad, Params phi, double[] v) {
        List<Tensor> direction = unflatten(v, phi.tensors());
        Tensor gv = null;
        for (int k = 0; k < grad.size(); k++) {
            Tensor term = Functions.dot(grad.get(k), direction.get(k));
            gv = gv == null ? term : Ops.add(gv, term);
        }
        if (gv == null || !gv.requiresGrad()) {   // the gradient does not depend on phi: H = 0
            return new double[v.length];
        }
        return flatten(Autodiff.grad(gv, phi.tensors(), false, true));
    }

    /** All entries of the tensors, one after the other, each row-major. */
    static double[] flatten(List<Tensor> tensors) {
        int n = 0;
        for (Tensor t : tensors) {
            n += t.size();
        }
        double[] out = new double[n];
        int at = 0;
        for (Tensor t : tensors) {
            System.arraycopy(t.data().data, 0, out, at, t.size());
            at += t.size();
        }
        return out;
    }

    /** Constants shaped like {@code shapes}, filled from {@code flat} in the order of {@link #flatten}. */
    static List<Tensor> unflatten(double[] flat, List<Tensor> shapes) {
        List<Tensor> out = new ArrayList<>();
        int at = 0;
        for (Tensor s : shapes) {
            DMatrixRMaj m = new DMatrixRMaj(s.rows(), s.cols());
            System.arraycopy(flat, at, m.data, 0, s.size());
            at += s.size();
            out.add(Tensor.constant(m));
        }
        return out;
    }

    /** lambda and the CG budget. */
    public Settings settings() {
        return settings;
    }
}
