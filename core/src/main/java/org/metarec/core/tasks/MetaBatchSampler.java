package org.metarec.core.tasks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.metarec.core.random.Rng;

/**
 * Meta-batches of tasks from a fixed pool, with replacement or in epochs.
 *
 * <p>Batch number b is a pure function of the generator's key and b: with replacement it is B uniform draws
 * from {@code rng.fork("batch-" + b)}; in epochs, epoch e is the permutation {@code rng.fork("epoch-" + e)} of
 * the pool cut into consecutive batches of B (the last batch of an epoch may be smaller). So resuming from a
 * checkpoint needs only the position ({@link #seek(long)}), not a generator state. Not thread-safe (it
 * caches the current epoch's permutation).
 *
 * @param <T> the task type
 */
public final class MetaBatchSampler<T> {

    /** How batches are drawn. */
    public enum Mode {
        /** Each batch: B independent uniform draws from the pool. */
        WITH_REPLACEMENT,
        /** Each epoch visits every task exactly once, in a fresh random order. */
        EPOCHS
    }

    private final List<T> pool;
    private final int batchSize;
    private final Mode mode;
    private final Rng rng;
    private long position;
    private long cachedEpoch = -1;
    private int[] cachedPermutation;

    /**
     * A sampler over {@code pool}.
     *
     * @param pool the tasks (copied), at least one
     * @param batchSize B &ge; 1
     * @param mode with replacement or in epochs
     * @param rng the generator whose forks define the batches (it is never advanced)
     */
    public MetaBatchSampler(List<T> pool, int batchSize, Mode mode, Rng rng) {
        if (pool == null || pool.isEmpty()) {
            throw new IllegalArgumentException("meta-batch sampler: expected at least one task, found none");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("meta-batch size: expected >= 1, found " + batchSize);
        }
        this.pool = List.copyOf(pool);
        this.batchSize = batchSize;
        this.mode = mode;
        this.rng = rng;
    }

    /**
     * The number of batches in an epoch: ceil(pool size / B) (for {@link Mode#EPOCHS}).
     *
     * @return batches per epoch
     */
    public int batchesPerEpoch() {
        return (pool.size() + batchSize - 1) / batchSize;
    }

    /**
     * The pool indices of batch number {@code index}.
     *
     * @param index the batch number, &ge; 0
     * @return indices into the pool
     */
    public int[] batchIndices(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("batch index: expected >= 0, found " + index);
        }
        if (mode == Mode.WITH_REPLACEMENT) {
            Rng r = rng.fork("batch-" + index);
            int[] out = new int[batchSize];
            for (int i = 0; i < batchSize; i++) {
                out[i] = r.nextInt(pool.size());
            }
            return out;
        }
        long epoch = index / batchesPerEpoch();
        int within = (int) (index % batchesPerEpoch());
        if (epoch != cachedEpoch) {
            cachedPermutation = rng.fork("epoch-" + epoch).permutation(pool.size());
            cachedEpoch = epoch;
        }
        int from = within * batchSize;
        int to = Math.min(pool.size(), from + batchSize);
        int[] out = new int[to - from];
        System.arraycopy(cachedPermutation, from, out, 0, out.length);
        return out;
    }

    /**
     * The tasks of batch number {@code index}.
     *
     * @param index the batch number, &ge; 0
     * @return the tasks
     */
    public List<T> batch(long index) {
        int[] indices = batchIndices(index);
        List<T> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            out.add(pool.get(i));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The batch at the current position, then advances the position by one.
     *
     * @return the tasks
     */
    public List<T> next() {
        return batch(position++);
    }

    /**
     * The number of the batch {@link #next()} returns next.
     *
     * @return the position
     */
    public long position() {
        return position;
    }

    /**
     * Moves to a batch number (e.g. the step stored in a checkpoint).
     *
     * @param newPosition the batch number, &ge; 0
     */
    public void seek(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("batch position: expected >= 0, found " + newPosition);
        }
        this.position = newPosition;
    }

    /**
     * The epoch of the current position (for {@link Mode#EPOCHS}): position / batchesPerEpoch.
     *
     * @return the epoch
     */
    public long epoch() {
        return position / batchesPerEpoch();
    }
}
