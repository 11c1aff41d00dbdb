package org.metarec.autodiff.nn;

import java.util.random.RandomGenerator;
import org.metarec.autodiff.Init;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * An affine layer {@code y = x W + b}: x is NxIn (one example per row), W is InxOut, b is 1xOut.
 *
 * <p>The parameters are looked up by name in the {@link Params} passed to {@link #apply}, so a
 * network made of several layers keeps all of them in one map.
 */
public final class Linear implements Model<Tensor> {

    private final String weight;
    private final String bias;
    private final int in;
    private final int out;

    /**
     * @param weight name of the InxOut weight parameter, e.g. "W1"
     * @param bias name of the 1xOut bias parameter, e.g. "b1"
     * @param in number of input features
     * @param out number of output features
     */
    public Linear(String weight, String bias, int in, int out) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Linear: sizes must be at least 1, found " + in + " -> " + out);
        }
        this.weight = weight;
        this.bias = bias;
        this.in = in;
        this.out = out;
    }

    /** Weight and bias from U(-1/sqrt(in), 1/sqrt(in)), as PyTorch's {@code nn.Linear} does. */
    @Override
    public Params init(RandomGenerator rng) {
        return Params.of(weight, Init.fanInUniform(in, out, in, rng), bias, Init.fanInUniform(1, out, in, rng));
    }

    /** {@code x W + b}. */
    @Override
    public Tensor apply(Params params, Tensor x) {
        if (x.cols() != in) {
            throw new IllegalArgumentException("Linear(" + weight + "): expected inputs with " + in
                    + " columns, found " + x.shape());
        }
        return x.matmul(params.get(weight)).addRowVector(params.get(bias));
    }

    /** Name of the weight parameter. */
    public String weightName() {
        return weight;
    }

    /** Name of the bias parameter. */
    public String biasName() {
        return bias;
    }

    /** Number of input features. */
    public int in() {
        return in;
    }

    /** Number of output features. */
    public int out() {
        return out;
    }
}
