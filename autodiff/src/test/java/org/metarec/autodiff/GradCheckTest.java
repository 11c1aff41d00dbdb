package org.metarec.autodiff;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.metarec.autodiff.check.GradCheck;
import org.metarec.autodiff.check.GradCheckException;
import org.metarec.autodiff.check.Property;
import org.junit.jupiter.api.Test;

/** GradCheck must catch wrong rules, at first and at second order, and say where. */
class GradCheckTest {

    /** sin with a wrong derivative: 1.01 cos(x). */
    static Tensor sinWrongSlope(Tensor a) {
        return Tensor.result(Ops.sin(a).data(), "sinWrongSlope",
                (g, self, need) -> new Tensor[] {Ops.mul(g, Ops.mulScalar(Ops.cos(a), 1.01))}, a);
    }

    /** sin whose first derivative is right but computed as a constant, so its second derivative is lost. */
    static Tensor sinFirstOrderOnly(Tensor a) {
        return Tensor.result(Ops.sin(a).data(), "sinFirstOrderOnly",
                (g, self, need) -> new Tensor[] {Ops.mul(g, Ops.cos(a.detach()))}, a);
    }

    @Test
    void acceptsACorrectRule() {
        Tensor x = Tensor.of(new double[][] {{0.3, -1.2}, {2.0, 0.7}});
        assertDoesNotThrow(() -> GradCheck.check(in -> Ops.sin(in.get(0)), List.of(x)));
        assertDoesNotThrow(() -> GradCheck.checkSecondOrder(in -> Ops.sin(in.get(0)), List.of(x)));
    }

    @Test
    void rejectsAWrongFirstDerivativeAndNamesTheWorstEntry() {
        Tensor x = Tensor.of(new double[][] {{0.3, -1.2}, {0.1, 0.7}});
        GradCheckException e = assertThrows(GradCheckException.class,
                () -> GradCheck.check(in -> sinWrongSlope(in.get(0)), List.of(x)));
        assertTrue(e.getMessage().contains("input 0 (2x2)"), e.getMessage());
        assertTrue(e.getMessage().contains("entry ("), e.getMessage());
        assertTrue(e.getMessage().contains("analytic") && e.getMessage().contains("numeric"), e.getMessage());
    }

    @Test
    void aFirstOrderOnlyRulePassesFirstOrderButFailsSecondOrder() {
        Tensor x = Tensor.of(new double[][] {{0.3, -1.2, 2.0}});
        assertDoesNotThrow(() -> GradCheck.check(in -> sinFirstOrderOnly(in.get(0)), List.of(x)));
        GradCheckException e = assertThrows(GradCheckException.class,
                () -> GradCheck.checkSecondOrder(in -> sinFirstOrderOnly(in.get(0)), List.of(x)));
        assertTrue(e.getMessage().contains("second order"), e.getMessage());
    }

    @Test
    void largeInputsAreCheckedAlongRandomDirections() {
        GradCheck.Options o = new GradCheck.Options(1e-4, 1e-6, 1e-5, 10, 3, 7L);
        Tensor big = Tensor.constant(new DMatrixRMaj(6, 6));
        assertDoesNotThrow(() -> GradCheck.check(in -> Ops.sin(in.get(0)), List.of(big), o));
        GradCheckException e = assertThrows(GradCheckException.class,
                () -> GradCheck.check(in -> sinWrongSlope(in.get(0)), List.of(big), o));
        assertTrue(e.getMessage().contains("random direction"), e.getMessage());
    }

    @Test
    void propertyReportsSeedAndShrinksToTheSmallestFailingShape() {
        AssertionError e = assertThrows(AssertionError.class, () ->
                Property.forAll("fails when more than one row", 5L, 6, 8, c -> {
                    if (c.rows() > 1) {
                        throw new AssertionError("too many rows");
                    }
                }));
        assertTrue(e.getMessage().contains("seed 5"), e.getMessage());
        assertTrue(e.getMessage().contains("smallest failing shape 2x"), e.getMessage());
    }
}
