package org.metarec.autodiff;

import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * Parameter initialisers. Each draws from the generator it is given, so a model's initial
 * parameters are fixed by the seed of that generator.
 */
public final class Init {

    private Init() {}

    /** A variable filled with zeros. */
    public static Tensor zeros(int rows, int cols) {
        return Tensor.variable(new DMatrixRMaj(rows, cols));
    }

    /** A variable with elements drawn from U(lo, hi). */
    public static Tensor uniform(int rows, int cols, double lo, double hi, RandomGenerator rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            m.data[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return Tensor.variable(m);
    }

    /** A variable with elements drawn from N(0, std^2). */
    public static Tensor normal(int rows, int cols, double std, RandomGenerator rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            m.data[i] = std * rng.nextGaussian();
        }
        return Tensor.variable(m);
    }

    /**
     * Glorot (Xavier) uniform, U(-a, a) with {@code a = sqrt(6 / (fanIn + fanOut))}, for a
     * fanIn x fanOut weight (Glorot and Bengio 2010).
     */
    public static Tensor glorotUniform(int fanIn, int fanOut, RandomGenerator rng) {
        double a = Math.sqrt(6.0 / (fanIn + fanOut));
        return uniform(fanIn, fanOut, -a, a, rng);
    }

    /** He (Kaiming) normal, N(0, 2 / fanIn), for a fanIn x fanOut weight before a ReLU (He et al. 2015). */
    public static Tensor heNormal(int fanIn, int fanOut, RandomGenerator rng) {
        return normal(fanIn, fanOut, Math.sqrt(2.0 / fanIn), rng);
    }

    /**
     * U(-1/sqrt(fanIn), 1/sqrt(fanIn)) for a tensor of the given shape: the default of PyTorch's
     * {@code nn.Linear} for both weight and bias, which the MAML reference code uses.
     */
    public static Tensor fanInUniform(int rows, int cols, int fanIn, RandomGenerator rng) {
        double a = 1.0 / Math.sqrt(fanIn);
        return uniform(rows, cols, -a, a, rng);
    }
}
