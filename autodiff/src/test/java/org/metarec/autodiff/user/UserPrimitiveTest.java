package org.metarec.autodiff.user;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.Backward;
import org.metarec.autodiff.GradMode;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.check.GradCheck;
import org.metarec.autodiff.check.GradCheckException;
import org.metarec.autodiff.check.Property;

/**
 * A primitive defined outside the engine's package, with its public API only, as a user would: the
 * example of {@code docs/autodiff.md}, section "A new primitive", run over seeded random shapes (1x1,
 * 1xN, Nx1 first) like the built-in primitives in {@code OpsGradientTest}.
 */
class UserPrimitiveTest {

    private static final int CASES = 10;
    private static final int MAX_DIM = 5;

    /** x^3 as a new primitive: the forward pass on the raw numbers, the rule 3 x^2 g with tensor operations. */
    static Tensor cube(Tensor x) {
        DMatrixRMaj out = new DMatrixRMaj(x.rows(), x.cols());
        for (int i = 0; i < x.size(); i++) {
            double v = x.data().data[i];
            out.data[i] = v * v * v;
        }
        return Tensor.result(out, "cube", (g, self, need) -> new Tensor[] {g.mul(x.mul(x)).mul(3.0)}, x);
    }

    /** The same primitive with its rule computed on the raw numbers: right values, no second derivative. */
    static Tensor cubeWithRawRule(Tensor x) {
        DMatrixRMaj out = new DMatrixRMaj(x.rows(), x.cols());
        DMatrixRMaj slope = new DMatrixRMaj(x.rows(), x.cols());
        for (int i = 0; i < x.size(); i++) {
            double v = x.data().data[i];
            out.data[i] = v * v * v;
            slope.data[i] = 3 * v * v;
        }
        return Tensor.result(out, "cube", (g, self, need) -> new Tensor[] {g.mul(Tensor.constant(slope))}, x);
    }

    @Test
    void firstDerivativeMatchesFiniteDifferences() {
        Property.forAll("cube: first derivative", 31L, CASES, MAX_DIM,
                c -> GradCheck.check(in -> cube(in.get(0)), List.of(c.matrix(c.rows(), c.cols(), -2, 2))));
    }

    @Test
    void secondDerivativeMatchesFiniteDifferencesOfTheGradient() {
        Property.forAll("cube: second derivative", 32L, CASES, MAX_DIM,
                c -> GradCheck.checkSecondOrder(in -> cube(in.get(0)), List.of(c.matrix(c.rows(), c.cols(), -2, 2))));
    }

    @Test
    void thirdDerivativeMatchesFiniteDifferencesToo() {
        Property.forAll("cube: third derivative", 33L, CASES, MAX_DIM,
                c -> GradCheck.checkThirdOrder(in -> cube(in.get(0)), List.of(c.matrix(c.rows(), c.cols(), -2, 2)),
                        GradCheck.Options.defaults()));
    }

    @Test
    void valueAndDerivativesAreTheClosedForms() {
        // (v v) v rounds as x.mul(x).mul(x) does; d/dx x^3 = 3 x^2, d2/dx2 = 6 x (sums over a row: grad of sum).
        Property.forAll("cube(x) = x x x; grad sum cube = 3 x^2; grad sum grad = 6 x", 34L, CASES, MAX_DIM, c -> {
            Tensor x = c.matrix(c.rows(), c.cols(), -2, 2).asVariable();
            Tensor y = cube(x);
            assertArrayEquals(x.mul(x).mul(x).toArray(), y.toArray(), 0.0, c + ": value");
            Tensor d1 = Autodiff.grad(y.sum(), List.of(x), true).get(0);
            Tensor d2 = Autodiff.grad(d1.sum(), List.of(x), false).get(0);
            double[] v = x.toArray(), g1 = d1.toArray(), g2 = d2.toArray();
            for (int i = 0; i < v.length; i++) {
                assertEquals(3 * v[i] * v[i], g1[i], 1e-12 * (1 + g1[i]), c + ": first derivative, entry " + i);
                assertEquals(6 * v[i], g2[i], 1e-12 * (1 + Math.abs(g2[i])), c + ": second derivative, entry " + i);
            }
        });
    }

    @Test
    void recordsTheGraphOnlyWhereABuiltInOperationWould() {
        Tensor x = Tensor.row(-1.5, 0.5, 2.0).asVariable();
        Tensor y = cube(x);
        assertTrue(y.requiresGrad(), "recording on and the input requires a gradient: " + y);
        assertFalse(y.isLeaf(), "the result keeps its input and rule: " + y);
        assertEquals("cube", y.op());
        try (GradMode.Scope noGraph = GradMode.noGrad()) {
            Tensor z = cube(x);
            assertFalse(z.requiresGrad(), "recording off: a constant, as from the built-in pow: " + z);
            assertFalse(x.pow(3).requiresGrad());
            assertTrue(z.isLeaf(), "recording off: nothing kept: " + z);
        }
        Tensor fromData = cube(Tensor.row(1.0, 2.0));
        assertFalse(fromData.requiresGrad(), "no input requires a gradient: " + fromData);
        assertTrue(fromData.isLeaf(), "no input requires a gradient: " + fromData);
        assertArrayEquals(y.toArray(), cube(x.detach()).toArray(), 0.0, "the same value with or without a graph");
    }

    @Test
    void aRuleOnRawNumbersLosesTheSecondDerivative() {
        Tensor at = Tensor.row(-1.5, 0.5, 2.0);
        GradCheck.check(in -> cube(in.get(0)), List.of(at));
        GradCheck.checkSecondOrder(in -> cube(in.get(0)), List.of(at));
        GradCheck.check(in -> cubeWithRawRule(in.get(0)), List.of(at));   // first order: passes
        GradCheckException e = assertThrows(GradCheckException.class,
                () -> GradCheck.checkSecondOrder(in -> cubeWithRawRule(in.get(0)), List.of(at)));
        assertTrue(e.getMessage().startsWith("GradCheck (second order) failed for input 0 (1x3)"), e.getMessage());
        assertTrue(e.getMessage().contains("analytic 0.0"), e.getMessage());
    }

    @Test
    void aPrimitiveWithAMissingPartIsRefusedByName() {
        Tensor x = Tensor.row(1.0, 2.0).asVariable();
        DMatrixRMaj out = x.data().copy();
        Backward identity = (g, self, need) -> new Tensor[] {g};
        List<String> problems = List.of(
                message(() -> Tensor.result(out, null, identity, x)),
                message(() -> Tensor.result(null, "id", identity, x)),
                message(() -> Tensor.result(out, "id", null, x)),
                message(() -> Tensor.result(out, "id", identity)),
                message(() -> Tensor.result(out, "id", identity, x, null)));
        assertEquals(List.of(
                "Tensor.result (operation null): the name is null",
                "Tensor.result (operation id): the value is null",
                "Tensor.result (operation id): the backward rule is null",
                "Tensor.result (operation id): there are no inputs",
                "Tensor.result (operation id): input 1 is null"), problems);
    }

    private static String message(Runnable makeResult) {
        return assertThrows(IllegalArgumentException.class, makeResult::run).getMessage();
    }
}
