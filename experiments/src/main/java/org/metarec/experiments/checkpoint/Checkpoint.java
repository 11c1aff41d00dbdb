package org.metarec.experiments.checkpoint;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything needed to continue a computation exactly: the step reached, named double arrays (parameters,
 * optimiser moments), named long arrays (RNG states) and a small map of strings (phase names, counters).
 * Names are kept sorted, which is also the order in the file.
 *
 * @param step    the number of completed steps
 * @param tensors named double arrays
 * @param longs   named long arrays
 * @param strings named strings
 */
public record Checkpoint(long step, Map<String, Tensor> tensors, Map<String, long[]> longs, Map<String, String> strings) {

    /** Copies the maps into sorted, unmodifiable ones (long arrays are copied) and requires step >= 0. */
    public Checkpoint {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, found " + step);
        }
        tensors = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(tensors, "tensors")));
        TreeMap<String, long[]> copy = new TreeMap<>();
        Objects.requireNonNull(longs, "longs").forEach((k, v) -> copy.put(k, v.clone()));
        longs = Collections.unmodifiableMap(copy);
        strings = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(strings, "strings")));
    }

    /** A builder for a checkpoint at {@code step}. */
    public static Builder at(long step) {
        return new Builder(step);
    }

    /** The tensor {@code name}; throws naming the missing entry. */
    public Tensor tensor(String name) {
        return require(tensors, name, "tensor");
    }

    /** The values of tensor {@code name}. */
    public double[] doubles(String name) {
        return tensor(name).values();
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
        if (!(o instanceof Checkpoint c) || c.step != step || !c.tensors.equals(tensors) || !c.strings.equals(strings)
                || !c.longs.keySet().equals(longs.keySet())) {
            return false;
        }
        return longs.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), c.longs.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return Objects.hash(step, tensors, strings, longs.keySet());
    }

    /** Step and entry names. */
    @Override
    public String toString() {
        return "Checkpoint[step=" + step + ", tensors=" + tensors.keySet() + ", longs=" + longs.keySet()
                + ", strings=" + strings.keySet() + "]";
    }

    /** Collects entries for a {@link Checkpoint}. */
    public static final class Builder {
        private final long step;
        private final Map<String, Tensor> tensors = new TreeMap<>();
        private final Map<String, long[]> longs = new TreeMap<>();
        private final Map<String, String> strings = new TreeMap<>();

        private Builder(long step) {
            this.step = step;
        }

        /** Adds a vector. */
        public Builder put(String name, double[] values) {
            return put(name, Tensor.vector(values));
        }

        /** Adds a tensor. */
        public Builder put(String name, Tensor tensor) {
            tensors.put(name, tensor);
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
            return new Checkpoint(step, tensors, longs, strings);
        }
    }
}
