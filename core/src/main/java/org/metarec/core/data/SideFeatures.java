package org.metarec.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Attributes of the users (or of the items) of a data set, indexed by the dense entity index, with two
 * encodings for models:
 *
 * <ul>
 *   <li>a dense vector of length {@link #vocabularySize()}: the fields' encodings concatenated in field
 *       order (one-hot, multi-hot, or the numeric value), and</li>
 *   <li>a sparse form for embedding lookups: {@link #featureIndices(int)} lists the non-structural-zero
 *       slots in a global index space 0..vocabularySize()-1, with {@link #featureValues(int)} (1 for
 *       categories, the value for numeric fields, as in factorisation machines). The dense vector is exactly
 *       the scatter of values into indices.</li>
 * </ul>
 *
 * <p>A missing categorical value (code -1) has no index and an all-zero one-hot block. Numeric values are
 * stored as given; {@link #standardized()} rescales them to mean 0 and standard deviation 1.
 */
public final class SideFeatures {

    private final int entityCount;
    private final List<FeatureField> fields;
    private final int[] offsets;
    private final Object[] columns;

    private SideFeatures(int entityCount, List<FeatureField> fields, Object[] columns) {
        this.entityCount = entityCount;
        this.fields = List.copyOf(fields);
        this.columns = columns;
        this.offsets = new int[fields.size() + 1];
        for (int f = 0; f < fields.size(); f++) {
            offsets[f + 1] = offsets[f] + fields.get(f).width();
        }
    }

    /**
     * No features for {@code entityCount} entities (vocabulary size 0).
     *
     * @param entityCount the number of users or items
     * @return empty features
     */
    public static SideFeatures none(int entityCount) {
        return builder(entityCount).build();
    }

    /**
     * A builder for {@code entityCount} entities.
     *
     * @param entityCount the number of users or items, &ge; 0
     * @return a new builder
     */
    public static Builder builder(int entityCount) {
        return new Builder(entityCount);
    }

    /**
     * The number of entities described.
     *
     * @return the entity count
     */
    public int entityCount() {
        return entityCount;
    }

    /**
     * The fields in encoding order.
     *
     * @return an unmodifiable list
     */
    public List<FeatureField> fields() {
        return fields;
    }

    /**
     * The dimension of the dense encoding, which is also the size of the global feature-index space.
     *
     * @return the sum of the fields' widths
     */
    public int vocabularySize() {
        return offsets[fields.size()];
    }

    /**
     * The first global index of a field's block.
     *
     * @param fieldName a field name
     * @return its offset in the encoding
     */
    public int offset(String fieldName) {
        return offsets[fieldIndex(fieldName)];
    }

    /**
     * The dense encoding of one entity.
     *
     * @param entity an entity index
     * @return a new array of length {@link #vocabularySize()}
     */
    public double[] dense(int entity) {
        double[] out = new double[vocabularySize()];
        int[] idx = featureIndices(entity);
        double[] val = featureValues(entity);
        for (int j = 0; j < idx.length; j++) {
            out[idx[j]] = val[j];
        }
        return out;
    }

    /**
     * The global indices of the entity's features, ascending: the category of each categorical field (if not
     * missing), every category of each multi-hot field, and the slot of each numeric field.
     *
     * @param entity an entity index
     * @return a new array
     */
    public int[] featureIndices(int entity) {
        checkEntity(entity);
        int[] out = new int[countIndices(entity)];
        int n = 0;
        for (int f = 0; f < fields.size(); f++) {
            switch (fields.get(f).kind()) {
                case CATEGORICAL -> {
                    int code = ((int[]) columns[f])[entity];
                    if (code >= 0) {
                        out[n++] = offsets[f] + code;
                    }
                }
                case MULTI_HOT -> {
                    for (int code : ((int[][]) columns[f])[entity]) {
                        out[n++] = offsets[f] + code;
                    }
                }
                case NUMERIC -> out[n++] = offsets[f];
                default -> throw new IllegalStateException("unknown kind");
            }
        }
        return out;
    }

    /**
     * The values aligned with {@link #featureIndices(int)}: 1 for categories, the value for numeric fields.
     *
     * @param entity an entity index
     * @return a new array
     */
    public double[] featureValues(int entity) {
        checkEntity(entity);
        double[] out = new double[countIndices(entity)];
        int n = 0;
        for (int f = 0; f < fields.size(); f++) {
            switch (fields.get(f).kind()) {
                case CATEGORICAL -> {
                    if (((int[]) columns[f])[entity] >= 0) {
                        out[n++] = 1.0;
                    }
                }
                case MULTI_HOT -> {
                    int k = ((int[][]) columns[f])[entity].length;
                    Arrays.fill(out, n, n + k, 1.0);
                    n += k;
                }
                case NUMERIC -> out[n++] = ((double[]) columns[f])[entity];
                default -> throw new IllegalStateException("unknown kind");
            }
        }
        return out;
    }

    /**
     * A readable name of a global feature index: "field=category" or the numeric field's name.
     *
     * @param globalIndex an index in [0, vocabularySize())
     * @return e.g. "gender=F" or "age"
     */
    public String featureName(int globalIndex) {
        if (globalIndex < 0 || globalIndex >= vocabularySize()) {
            throw new IllegalArgumentException("feature index: expected 0.." + (vocabularySize() - 1) + ", found "
                    + globalIndex);
        }
        int f = 0;
        while (offsets[f + 1] <= globalIndex) {
            f++;
        }
        FeatureField field = fields.get(f);
        return field.kind() == FeatureField.Kind.NUMERIC ? field.name()
                : field.name() + "=" + field.vocabulary().get(globalIndex - offsets[f]);
    }

    /**
     * The category code of a categorical field for one entity.
     *
     * @param fieldName a categorical field
     * @param entity an entity index
     * @return the code (index into the vocabulary) or -1 if missing
     */
    public int category(String fieldName, int entity) {
        checkEntity(entity);
        return ((int[]) column(fieldName, FeatureField.Kind.CATEGORICAL))[entity];
    }

    /**
     * The category codes of a multi-hot field for one entity.
     *
     * @param fieldName a multi-hot field
     * @param entity an entity index
     * @return the codes, ascending (a copy)
     */
    public int[] categories(String fieldName, int entity) {
        checkEntity(entity);
        return ((int[][]) column(fieldName, FeatureField.Kind.MULTI_HOT))[entity].clone();
    }

    /**
     * The value of a numeric field for one entity.
     *
     * @param fieldName a numeric field
     * @param entity an entity index
     * @return the value
     */
    public double numeric(String fieldName, int entity) {
        checkEntity(entity);
        return ((double[]) column(fieldName, FeatureField.Kind.NUMERIC))[entity];
    }

    /**
     * A copy whose numeric fields are z-scored, (x - mean) / sd over the entities (sd with denominator n);
     * a constant field becomes all zeros. Categorical and multi-hot fields are unchanged.
     *
     * @return standardized features
     */
    public SideFeatures standardized() {
        Object[] copy = columns.clone();
        for (int f = 0; f < fields.size(); f++) {
            if (fields.get(f).kind() == FeatureField.Kind.NUMERIC) {
                double[] x = ((double[]) columns[f]).clone();
                double mean = 0;
                for (double v : x) {
                    mean += v;
                }
                mean /= Math.max(1, x.length);
                double ss = 0;
                for (double v : x) {
                    ss += (v - mean) * (v - mean);
                }
                double sd = Math.sqrt(ss / Math.max(1, x.length));
                for (int i = 0; i < x.length; i++) {
                    x[i] = sd > 0 ? (x[i] - mean) / sd : 0.0;
                }
                copy[f] = x;
            }
        }
        return new SideFeatures(entityCount, fields, copy);
    }

    /**
     * A readable summary.
     *
     * @return e.g. {@code SideFeatures[943 entities, fields [age, gender, occupation], 31 slots]}
     */
    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        for (FeatureField f : fields) {
            names.add(f.name());
        }
        return "SideFeatures[" + entityCount + " entities, fields " + names + ", " + vocabularySize() + " slots]";
    }

    private int countIndices(int entity) {
        int n = 0;
        for (int f = 0; f < fields.size(); f++) {
            switch (fields.get(f).kind()) {
                case CATEGORICAL -> n += ((int[]) columns[f])[entity] >= 0 ? 1 : 0;
                case MULTI_HOT -> n += ((int[][]) columns[f])[entity].length;
                case NUMERIC -> n += 1;
                default -> throw new IllegalStateException("unknown kind");
            }
        }
        return n;
    }

    private void checkEntity(int entity) {
        if (entity < 0 || entity >= entityCount) {
            throw new IllegalArgumentException("entity index: expected 0.." + (entityCount - 1) + ", found " + entity);
        }
    }

    private int fieldIndex(String fieldName) {
        for (int f = 0; f < fields.size(); f++) {
            if (fields.get(f).name().equals(fieldName)) {
                return f;
            }
        }
        List<String> names = new ArrayList<>();
        for (FeatureField f : fields) {
            names.add(f.name());
        }
        throw new IllegalArgumentException("feature field '" + fieldName + "': expected one of " + names
                + ", found no such field");
    }

    private Object column(String fieldName, FeatureField.Kind kind) {
        int f = fieldIndex(fieldName);
        if (fields.get(f).kind() != kind) {
            throw new IllegalArgumentException("feature field '" + fieldName + "': expected a " + kind
                    + " field, found " + fields.get(f).kind());
        }
        return columns[f];
    }

    /** Collects fields column by column; each column is validated and copied when added. */
    public static final class Builder {

        private final int entityCount;
        private final List<FeatureField> fields = new ArrayList<>();
        private final List<Object> columns = new ArrayList<>();

        private Builder(int entityCount) {
            if (entityCount < 0) {
                throw new IllegalArgumentException("side features: expected entityCount >= 0, found " + entityCount);
            }
            this.entityCount = entityCount;
        }

        /**
         * Adds a categorical field.
         *
         * @param name the field name
         * @param vocabulary the category names
         * @param codes per entity, an index into the vocabulary or -1 for missing
         * @return this builder
         */
        public Builder categorical(String name, List<String> vocabulary, int[] codes) {
            FeatureField field = new FeatureField(name, FeatureField.Kind.CATEGORICAL, vocabulary);
            checkLength(name, codes.length);
            for (int e = 0; e < codes.length; e++) {
                if (codes[e] < -1 || codes[e] >= vocabulary.size()) {
                    throw new IllegalArgumentException("feature field '" + name + "', entity " + e
                            + ": expected a category code in -1.." + (vocabulary.size() - 1) + ", found " + codes[e]);
                }
            }
            return add(field, codes.clone());
        }

        /**
         * Adds a multi-hot field.
         *
         * @param name the field name
         * @param vocabulary the category names
         * @param codes per entity, distinct indices into the vocabulary (any order; stored ascending)
         * @return this builder
         */
        public Builder multiHot(String name, List<String> vocabulary, int[][] codes) {
            FeatureField field = new FeatureField(name, FeatureField.Kind.MULTI_HOT, vocabulary);
            checkLength(name, codes.length);
            int[][] copy = new int[codes.length][];
            for (int e = 0; e < codes.length; e++) {
                int[] set = codes[e].clone();
                Arrays.sort(set);
                for (int j = 0; j < set.length; j++) {
                    if (set[j] < 0 || set[j] >= vocabulary.size() || (j > 0 && set[j] == set[j - 1])) {
                        throw new IllegalArgumentException("feature field '" + name + "', entity " + e
                                + ": expected distinct category codes in 0.." + (vocabulary.size() - 1) + ", found "
                                + Arrays.toString(codes[e]));
                    }
                }
                copy[e] = set;
            }
            return add(field, copy);
        }

        /**
         * Adds a numeric field.
         *
         * @param name the field name
         * @param values per entity, finite
         * @return this builder
         */
        public Builder numeric(String name, double[] values) {
            FeatureField field = new FeatureField(name, FeatureField.Kind.NUMERIC, List.of());
            checkLength(name, values.length);
            for (int e = 0; e < values.length; e++) {
                if (!Double.isFinite(values[e])) {
                    throw new IllegalArgumentException("feature field '" + name + "', entity " + e
                            + ": expected a finite number, found " + values[e]);
                }
            }
            return add(field, values.clone());
        }

        /**
         * The features added so far.
         *
         * @return immutable side features
         */
        public SideFeatures build() {
            return new SideFeatures(entityCount, fields, columns.toArray());
        }

        private Builder add(FeatureField field, Object column) {
            for (FeatureField f : fields) {
                if (f.name().equals(field.name())) {
                    throw new IllegalArgumentException("feature field '" + field.name()
                            + "': expected a new field name, found it twice");
                }
            }
            fields.add(field);
            columns.add(column);
            return this;
        }

        private void checkLength(String name, int length) {
            Objects.requireNonNull(name, "name");
            if (length != entityCount) {
                throw new IllegalArgumentException("feature field '" + name + "': expected values for " + entityCount
                        + " entities, found " + length);
            }
        }
    }
}
