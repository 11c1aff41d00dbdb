package org.metarec.autodiff;

import java.util.Collection;

/**
 * Functions composed from the primitives in {@link Ops}. They need no derivative rules of their
 * own: their gradients, of any order, follow from those of the primitives.
 */
public final class Functions {

    private Functions() {}

    /** The mean of all elements, as 1x1: {@code sum(a) / (rows * cols)}. */
    public static Tensor mean(Tensor a) {
        return Ops.mulScalar(Ops.sum(a), 1.0 / a.size());
    }

    /** {@code a * a}, elementwise. */
    public static Tensor square(Tensor a) {
        return Ops.mul(a, a);
    }

    /** The inner product {@code sum_ij a_ij b_ij} of two tensors of equal shape, as 1x1. */
    public static Tensor dot(Tensor a, Tensor b) {
        return Ops.sum(Ops.mul(a, b));
    }

    /** {@code sum_ij a_ij^2}, as 1x1. */
    public static Tensor sumOfSquares(Tensor a) {
        return dot(a, a);
    }

    /**
     * L2 penalty {@code lambda * sum_t ||t||^2} over the given tensors (weight decay written as a
     * loss term), as 1x1.
     */
    public static Tensor l2Penalty(double lambda, Collection<Tensor> tensors) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("l2Penalty: expected at least one tensor");
        }
        Tensor total = null;
        for (Tensor t : tensors) {
            Tensor s = sumOfSquares(t);
            total = total == null ? s : Ops.add(total, s);
        }
        return Ops.mulScalar(total, lambda);
    }

    /** Row-wise {@code log softmax}: {@code a_ij - log sum_k exp(a_ik)}. */
    public static Tensor logSoftmaxRows(Tensor a) {
        return Ops.sub(a, Ops.broadcastCols(Ops.logSumExpRows(a), a.cols()));
    }

    /** Row-wise softmax: {@code exp(a_ij) / sum_k exp(a_ik)}, computed stably. */
    public static Tensor softmaxRows(Tensor a) {
        return Ops.exp(logSoftmaxRows(a));
    }

    /**
     * Softmax cross-entropy with logits, averaged over rows: {@code -(1/M) sum_i sum_j y_ij
     * log softmax(z)_ij}. Each row of {@code y} is a target distribution (one-hot for class labels).
     */
    public static Tensor softmaxCrossEntropy(Tensor logits, Tensor targets) {
        if (!logits.sameShape(targets)) {
            throw new IllegalArgumentException("softmaxCrossEntropy: shapes " + logits.shape() + " and "
                    + targets.shape() + " differ (expected equal shapes)");
        }
        return Ops.mulScalar(dot(targets, logSoftmaxRows(logits)), -1.0 / logits.rows());
    }

    /** Mean squared error, {@link Ops#mse}. */
    public static Tensor mse(Tensor prediction, Tensor target) {
        return Ops.mse(prediction, target);
    }

    /** Binary cross-entropy with logits, {@link Ops#bceWithLogits}. */
    public static Tensor bceWithLogits(Tensor logits, Tensor targets) {
        return Ops.bceWithLogits(logits, targets);
    }
}
