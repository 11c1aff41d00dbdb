package org.metarec.algorithms.meta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.data.XYBatch;
import org.metarec.algorithms.meta.MetaLearnerPropertiesTest.Problem;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.check.Property;

/**
 * Implicit MAML: its conjugate-gradient solution equals a direct solve of {@code (I + H/lambda) x = g}
 * with the Hessian assembled column by column, its meta-gradient equals finite differences of the
 * meta-loss once the inner problem has converged (over every parameter, and over a subset, where the others
 * get the mixed term), and its inner loop keeps no graph.
 */
class ImplicitMAMLTest {

    /** Enough CG iterations and a tight tolerance: the solve is exact to rounding. */
    private static ImplicitMAML.Settings exact(double lambda) {
        return new ImplicitMAML.Settings(lambda, 400, 1e-15);
    }

    @Test
    void conjugateGradientEqualsADirectSolveOnASmallNetwork() {
        Property.forAll("iMAML CG = EJML solve of (I + H/lambda) x = grad L_query", 71L, 6, 4, c -> {
            Problem p = MetaLearnerPropertiesTest.problem(c);
            double lambda = 2.0 + c.rng().nextDouble();
            ImplicitMAML<XYBatch> imaml = new ImplicitMAML<>(p.loss(), 0.1, 30, exact(lambda));
            Task<XYBatch> task = p.tasks().get(0);
            Params phi = imaml.adapt(p.theta(), task.support(), 30).asVariables();
            // A = I + H/lambda, column j = e_j + H e_j / lambda, each H e_j from the engine's own hvp.
            int n = phi.numel();
            DMatrixRMaj a = new DMatrixRMaj(n, n);
            for (int j = 0; j < n; j++) {
                double[] e = new double[n];
                e[j] = 1;
                Tensor support = p.loss().apply(phi, task.support());
                double[] hv = ImplicitMAML.flatten(Autodiff.hvp(support, phi.tensors(),
                        ImplicitMAML.unflatten(e, phi.tensors()), false));
                for (int i = 0; i < n; i++) {
                    a.set(i, j, (i == j ? 1 : 0) + hv[i] / lambda);
                }
            }
            double[] b = ImplicitMAML.flatten(Autodiff.grad(p.loss().apply(phi, task.query()), phi, false).tensors());
            DMatrixRMaj x = new DMatrixRMaj(n, 1);
            assertTrue(CommonOps_DDRM.solve(a, new DMatrixRMaj(n, 1, true, b), x), c + ": singular system");
            double[] got = ImplicitMAML.flatten(imaml.taskGradient(p.theta(), task).gradient().tensors());
            for (int i = 0; i < n; i++) {
                assertEquals(x.data[i], got[i], 1e-11 * (1 + Math.abs(x.data[i])), c + ": entry " + i);
            }
        });
    }

    @Test
    void metaGradientEqualsFiniteDifferencesOfTheConvergedMetaLoss() {
        Property.forAll("iMAML gradient = d mean_i L_query(phi_i*(theta)) / d theta", 72L, 4, 3, c -> {
            Problem p = MetaLearnerPropertiesTest.problem(c);
            double lambda = 4.0;
            int steps = 300;   // alpha (lambda + |H|) < 2 and enough steps to converge to rounding
            ImplicitMAML<XYBatch> imaml = new ImplicitMAML<>(p.loss(), 0.15, steps, exact(lambda));
            Params grad;
            try (TaskPool pool = new TaskPool(1)) {
                grad = pool.step(imaml, p.theta(), p.tasks()).gradient();
            }
            MetaLearnerPropertiesTest.assertMatchesFiniteDifferences(grad, p.theta(), p.theta().names(),
                    t -> MetaLearnerPropertiesTest.metaLoss(imaml, t, p.tasks(), p.loss(), steps), c.toString());
        });
    }

    @Test
    void theInnerLoopSolvesTheRegularisedProblemAndKeepsNoGraph() {
        Property.forAll("iMAML inner loop: stationary point of L + lambda/2 |phi - theta|^2, constants", 73L, 4, 3, c -> {
            Problem p = MetaLearnerPropertiesTest.problem(c);
            double lambda = 4.0;
            ImplicitMAML<XYBatch> imaml = new ImplicitMAML<>(p.loss(), 0.15, 300, exact(lambda));
            Task<XYBatch> task = p.tasks().get(0);
            Params phi = imaml.adapt(p.theta(), task.support(), 300);
            for (Tensor t : phi.tensors()) {
                assertFalse(t.requiresGrad(), c + ": an adapted tensor is in a graph");
                assertTrue(t.isLeaf(), c + ": an adapted tensor remembers how it was computed");
            }
            Params v = phi.asVariables();
            Params g = Autodiff.grad(p.loss().apply(v, task.support()), v, false);
            for (String n : phi.names()) {
                double[] gn = g.get(n).toArray(), pn = phi.get(n).toArray(), tn = p.theta().get(n).toArray();
                for (int e = 0; e < gn.length; e++) {
                    assertEquals(0.0, gn[e] + lambda * (pn[e] - tn[e]), 1e-10, c + ": proximal gradient of " + n);
                }
            }
        });
    }

