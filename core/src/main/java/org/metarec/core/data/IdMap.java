package org.metarec.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A bijection between raw string IDs (as in the source files) and dense indices 0..size-1, in order of
 * first appearance.
 */
public final class IdMap {

    private final String[] rawIds;
    private final Map<String, Integer> indices;

    private IdMap(String[] rawIds, Map<String, Integer> indices) {
        this.rawIds = rawIds;
        this.indices = indices;
    }

    /**
     * The map whose index i is {@code rawIds.get(i)}.
     *
     * @param rawIds distinct, non-null IDs
     * @return the map
     * @throws IllegalArgumentException if an ID is null or repeated
     */
    public static IdMap of(List<String> rawIds) {
        Builder builder = new Builder();
        for (int i = 0; i < rawIds.size(); i++) {
            String id = rawIds.get(i);
            if (id == null) {
                throw new IllegalArgumentException("id map: expected a raw id at position " + i + ", found null");
            }
            if (builder.add(id) != i) {
                throw new IllegalArgumentException("id map: expected distinct raw ids, found '" + id
                        + "' at positions " + builder.indexOf(id) + " and " + i);
            }
        }
        return builder.build();
    }

    /**
     * The map prefix+"0", prefix+"1", ..., for generated data.
     *
     * @param prefix a prefix such as "u"
     * @param size the number of IDs, &ge; 0
     * @return the map
     */
    public static IdMap sequential(String prefix, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("id map size: expected >= 0, found " + size);
        }
        Builder builder = new Builder();
        for (int i = 0; i < size; i++) {
            builder.add(prefix + i);
        }
        return builder.build();
    }

    /**
     * The number of IDs.
     *
     * @return size
     */
    public int size() {
        return rawIds.length;
    }

    /**
     * The raw ID of a dense index.
     *
     * @param index in [0, size)
     * @return the raw ID
     */
    public String rawId(int index) {
        if (index < 0 || index >= rawIds.length) {
            throw new IllegalArgumentException("id index: expected 0.." + (rawIds.length - 1) + ", found " + index);
        }
        return rawIds[index];
    }

    /**
     * The dense index of a raw ID, or -1 if absent.
     *
     * @param rawId the raw ID
     * @return its index or -1
     */
    public int indexOf(String rawId) {
        Integer i = indices.get(rawId);
        return i == null ? -1 : i;
    }

    /**
     * Whether the raw ID is present.
     *
     * @param rawId the raw ID
     * @return true if mapped
     */
    public boolean contains(String rawId) {
        return indices.containsKey(rawId);
    }

    /**
     * All raw IDs in index order.
     *
     * @return an unmodifiable list
     */
    public List<String> rawIds() {
        return Collections.unmodifiableList(Arrays.asList(rawIds));
    }

    /**
     * A readable summary.
     *
     * @return e.g. {@code IdMap[943 ids]}
     */
    @Override
    public String toString() {
        return "IdMap[" + rawIds.length + " ids]";
    }

    /** Assigns dense indices to raw IDs as they are first seen. Not thread-safe. */
    public static final class Builder {

        private final List<String> rawIds = new ArrayList<>();
        private final Map<String, Integer> indices = new HashMap<>();

        /** Creates an empty builder. */
        public Builder() {
        }

        /**
         * The index of {@code rawId}, assigning the next free index if it is new.
         *
         * @param rawId a non-null ID
         * @return its dense index
         */
        public int add(String rawId) {
            Objects.requireNonNull(rawId, "rawId");
            Integer existing = indices.get(rawId);
            if (existing != null) {
                return existing;
            }
            int index = rawIds.size();
            rawIds.add(rawId);
            indices.put(rawId, index);
            return index;
        }

        /**
         * The index of a raw ID added so far, or -1.
         *
         * @param rawId the raw ID
         * @return its index or -1
         */
        public int indexOf(String rawId) {
            Integer i = indices.get(rawId);
            return i == null ? -1 : i;
        }

        /**
         * The raw ID with index {@code index}, added so far.
         *
         * @param index an index below {@link #size()}
         * @return the raw ID
         */
        public String rawIdOf(int index) {
            return rawIds.get(index);
        }

        /**
         * The number of IDs added so far.
         *
         * @return the size
         */
        public int size() {
            return rawIds.size();
        }

        /**
         * An immutable map of the IDs added so far.
         *
         * @return the map
         */
        public IdMap build() {
            return new IdMap(rawIds.toArray(new String[0]), new HashMap<>(indices));
        }
    }
}
