package org.metarec.autodiff.nn;

import java.util.Locale;
import java.util.function.UnaryOperator;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Tensor;

/** Elementwise activations between layers. */
public enum Activation {
    /** {@code max(x, 0)}. */
    RELU(Ops::relu),
    /** {@code tanh(x)}. */
    TANH(Ops::tanh),
    /** {@code 1 / (1 + exp(-x))}. */
    SIGMOID(Ops::sigmoid),
    /** {@code log(1 + exp(x))}. */
    SOFTPLUS(Ops::softplus),
    /** {@code x}: no activation. */
    IDENTITY(x -> x);

    private final UnaryOperator<Tensor> f;

    Activation(UnaryOperator<Tensor> f) {
        this.f = f;
    }

    /** Applies the activation elementwise. */
    public Tensor apply(Tensor x) {
        return f.apply(x);
    }

    /** The activation named {@code name} (case-insensitive: "relu", "tanh", ...). */
    public static Activation parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown activation '" + name + "'; expected one of relu, tanh, "
                    + "sigmoid, softplus, identity", e);
        }
    }
}
