package org.metarec.autodiff.bench;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.metarec.autodiff.Tensor;

/** Seeded random matrices for the benchmarks, so every run measures the same numbers. */
final class BenchData {

    private BenchData() {}

    /** An RxC matrix with entries uniform in [lo, hi). */
    static DMatrixRMaj uniform(int rows, int cols, double lo, double hi, SplittableRandom rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            m.data[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return m;
    }

    /** A constant with entries uniform in [lo, hi). */
    static Tensor constant(int rows, int cols, double lo, double hi, SplittableRandom rng) {
        return Tensor.constant(uniform(rows, cols, lo, hi, rng));
    }

    /** A variable (a leaf that requires a gradient) with entries uniform in [lo, hi). */
    static Tensor variable(int rows, int cols, double lo, double hi, SplittableRandom rng) {
        return Tensor.variable(uniform(rows, cols, lo, hi, rng));
    }
}
