package org.metarec.core.data.io;

import java.util.Arrays;

/** A growable int array for columns whose length is known only after reading a file. */
final class IntBuffer {

    private int[] values = new int[256];
    private int size;

    void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    int get(int i) {
        return values[i];
    }

    int size() {
        return size;
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
