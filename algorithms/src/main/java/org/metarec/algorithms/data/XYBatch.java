package org.metarec.algorithms.data;

import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Tensor;
import org.metarec.algorithms.meta.InnerLoop;

/**
 * A batch of supervised examples: inputs {@code x}, one example per row, and targets {@code y}
 * with as many rows.
 *
 * @param x inputs, NxD
 * @param y targets, NxO
 */
public record XYBatch(Tensor x, Tensor y) {

    /** Validates that x and y have the same number of rows. */
    public XYBatch {
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException("XYBatch: x has " + x.rows() + " rows but y has " + y.rows());
        }
    }

    /** Number of examples. */
    public int size() {
        return x.rows();
    }

    /** Both batches' examples, this one's first. */
    public XYBatch concat(XYBatch other) {
        return new XYBatch(Ops.concatRows(x, other.x), Ops.concatRows(y, other.y));
    }

    /** The examples in rows {@code from} (inclusive) to {@code to} (exclusive). */
    public XYBatch rows(int from, int to) {
        return new XYBatch(Ops.sliceRows(x, from, to), Ops.sliceRows(y, from, to));
    }

    /**
     * Inner-loop minibatches that cycle through consecutive blocks of {@code size} rows: step 0 uses
     * rows [0, size), step 1 the next block, and so on, wrapping around (Reptile's protocol).
     */
    public static InnerLoop.Batches<XYBatch> cyclingBlocks(int size) {
        return (support, step) -> {
            int blocks = Math.max(1, support.size() / size);
            int b = step % blocks;
            return support.size() <= size ? support : support.rows(b * size, b * size + size);
        };
    }
}
