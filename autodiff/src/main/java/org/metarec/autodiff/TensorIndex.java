package org.metarec.autodiff;

/**
 * A map from tensors, compared by identity, to ints: the bookkeeping of one walk over a graph.
 *
 * <p>Why not {@link java.util.IdentityHashMap}: it hashes with {@link System#identityHashCode},
 * which for an object that has never been hashed (every tensor of a fresh forward pass) is a call
 * into the JVM costing about 30 ns, several times the rest of a lookup. Tensors carry their own hash
 * ({@link Tensor#graphHash()}), so lookups here are an array probe. Open addressing with linear
 * probing, at most half full.
 */
final class TensorIndex {

    /** What {@link #get} returns for a tensor that is not in the map. */
    static final int ABSENT = Integer.MIN_VALUE;

    private Tensor[] keys;
    private int[] values;
    private int size;

    /** An empty map with room for {@code expected} tensors before it grows. */
    TensorIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(8, expected) * 2 - 1) << 1;
        keys = new Tensor[capacity];
        values = new int[capacity];
    }

    /** The value stored for {@code t}, or {@link #ABSENT}. */
    int get(Tensor t) {
        int mask = keys.length - 1;
        for (int h = t.graphHash() & mask; ; h = (h + 1) & mask) {
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
    boolean contains(Tensor t) {
        return get(t) != ABSENT;
    }

    /** Stores {@code value} for {@code t}, replacing any earlier value. */
    void put(Tensor t, int value) {
        int mask = keys.length - 1;
        for (int h = t.graphHash() & mask; ; h = (h + 1) & mask) {
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
