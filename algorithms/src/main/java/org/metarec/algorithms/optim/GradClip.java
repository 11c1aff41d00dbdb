package org.metarec.algorithms.optim;

import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/** Gradient clipping by global norm. */
public final class GradClip {

    private GradClip() {}

    /** The global norm {@code sqrt(sum over all tensors and entries of g^2)}. */
    public static double globalNorm(Params grads) {
        double s = 0;
        for (Tensor g : grads.tensors()) {
            s = addSquares(s, g);
        }
        return Math.sqrt(s);
    }

    /** The Euclidean norm of one tensor, {@code sqrt(sum x^2)}. */
    public static double norm(Tensor t) {
        return Math.sqrt(addSquares(0, t));
    }

    /** {@code s + sum x^2} over the entries of {@code t}, added one by one. */
    private static double addSquares(double s, Tensor t) {
        double[] d = t.data().data;   // read in place: no copy per meta-iteration
        for (int i = 0, n = t.size(); i < n; i++) {
            s += d[i] * d[i];
        }
        return s;
    }

    /**
     * The gradients scaled by {@code min(1, maxNorm / ||g||)}: unchanged when their global norm is
     * at most {@code maxNorm}, otherwise rescaled to exactly that norm (direction kept).
     */
    public static Params clipGlobalNorm(Params grads, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("clipGlobalNorm: max norm must be > 0, found " + maxNorm);
        }
        double norm = globalNorm(grads);
        if (norm <= maxNorm) {
            return grads;
        }
        double scale = maxNorm / norm;
        return grads.map(g -> Tensor.constant(g.mul(scale).detach().data()));
    }
}
