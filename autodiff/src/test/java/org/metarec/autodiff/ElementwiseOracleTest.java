package org.metarec.autodiff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The first, second and third derivatives of each elementwise operation, obtained by applying
 * {@link Autodiff#grad} three times, against Commons Math's {@link DerivativeStructure}: an exact,
 * independent oracle (forward mode on truncated Taylor series), not finite differences.
 */
class ElementwiseOracleTest {

    record Fn(String name, UnaryOperator<Tensor> ours, UnaryOperator<DerivativeStructure> oracle,
              double lo, double hi) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> functions() {
        return Stream.of(
                new Fn("exp", Ops::exp, DerivativeStructure::exp, -3, 3),
                new Fn("log", Ops::log, DerivativeStructure::log, 0.2, 4),
                new Fn("sqrt", Ops::sqrt, DerivativeStructure::sqrt, 0.2, 4),
                new Fn("pow 2.5", x -> Ops.pow(x, 2.5), d -> d.pow(2.5), 0.2, 3),
                new Fn("pow -2", x -> Ops.pow(x, -2), d -> d.pow(-2.0), 0.3, 3),
                new Fn("sigmoid", Ops::sigmoid, d -> d.negate().exp().add(1).reciprocal(), -5, 5),
                new Fn("tanh", Ops::tanh, DerivativeStructure::tanh, -3, 3),
                new Fn("softplus", Ops::softplus, d -> d.exp().log1p(), -5, 5),
                new Fn("sin", Ops::sin, DerivativeStructure::sin, -4, 4),
                new Fn("cos", Ops::cos, DerivativeStructure::cos, -4, 4),
                new Fn("neg", Ops::neg, DerivativeStructure::negate, -3, 3),
                new Fn("square", Functions::square, d -> d.multiply(d), -3, 3),
                new Fn("abs", Ops::abs, DerivativeStructure::abs, -3, 3),
                new Fn("relu", Ops::relu, d -> d.getValue() > 0 ? d : d.multiply(0), -3, 3),
                new Fn("exp(sin(x)) * x", x -> Ops.mul(Ops.exp(Ops.sin(x)), x), d -> d.sin().exp().multiply(d), -2, 2)
        ).map(f -> Arguments.of(f.name(), f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void firstSecondAndThirdDerivativesMatchTheOracle(String name, Fn fn) {
        SplittableRandom rng = new SplittableRandom(name.hashCode());
        int n = 25;
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            do {
                xs[i] = fn.lo() + (fn.hi() - fn.lo()) * rng.nextDouble();
            } while (Math.abs(xs[i]) < 1e-3);    // away from the kinks of abs and relu
        }
        Tensor x = Tensor.variable(Tensor.row(xs).data());

        // Elementwise f, so the gradient of sum(f(x)) holds f'(x_i); differentiate it again, twice.
        Tensor d1 = grad(fn.ours().apply(x).sum(), x);
        Tensor d2 = grad(d1.sum(), x);
        Tensor d3 = grad(d2.sum(), x);

        for (int i = 0; i < n; i++) {
            DerivativeStructure ds = fn.oracle().apply(new DerivativeStructure(1, 3, 0, xs[i]));
            check(name, "f", xs[i], fn.ours().apply(Tensor.scalar(xs[i])).item(), ds.getValue());
            check(name, "f'", xs[i], d1.get(0, i), ds.getPartialDerivative(1));
            check(name, "f''", xs[i], d2.get(0, i), ds.getPartialDerivative(2));
            check(name, "f'''", xs[i], d3.get(0, i), ds.getPartialDerivative(3));
        }
    }

    private static Tensor grad(Tensor scalar, Tensor x) {
        if (!scalar.requiresGrad()) {
            return Tensor.zeros(x.rows(), x.cols());   // the previous derivative was a constant
        }
        return Autodiff.grad(scalar, List.of(x), true, true).get(0);
    }

    private static void check(String name, String what, double x, double got, double want) {
        assertTrue(Math.abs(got - want) <= 1e-12 + 1e-10 * Math.abs(want),
                () -> name + ": " + what + "(" + x + ") = " + got + ", oracle says " + want);
    }
}
