package org.metarec.algorithms.meta;

import java.util.function.UnaryOperator;

/**
 * Conjugate gradient for {@code A x = b} with {@code A} symmetric positive definite, given only as the
 * product {@code v -> A v} (Hestenes and Stiefel 1952; the algorithm as in Nocedal and Wright,
 * Numerical Optimization, Algorithm 5.2), starting from {@code x = 0}:
 * <pre>
 *   r = b,  p = r
 *   repeat:  a = (r.r) / (p.A p);  x += a p;  r' = r - a A p;  stop when |r'| &lt;= tol |b|
 *            p = r' + ((r'.r') / (r.r)) p
 * </pre>
 * Implicit MAML solves {@code (I + H/lambda) x = grad L_query} with it, so that {@code H} appears only
 * through Hessian-vector products. That matrix is positive definite only where the support loss is
 * locally convex enough; where a direction of non-positive curvature {@code p.A p <= 0} turns up, the
 * solve stops there and returns its current iterate, or {@code b} itself if that happens on the first
 * iteration (the rule of the line-search Newton-CG method, Nocedal and Wright, Algorithm 7.1).
 */
public final class ConjugateGradient {

    private ConjugateGradient() {}

    /**
     * The result of a solve.
     *
     * @param x the approximate solution
     * @param iterations the products {@code A v} taken
     * @param residualNorm {@code |b - A x|} as the recurrence tracks it
     * @param negativeCurvature true when the solve stopped at a direction with {@code p.A p <= 0}
     */
    public record Solution(double[] x, int iterations, double residualNorm, boolean negativeCurvature) {}

    /**
     * Solves {@code A x = b}.
     *
     * @param a the product {@code v -> A v}; must not modify its argument
     * @param b the right-hand side. Not modified.
     * @param maxIterations the most products {@code A v} to take, &ge; 1
     * @param tolerance stop when the residual norm is at most {@code tolerance |b|}, &ge; 0
     */
    public static Solution solve(UnaryOperator<double[]> a, double[] b, int maxIterations, double tolerance) {
        if (maxIterations < 1 || !(tolerance >= 0)) {
            throw new IllegalArgumentException("conjugate gradient: expected at least 1 iteration and a tolerance "
                    + ">= 0, found " + maxIterations + " and " + tolerance);
        }
        int n = b.length;
        double[] x = new double[n];
        double[] r = b.clone();
        double[] p = b.clone();
        double rr = dot(r, r);
        double stop = tolerance * Math.sqrt(rr);
        int it = 0;
        while (it < maxIterations && Math.sqrt(rr) > stop && rr > 0) {
            double[] ap = a.apply(p);
            it++;
            double pap = dot(p, ap);
            if (!(pap > 0)) {
                return new Solution(it == 1 ? b.clone() : x, it, Math.sqrt(rr), true);
            }
            double alpha = rr / pap;
            for (int i = 0; i < n; i++) {
                x[i] += alpha * p[i];
                r[i] -= alpha * ap[i];
            }
            double next = dot(r, r);
            double beta = next / rr;
            for (int i = 0; i < n; i++) {
                p[i] = r[i] + beta * p[i];
            }
            rr = next;
        }
        return new Solution(x, it, Math.sqrt(rr), false);
    }

    private static double dot(double[] u, double[] v) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += u[i] * v[i];
        }
        return s;
    }
}