    /** G(phi) = L_support(phi) + lambda/2 |phi - theta|^2, the inner objective. */
    private static double regularised(Problem p, Params theta, Params phi, XYBatch support, double lambda) {
        double reg = 0;
        for (String n : theta.names()) {
            double[] a = phi.get(n).toArray(), b = theta.get(n).toArray();
            for (int i = 0; i < a.length; i++) {
                reg += (a[i] - b[i]) * (a[i] - b[i]);
            }
        }
        try (org.metarec.autodiff.GradMode.Scope s = org.metarec.autodiff.GradMode.noGrad()) {
            return p.loss().apply(phi, support).item() + 0.5 * lambda * reg;
        }
    }

    @Test
    void withTheLineSearchTheInnerObjectiveNeverIncreasesWhereFixedStepsDiverge() {
        Property.forAll("iMAML line search: G(phi_s) non-increasing at an inner rate that diverges", 74L, 6, 3, c -> {
            Problem p = MetaLearnerPropertiesTest.problem(c);
            double lambda = 2.0;
            double rate = 5.0;   // alpha (lambda + |H|) > 2: the fixed-step solve overshoots from its first step
            ImplicitMAML<XYBatch> searched = new ImplicitMAML<>(p.loss(), rate, 20,
                    new ImplicitMAML.Settings(lambda, 5, 1e-10, true));
            ImplicitMAML<XYBatch> fixed = new ImplicitMAML<>(p.loss(), rate, 20, exact(lambda));
            XYBatch support = p.tasks().get(0).support();
            List<Params> path = searched.adaptationPath(p.theta(), support, 20);
            assertEquals(21, path.size(), c + ": path length");
            double previous = regularised(p, p.theta(), path.get(0), support, lambda);
            for (int s = 1; s < path.size(); s++) {
                double g = regularised(p, p.theta(), path.get(s), support, lambda);
                assertTrue(g <= previous, c + ": G rose at step " + s + ": " + previous + " -> " + g);
                previous = g;
            }
            double start = regularised(p, p.theta(), p.theta(), support, lambda);
            double fixedEnd = regularised(p, p.theta(), fixed.adapt(p.theta(), support, 1), support, lambda);
            assertTrue(fixedEnd > start, c + ": the fixed step of " + rate + " was expected to overshoot ("
                    + start + " -> " + fixedEnd + "), so the case would not test the search");
            assertTrue(previous < start, c + ": the searched solve made no progress");
        });
    }

    @Test
    void withTheLineSearchAtASmallRateTheStepsAreTheFixedOnesAndThePathMatchesAdapt() {
        Property.forAll("iMAML line search at a small rate = fixed steps; path(s) = adapt(s)", 75L, 6, 3, c -> {
            Problem p = MetaLearnerPropertiesTest.problem(c);
            double lambda = 1.5;
            // A small rate: the first trial t = alpha always passes the Armijo test, so nothing is halved.
            ImplicitMAML<XYBatch> searched = new ImplicitMAML<>(p.loss(), 0.01, 6,
                    new ImplicitMAML.Settings(lambda, 5, 1e-10, true));
            ImplicitMAML<XYBatch> fixed = new ImplicitMAML<>(p.loss(), 0.01, 6, exact(lambda));
            XYBatch support = p.tasks().get(0).support();
            List<Params> path = searched.adaptationPath(p.theta(), support, 6);
            for (int s = 0; s <= 6; s++) {
                Params want = fixed.adapt(p.theta(), support, s);
                Params alone = searched.adapt(p.theta(), support, s);
                for (String n : want.names()) {
                    assertArrayEquals(want.get(n).toArray(), path.get(s).get(n).toArray(), 1e-13,
                            c + ": path step " + s + ", " + n);
                    assertArrayEquals(path.get(s).get(n).toArray(), alone.get(n).toArray(), 0.0,
                            c + ": adapt(" + s + ") differs from the path, " + n);
                }
            }
            assertTrue(searched.adaptsByOwnSolver(), "iMAML adapts by its own solve at test time");
        });
    }

