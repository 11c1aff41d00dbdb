package org.metarec.algorithms.meta;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.GradMode;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

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
 * <p>The inner loop may adapt a subset {@code phi} of the parameters (a recommender's user-side ones), the
 * others {@code w} being shared and fixed within a task. {@code phi*(theta, w)} then solves
 * {@code grad_phi L_s(phi, w) + lambda (phi - theta) = 0}, and the implicit function theorem gives the
 * gradient with respect to {@code w} of {@code L_q(phi*, w)}:
 * <pre>
 *   d/dw L_q(phi*, w) = d_w L_q - (d^2 L_s / dw dphi) v,     v = (H_phiphi + lambda I)^{-1} grad_phi L_q = g_i / lambda
 * </pre>
 * where the mixed term is one more backward pass, {@code grad_w <grad_phi L_s, v>}
 * ({@link Autodiff#hvpOfGrad}). With every parameter adapted there is no {@code w} and no mixed term.
 *
 * <p>References: A. Rajeswaran, C. Finn, S. Kakade, S. Levine. Meta-Learning with Implicit Gradients.
 * NeurIPS 2019 (section 3 and Lemma 1; the mixed term is the same implicit differentiation applied to
 * {@code w}).
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
     * @param lineSearch true for inner steps with a backtracking line search on the regularised support loss
     *                   (never increases it), false for fixed steps of the inner rate (the paper's and the
     *                   reference cases' form)
     */
    public record Settings(double lambda, int cgIterations, double cgTolerance, boolean lineSearch) {

        /** lambda = 1, 5 CG iterations, relative tolerance 1e-10, fixed inner steps. */
        public static final Settings DEFAULT = new Settings(1.0, 5, 1e-10, false);

        /** Fixed inner steps. */
        public Settings(double lambda, int cgIterations, double cgTolerance) {
            this(lambda, cgIterations, cgTolerance, false);
        }

        /** Checks the ranges. */
        public Settings {
            if (!(lambda > 0) || cgIterations < 1 || !(cgTolerance >= 0)) {
                throw new IllegalArgumentException("iMAML: expected lambda > 0, CG iterations >= 1 and a tolerance "
                        + ">= 0, found " + lambda + ", " + cgIterations + " and " + cgTolerance);
            }
        }
    }

    private final InnerLoop<B> inner;
    private final double innerLr;
    private final int innerSteps;
    private final Settings settings;

    /**
     * iMAML over every parameter.
     *
     * @param loss the model's loss
     * @param innerLr alpha, the step size of the inner problem
     * @param innerSteps k, the inner steps during meta-training
     * @param settings lambda and the CG budget
     */
    public ImplicitMAML(TaskLoss<B> loss, double innerLr, int innerSteps, Settings settings) {
        this(loss, innerLr, innerSteps, null, settings);
    }

    /**
     * @param loss the model's loss
     * @param innerLr alpha, the step size of the inner problem
     * @param innerSteps k, the inner steps during meta-training
     * @param adapted names of the parameters the inner problem adapts, or null for all
     * @param settings lambda and the CG budget
     */
    public ImplicitMAML(TaskLoss<B> loss, double innerLr, int innerSteps, List<String> adapted, Settings settings) {
        if (innerSteps < 0 || settings == null) {
            throw new IllegalArgumentException("iMAML: expected inner steps >= 0 and settings, found " + innerSteps
                    + " and " + settings);
        }
        this.inner = new InnerLoop<>(loss, adapted);
        this.innerLr = innerLr;
        this.innerSteps = innerSteps;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "imaml";
    }

    /** Its adaptation is the regularised solve; its meta-parameters are trained for that solve's result. */
    @Override
    public boolean adaptsByOwnSolver() {
        return true;
    }

    @Override
    public List<String> adaptedNames(Params theta) {
        return inner.adaptedNames(theta);
    }

    /**
     * {@code steps} steps on the regularised support loss, {@code phi - alpha (grad L(phi) + lambda (phi -
     * theta))}, with no graph: the result is a set of constants.
     */
    @Override
    public Params adapt(Params theta, B support, int steps) {
        if (settings.lineSearch()) {
            return adaptWithLineSearch(theta, support, steps, null);
        }
        return inner.run(theta, theta, support, steps, this::proximalStep, InnerLoop.Batches.fullBatch(), false);
    }

    /** The iterates of {@link #adapt} after 0, 1, ..., {@code steps} steps, in one pass. */
    @Override
    public List<Params> adaptationPath(Params meta, B support, int steps) {
        if (settings.lineSearch()) {
            List<Params> path = new ArrayList<>();
            path.add(meta.detach());
            adaptWithLineSearch(meta, support, steps, path);
            return path;
        }
        return inner.path(meta, meta, support, steps, this::proximalStep, InnerLoop.Batches.fullBatch());
    }

    /**
     * Gradient descent on {@code G(phi) = L_support(phi) + lambda/2 |phi - theta|^2} with a backtracking
     * (Armijo) line search: each step tries {@code t = alpha, alpha/2, ...} along {@code d = grad G(phi)} and takes
     * the first {@code t} with {@code G(phi - t d) <= G(phi) - c t |d|^2}. G never increases, whatever the
     * curvature of the support loss; with a fixed step it diverges once that curvature exceeds
     * {@code 2/alpha - lambda}, which meta-training can reach (docs/reproductions.md, sinusoid). The solve
     * stops early when no trial step decreases G (phi is then stationary to working precision).
     *
     * @param path when not null, receives phi after each step ({@code steps} entries, the last repeated if the
     *             solve stops early)
     */
    private Params adaptWithLineSearch(Params theta, B support, int steps, List<Params> path) {
        List<String> names = adaptedNames(theta);
        List<Tensor> anchor = theta.subset(names).tensors();
        double[] th = flatten(anchor);
        double lambda = settings.lambda();
        Params phi = theta.detach();
        for (int step = 0; step < steps; step++) {
            Params fast = phi.subset(names).asVariables();
            double value;
            Params grads;
            try (GradMode.Scope record = GradMode.enableGrad()) {
                Tensor loss = inner.loss().apply(phi.merge(fast), support);
                value = loss.item();
                grads = Autodiff.grad(loss, fast, false);
            }
            double[] x = flatten(fast.tensors());
            double[] d = flatten(grads.tensors());
            double dd = 0;
            double reg = 0;
            for (int i = 0; i < x.length; i++) {
                d[i] += lambda * (x[i] - th[i]);
                dd += d[i] * d[i];
                reg += (x[i] - th[i]) * (x[i] - th[i]);
            }
            double g0 = value + 0.5 * lambda * reg;
            Params accepted = null;
            double t = innerLr;
            for (int trial = 0; trial < MAX_HALVINGS && accepted == null; trial++, t *= 0.5) {
                double[] y = new double[x.length];
                double yreg = 0;
                for (int i = 0; i < x.length; i++) {
                    y[i] = x[i] - t * d[i];
                    yreg += (y[i] - th[i]) * (y[i] - th[i]);
                }
                Params candidate = phi.merge(fast.withValues(unflatten(y, anchor)));
                double gy;
                try (GradMode.Scope s = GradMode.noGrad()) {
                    gy = inner.loss().apply(candidate, support).item() + 0.5 * lambda * yreg;
                }
                if (gy <= g0 - ARMIJO * t * dd) {
                    accepted = candidate;
                }
            }
            if (accepted == null) {
                // No trial decreased G: phi is stationary to working precision, and so are the later iterates.
                while (path != null && path.size() <= steps) {
                    path.add(phi);
                }
                break;
            }
            phi = accepted;
            if (path != null) {
                path.add(phi);
            }
        }
        return phi;
    }

    /** Sufficient-decrease constant of the line search (Nocedal and Wright suggest 1e-4). */
    private static final double ARMIJO = 1e-4;
    /** The most step halvings per inner step: 2^-30 alpha is below any useful step. */
    private static final int MAX_HALVINGS = 30;

    /** {@code p - alpha (g + lambda (p - theta))}, theta read from the meta-parameters. */
    private Tensor proximalStep(int step, String name, Tensor p, Tensor g, Params theta) {
        return p.addScaled(-innerLr, g.add(p.sub(theta.get(name)).mul(settings.lambda())));
    }

    /**
     * The implicit meta-gradient of one task: CG on {@code (I + H/lambda) g = grad_phi L_query(phi)} for the
     * adapted parameters, and {@code d_w L_query - (d^2 L_support / dw dphi) g / lambda} for the others. With no
     * inner steps, phi is theta and the gradient that of {@code L_query(theta)}.
     */
    @Override
    public TaskResult taskGradient(Params theta, Task<B> task) {
        Params params = adapt(theta, task.support(), innerSteps).asVariables();
        List<String> names = adaptedNames(theta);
        Params phi = params.subset(names);
        Tensor queryLoss = inner.loss().apply(params, task.query());
        Params queryGrad = params.withValues(Autodiff.grad(queryLoss, params.tensors(), false, true));
        if (innerSteps == 0) {
            // No inner step: phi = theta exactly, and the meta-loss is L_query(theta) (a recommender's K = 0 users,
            // who have no support set to take a Hessian on).
            return new TaskResult(queryLoss.item(), theta.withValues(queryGrad.tensors()), params.detach());
        }
        double[] b = flatten(queryGrad.subset(names).tensors());
        // The support gradient w.r.t. phi at phi, kept as a graph: each product H v is one backward pass through it.
        List<Tensor> supportGrad = Autodiff.grad(inner.loss().apply(params, task.support()), phi.tensors(), true, true);
        double lambda = settings.lambda();
        ConjugateGradient.Solution solution = ConjugateGradient.solve(v -> {
            double[] hv = flatten(Autodiff.hvpOfGrad(supportGrad, unflatten(v, phi.tensors()), phi.tensors(), false));
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i] + hv[i] / lambda;
            }
            return out;
        }, b, settings.cgIterations(), settings.cgTolerance());
        Params adaptedGrad = phi.withValues(unflatten(solution.x(), phi.tensors()));
        if (names.size() == params.size()) {
            return new TaskResult(queryLoss.item(), theta.withValues(adaptedGrad.tensors()), params.detach());
        }
        Params shared = params.subset(theta.names().stream().filter(n -> !names.contains(n)).toList());
        List<Tensor> mixed = Autodiff.hvpOfGrad(supportGrad, adaptedGrad.map(x -> x.mul(1.0 / lambda)).tensors(),
                shared.tensors(), false);
        Params sharedGrad = shared.withValues(mixed).zip(queryGrad.subset(shared.names()), (m, q) -> q.sub(m));
        return new TaskResult(queryLoss.item(), theta.merge(adaptedGrad).merge(sharedGrad),
                params.detach());
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
