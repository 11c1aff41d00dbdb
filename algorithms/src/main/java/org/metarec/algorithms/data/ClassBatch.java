package org.metarec.algorithms.data;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.metarec.autodiff.Functions;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Tensor;

/**
 * A batch of labelled examples of an N-way classification task: inputs {@code x}, one example per row, and
 * each row's class in {@code 0 .. ways-1}.
 *
 * @param x inputs, n x d (a constant)
 * @param labels the class of each row
 * @param ways N, the number of classes of the task
 */
public record ClassBatch(Tensor x, int[] labels, int ways) {

    /** Validates the labels against the rows and the number of classes, and copies them. */
    public ClassBatch {
        if (labels.length != x.rows()) {
            throw new IllegalArgumentException("ClassBatch: x has " + x.rows() + " rows but there are " + labels.length
                    + " labels");
        }
        if (ways < 1) {
            throw new IllegalArgumentException("ClassBatch: expected at least one class, found " + ways);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= ways) {
                throw new IllegalArgumentException("ClassBatch: label " + i + " is " + labels[i] + ", expected 0.."
                        + (ways - 1));
            }
        }
        labels = labels.clone();
    }

    /** Number of examples. */
    public int size() {
        return x.rows();
    }

    /** The labels (a copy). */
    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** Both batches' examples, this one's first (the same number of classes). */
    public ClassBatch concat(ClassBatch other) {
        if (other.ways != ways) {
            throw new IllegalArgumentException("ClassBatch: cannot join " + ways + "-way and " + other.ways + "-way batches");
        }
        int[] both = Arrays.copyOf(labels, labels.length + other.labels.length);
        System.arraycopy(other.labels, 0, both, labels.length, other.labels.length);
        return new ClassBatch(Ops.concatRows(x, other.x), both, ways);
    }

    /** The n x N indicator matrix of the labels (row i has a 1 in column labels[i]), a constant. */
    public Tensor oneHot() {
        DMatrixRMaj m = new DMatrixRMaj(labels.length, ways);
        for (int i = 0; i < labels.length; i++) {
            m.set(i, labels[i], 1);
        }
        return Tensor.constant(m);
    }

    /**
     * The mean softmax cross-entropy of {@code logits} (n x N, one row of class scores per example):
     * {@code mean_i (log sum_k exp(z_ik) - z_i,y_i)}. Differentiable to any order in {@code logits}.
     */
    public Tensor crossEntropy(Tensor logits) {
        requireShape(logits);
        return Functions.softmaxCrossEntropy(logits, oneHot());
    }

    /** The share of rows whose highest score is their label (ties go to the lowest class index). */
    public double accuracy(Tensor logits) {
        requireShape(logits);
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int k = 1; k < ways; k++) {
                if (logits.get(i, k) > logits.get(i, best)) {
                    best = k;
                }
            }
            if (best == labels[i]) {
                right++;
            }
        }
        return (double) right / labels.length;
    }

    private void requireShape(Tensor logits) {
        if (logits.rows() != labels.length || logits.cols() != ways) {
            throw new IllegalArgumentException("ClassBatch: expected " + labels.length + "x" + ways + " scores, found "
                    + logits.rows() + "x" + logits.cols());
        }
    }
}
