package org.metarec.autodiff.kernel;

import java.util.function.ToIntFunction;
import org.metarec.autodiff.Tensor;

/**
 * A map from tensors, compared by identity, to ints: the bookkeeping of one walk over a graph.
 *
 * <p>Why not {@link java.util.IdentityHashMap}: it hashes with {@link System#identityHashCode},
 * which for an object that has never been hashed (every tensor of a fresh forward pass) is a call
 * into the JVM costing about 30 ns, several times the rest of a lookup. Instead every tensor is
 * given a hash when it is made ({@link #nextHash()}) and keeps it; the index reads it through the
 * function it is built with, so lookups here are an array probe. Open addressing with linear
 * probing, at most half full.
 */
public final class TensorIndex {

    /** What {@link #get} returns for a tensor that is not in the map. */
    public static final int ABSENT = Integer.MIN_VALUE;

    // Counts the tensors each thread makes, to give each a hash. Per thread rather than one shared
    // field, which every thread of a meta-batch would write for every tensor, moving its cache line
    // between the cores. The counters start far apart; equal hashes in one graph would cost a lookup
    // one more probe and nothing else.
    private static final ThreadLocal<int[]> MADE = ThreadLocal.withInitial(
            () -> new int[] {(int) Thread.currentThread().getId() << 20});

    private final ToIntFunction<Tensor> hash;
    private Tensor[] keys;
    private int[] values;
    private int size;

    /**
     * The hash for a tensor being made on the calling thread: consecutive tensors get hashes far
     * apart (Fibonacci hashing of a per-thread count).
     */
    public static int nextHash() {
        return (MADE.get()[0]++) * 0x9E3779B9;
    }

    /**
     * An empty map with room for {@code expected} tensors before it grows, reading each tensor's
     * hash with {@code hash} (a tensor's {@link #nextHash()}, kept since it was made).
     */
    public TensorIndex(int expected, ToIntFunction<Tensor> hash) {
        this.hash = hash;
        int capacity = Integer.highestOneBit(Math.max(8, expected) * 2 - 1) << 1;
        keys = new Tensor[capacity];
        values = new int[capacity];
    }

    /** The value stored for {@code t}, or {@link #ABSENT}. */
    public int get(Tensor t) {
        int mask = keys.length - 1;
        for (int h = hash.applyAsInt(t) & mask; ; h = (h + 1) & mask) {
            Tensor k = keys[h];
            if (k == t) {
                return values[h];
            }
            if (k == null) {
                return ABSENT;
            }
        }
    }

    /** True when {@code t} is in the map. */
    public boolean contains(Tensor t) {
        return get(t) != ABSENT;
    }

    /** Stores {@code value} for {@code t}, replacing any earlier value. */
    public void put(Tensor t, int value) {
        int mask = keys.length - 1;
        for (int h = hash.applyAsInt(t) & mask; ; h = (h + 1) & mask) {
            Tensor k = keys[h];
            if (k == t) {
                values[h] = value;
                return;
            }
            if (k == null) {
                keys[h] = t;
                values[h] = value;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return;
            }
        }
    }

    private void grow() {
        Tensor[] oldKeys = keys;
        int[] oldValues = values;
        keys = new Tensor[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}
