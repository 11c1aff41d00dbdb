package org.metarec.experiments.checkpoint;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything needed to continue a computation exactly: the step reached, named double arrays with shapes
 * (parameters, optimiser moments), named long arrays (RNG states) and a small map of strings (phase names,
 * counters). Names are kept sorted, which is also the order in the file.
 *
 * @param step    the number of completed steps
 * @param arrays  named double arrays (the format's tensor entries)
 * @param longs   named long arrays
 * @param strings named strings
 */
public record Checkpoint(long step, Map<String, Array> arrays, Map<String, long[]> longs, Map<String, String> strings) {

    /** Copies the maps into sorted, unmodifiable ones (long arrays are copied) and requires step >= 0. */
    public Checkpoint {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, found " + step);
        }
        arrays = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(arrays, "arrays")));
        TreeMap<String, long[]> copy = new TreeMap<>();
        Objects.requireNonNull(longs, "longs").forEach((k, v) -> copy.put(k, v.clone()));
        longs = Collections.unmodifiableMap(copy);
        strings = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(strings, "strings")));
    }

    /** A builder for a checkpoint at {@code step}. */
    public static Builder at(long step) {
        return new Builder(step);
    }

    /** The double array {@code name}; throws naming the missing entry. */
    public Array array(String name) {
        return require(arrays, name, "tensor");
    }

    /** The values of the double array {@code name}. */
    public double[] doubles(String name) {
        return array(name).values();
    }

    /** A copy of the long array {@code name}. */
    public long[] longArray(String name) {
        return require(longs, name, "long array").clone();
    }

    /** The string {@code name}. */
    public String string(String name) {
        return require(strings, name, "string");
    }

    private static <T> T require(Map<String, T> map, String name, String what) {
        T v = map.get(name);
        if (v == null) {
            throw new IllegalArgumentException("checkpoint has no " + what + " named '" + name + "'; it has " + map.keySet());
        }
        return v;
    }

    /** Field by field, with long arrays compared by content. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Checkpoint c) || c.step != step || !c.arrays.equals(arrays) || !c.strings.equals(strings)
                || !c.longs.keySet().equals(longs.keySet())) {
            return false;
        }
        return longs.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), c.longs.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return Objects.hash(step, arrays, strings, longs.keySet());
    }

    /** Step and entry names. */
    @Override
    public String toString() {
        return "Checkpoint[step=" + step + ", arrays=" + arrays.keySet() + ", longs=" + longs.keySet()
                + ", strings=" + strings.keySet() + "]";
    }

    /** Collects entries for a {@link Checkpoint}. */
    public static final class Builder {
        private final long step;
        private final Map<String, Array> arrays = new TreeMap<>();
        private final Map<String, long[]> longs = new TreeMap<>();
        private final Map<String, String> strings = new TreeMap<>();

        private Builder(long step) {
            this.step = step;
        }

        /** Adds a vector. */
        public Builder put(String name, double[] values) {
            return put(name, Array.vector(values));
        }

        /** Adds a double array with its shape. */
        public Builder put(String name, Array array) {
            arrays.put(name, array);
            return this;
        }

        /** Adds a long array (e.g. an RNG state). */
        public Builder put(String name, long[] values) {
            longs.put(name, values.clone());
            return this;
        }

        /** Adds a string. */
        public Builder put(String name, String value) {
            strings.put(name, Objects.requireNonNull(value, name));
            return this;
        }

        /** The checkpoint. */
        public Checkpoint build() {
            return new Checkpoint(step, arrays, longs, strings);
        }
    }

    /**
     * A named array of doubles in a checkpoint: row-major values with a shape (e.g. {@code [40, 1]} for a weight
     * matrix). The file format calls such an entry a tensor.
     *
     * @param shape  dimensions, each >= 0; the empty shape is a scalar
     * @param values {@code product(shape)} values in row-major order
     */
    public record Array(int[] shape, double[] values) {

        /** Copies both arrays and requires {@code values.length == product(shape)}. */
        public Array {
            Objects.requireNonNull(shape, "shape");
            Objects.requireNonNull(values, "values");
            shape = shape.clone();
            values = values.clone();
            long size = 1;
            for (int d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("shape " + Arrays.toString(shape) + ": dimensions must be >= 0");
                }
                size *= d;
            }
            if (size != values.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
                        + " values, found " + values.length);
            }
        }

        /** A one-dimensional array holding {@code values}. */
        public static Array vector(double... values) {
            return new Array(new int[] {values.length}, values);
        }

        /** A copy of the shape. */
        @Override
        public int[] shape() {
            return shape.clone();
        }

        /** A copy of the values. */
        @Override
        public double[] values() {
            return values.clone();
        }

        /**
         * Equal when shapes are equal and values are bit-for-bit equal (so NaN equals NaN and 0.0 differs from
         * -0.0).
         */
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Array t) || !Arrays.equals(shape, t.shape) || values.length != t.values.length) {
                return false;
            }
            for (int i = 0; i < values.length; i++) {
                if (Double.doubleToRawLongBits(values[i]) != Double.doubleToRawLongBits(t.values[i])) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
        }

        /** Shape and size, not the values. */
        @Override
        public String toString() {
            return "Array" + Arrays.toString(shape);
        }
    }
}