    @Test
    void metaStepEqualsItsTasksOneByOne() {
        Property.forAll("iMAML meta-step = its tasks one by one", 74L, 4, 4, c -> {
            Problem p = MetaLearnerPropertiesTest.problem(c);
            ImplicitMAML<XYBatch> imaml = new ImplicitMAML<>(p.loss(), 0.1, 5, ImplicitMAML.Settings.DEFAULT);
            MetaStepOracle.assertStepMatchesPlainLoop(imaml, p.theta(), p.tasks(), c.toString());
        });
    }

    @Test
    void conjugateGradientSolvesSymmetricPositiveDefiniteSystems() {
        SplittableRandom rng = new SplittableRandom(75);
        for (int n = 1; n <= 12; n++) {
            DMatrixRMaj m = new DMatrixRMaj(n, n);
            for (int i = 0; i < n * n; i++) {
                m.data[i] = rng.nextDouble(-1, 1);
            }
            DMatrixRMaj a = new DMatrixRMaj(n, n);
            CommonOps_DDRM.multTransA(m, m, a);
            for (int i = 0; i < n; i++) {
                a.add(i, i, 0.5);   // smallest eigenvalue at least 0.5
            }
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                b[i] = rng.nextDouble(-1, 1);
            }
            DMatrixRMaj want = new DMatrixRMaj(n, 1);
            CommonOps_DDRM.solve(a, new DMatrixRMaj(n, 1, true, b), want);
            ConjugateGradient.Solution s = ConjugateGradient.solve(v -> times(a, v), b, 10 * n, 1e-14);
            for (int i = 0; i < n; i++) {
                assertEquals(want.data[i], s.x()[i], 1e-11, "n = " + n + ", entry " + i);
            }
            assertTrue(s.residualNorm() <= 1e-13, "n = " + n + ": residual " + s.residualNorm());
        }
        assertFalse(ConjugateGradient.solve(v -> times(CommonOps_DDRM.diag(2.0, 3.0), v), new double[] {1, 1}, 5, 0)
                .negativeCurvature());
    }

    @Test
    void conjugateGradientStopsAtNegativeCurvatureWithItsLastIterate() {
        // b = (1, 1) on diag(1, -1): p.A p = 0 at once, so the answer is b (Nocedal and Wright, Algorithm 7.1).
        ConjugateGradient.Solution first = ConjugateGradient.solve(v -> times(CommonOps_DDRM.diag(1.0, -1.0), v),
                new double[] {1, 1}, 5, 0);
        assertTrue(first.negativeCurvature());
        assertEquals(1, first.iterations());
        assertEquals(List.of(1.0, 1.0), List.of(first.x()[0], first.x()[1]));
        // diag(1, 1, -0.5), b = (1, 0, 1): the first direction has curvature 0.5 > 0, the second turns negative;
        // the solve keeps the first step x = (rr / pAp) b = 4 b and stops.
        ConjugateGradient.Solution second = ConjugateGradient.solve(
                v -> times(CommonOps_DDRM.diag(1.0, 1.0, -0.5), v), new double[] {1, 0, 1}, 5, 0);
        assertTrue(second.negativeCurvature());
        assertEquals(2, second.iterations());
        assertEquals(4.0, second.x()[0], 1e-15);
        assertEquals(4.0, second.x()[2], 1e-15);
    }

    /** A non-empty strict subset of the names, drawn from the case's stream (the first always among them or not). */
    private static List<String> strictSubset(Property.Case c, List<String> names) {
        List<String> subset = new ArrayList<>();
        while (subset.isEmpty() || subset.size() == names.size()) {
            subset.clear();
            for (String n : names) {
                if (c.rng().nextBoolean()) {
                    subset.add(n);
                }
            }
        }
        return subset;
    }

    @Test
    void withASubsetAdaptedTheGradientOfEveryParameterEqualsFiniteDifferencesOfTheConvergedMetaLoss() {
        // phi = the adapted subset, w = the rest: d/dw L_q(phi*(theta, w), w) needs the mixed term
        // -(d^2 L_s / dw dphi) (H + lambda I)^{-1} grad_phi L_q, which finite differences of the exact meta-loss see.
        double[] largestMixed = new double[1];
        Property.forAll("iMAML on a subset: gradient = d mean_i L_query(phi_i*(theta, w), w) / d (theta, w)", 76L, 6, 3,
                c -> {
            Problem p = MetaLearnerPropertiesTest.problem(c);
            List<String> adapted = strictSubset(c, p.theta().names());
            double lambda = 4.0;
            int steps = 300;   // alpha (lambda + |H|) < 2 and enough steps to converge to rounding
            ImplicitMAML<XYBatch> imaml = new ImplicitMAML<>(p.loss(), 0.15, steps, adapted, exact(lambda));
            assertEquals(adapted, imaml.adaptedNames(p.theta()), c + ": adapted names");
            Params grad;
            try (TaskPool pool = new TaskPool(1)) {
                grad = pool.step(imaml, p.theta(), p.tasks()).gradient();
            }
            // The same learner without the mixed term, to show that the property sees it.
            Params queryOnly = queryGradientAtTheSolution(imaml, p);
            MetaLearnerPropertiesTest.assertMatchesFiniteDifferences(grad, p.theta(), p.theta().names(),
                    t -> MetaLearnerPropertiesTest.metaLoss(imaml, t, p.tasks(), p.loss(), steps), c + ", adapted " + adapted);
            for (String name : p.theta().names()) {
                double[] analytic = grad.get(name).toArray(), partial = queryOnly.get(name).toArray();
                for (int e = 0; e < analytic.length && !adapted.contains(name); e++) {
                    largestMixed[0] = Math.max(largestMixed[0], Math.abs(analytic[e] - partial[e]));
                }
            }
        });
        assertTrue(largestMixed[0] > 1e-4, "the mixed term is negligible in every case (" + largestMixed[0]
                + "): the property would not tell it from the partial gradient");
    }

    /** mean_i d_w L_query_i at the converged phi_i, w held fixed: the shared parameters' gradient without the mixed term. */
    private static Params queryGradientAtTheSolution(ImplicitMAML<XYBatch> imaml, Problem p) {
        Params sum = null;
        for (Task<XYBatch> t : p.tasks()) {
            Params phi = imaml.adapt(p.theta(), t.support(), 300).asVariables();
            Params g = Autodiff.grad(p.loss().apply(phi, t.query()), phi, false);
            sum = sum == null ? g : sum.zip(g, Tensor::add);
        }
        return sum.map(g -> g.mul(1.0 / p.tasks().size()));
    }

    @Test
    void withASubsetTheInnerLoopMovesOnlyThatSubset() {
        Property.forAll("iMAML on a subset: the others stay at theta", 77L, 4, 3, c -> {
            Problem p = MetaLearnerPropertiesTest.problem(c);
            List<String> adapted = strictSubset(c, p.theta().names());
            ImplicitMAML<XYBatch> imaml = new ImplicitMAML<>(p.loss(), 0.1, 5, adapted, ImplicitMAML.Settings.DEFAULT);
            Params phi = imaml.adapt(p.theta(), p.tasks().get(0).support(), 5);
            for (String n : p.theta().names()) {
                boolean same = java.util.Arrays.equals(p.theta().get(n).toArray(), phi.get(n).toArray());
                assertEquals(!adapted.contains(n), same, c + ": " + n + (same ? " did not move" : " moved"));
            }
        });
    }

    @Test
    void withoutInnerStepsTheGradientIsTheQueryGradientAtTheta() {
        // phi = theta exactly, so the meta-loss is L_query(theta): first-order MAML's gradient with no steps, to the bit.
        Property.forAll("iMAML, 0 inner steps = grad L_query(theta)", 78L, 4, 3, c -> {
            Problem p = MetaLearnerPropertiesTest.problem(c);
            List<String> adapted = strictSubset(c, p.theta().names());
            ImplicitMAML<XYBatch> imaml = new ImplicitMAML<>(p.loss(), 0.1, 0, adapted, ImplicitMAML.Settings.DEFAULT);
            Task<XYBatch> task = p.tasks().get(0);
            Params got = imaml.taskGradient(p.theta(), task).gradient();
            Params want = new FirstOrderMAML<>(p.loss(), 0.1, 0).taskGradient(p.theta(), task).gradient();
            for (String n : p.theta().names()) {
                assertArrayEquals(want.get(n).toArray(), got.get(n).toArray(), 0.0, c + ": " + n);
            }
        });
    }

    @Test
    void iMamlAdaptsTheLocalParametersLikeMaml() {
        assertEquals(List.of("W1"), MetaMethod.IMAML.adaptedNames(List.of("W1"), List.of("W2")));
        assertEquals(null, MetaMethod.IMAML.adaptedNames(null, List.of("W2")));
        MetaLearnerSettings<XYBatch> s = MetaLearnerSettings.<XYBatch>of((p, b) -> Tensor.scalar(0), 0.1, 1);
        Params theta = Params.of("W1", Tensor.scalar(1), "W2", Tensor.scalar(2));
        assertEquals(List.of("W2"), MetaMethod.IMAML.learner(s.withAdapted(List.of("W2"))).adaptedNames(theta));
        assertEquals(List.of("W1", "W2"), MetaMethod.IMAML.learner(s).adaptedNames(theta));
    }

    private static double[] times(DMatrixRMaj a, double[] v) {
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, 1);
        CommonOps_DDRM.mult(a, new DMatrixRMaj(v.length, 1, true, v), out);
        return out.data;
    }
}
