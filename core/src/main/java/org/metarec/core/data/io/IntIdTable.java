package org.metarec.core.data.io;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Dense index of integer raw IDs (MovieLens IDs are positive integers): an array for small IDs, a hash map
 * beyond, so lookups while parsing ratings need no String per line.
 */
final class IntIdTable {

    private static final int ARRAY_LIMIT = 1 << 22;

    private int[] small = new int[1024];
    private final Map<Integer, Integer> large = new HashMap<>();

    IntIdTable() {
        Arrays.fill(small, -1);
    }

    /** Maps {@code id} to {@code index}; returns false if the id was already mapped. */
    boolean put(int id, int index) {
        if (id >= 0 && id < ARRAY_LIMIT) {
            if (id >= small.length) {
                int old = small.length;
                small = Arrays.copyOf(small, Math.max(id + 1, old * 2));
                Arrays.fill(small, old, small.length, -1);
            }
            if (small[id] >= 0) {
                return false;
            }
            small[id] = index;
            return true;
        }
        return large.putIfAbsent(id, index) == null;
    }

    /** The index of {@code id}, or -1. */
    int get(int id) {
        if (id >= 0 && id < ARRAY_LIMIT) {
            return id < small.length ? small[id] : -1;
        }
        Integer i = large.get(id);
        return i == null ? -1 : i;
    }
}
