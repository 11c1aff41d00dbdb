package org.metarec.core.data;

import java.util.Arrays;

/**
 * Rows grouped by an integer key (compressed-row layout): the rows of key k are
 * {@code rows[start[k] .. start[k+1])}, ascending within a key unless a secondary key orders them.
 */
final class RowGroups {

    private final int[] start;
    private final int[] rows;

    private RowGroups(int[] start, int[] rows) {
        this.start = start;
        this.rows = rows;
    }

    /**
     * Groups rows 0..n-1 by key, and within a key by secondary key (if not null), then by row: two stable
     * counting sorts, O(n + keys + secondaryKeys).
     */
    static RowGroups build(int[] key, int keyCount, int[] secondary, int secondaryCount) {
        int n = key.length;
        int[] order = new int[n];
        for (int r = 0; r < n; r++) {
            order[r] = r;
        }
        if (secondary != null) {
            order = countingSort(order, secondary, secondaryCount).rows;
        }
        return countingSort(order, key, keyCount);
    }

    private static RowGroups countingSort(int[] order, int[] key, int keyCount) {
        int[] start = new int[keyCount + 1];
        for (int r : order) {
            start[key[r] + 1]++;
        }
        for (int k = 0; k < keyCount; k++) {
            start[k + 1] += start[k];
        }
        int[] next = Arrays.copyOf(start, keyCount);
        int[] sorted = new int[order.length];
        for (int r : order) {
            sorted[next[key[r]]++] = r;
        }
        return new RowGroups(start, sorted);
    }

    int from(int k) {
        return start[k];
    }

    int to(int k) {
        return start[k + 1];
    }

    int row(int position) {
        return rows[position];
    }

    int count(int k) {
        return start[k + 1] - start[k];
    }

    int[] rowsOf(int k) {
        return Arrays.copyOfRange(rows, start[k], start[k + 1]);
    }

    int[] rowsBetween(int from, int to) {
        return Arrays.copyOfRange(rows, from, to);
    }
}
