package org.metarec.core.data;

import java.util.List;

/**
 * One attribute of users or items.
 *
 * <ul>
 *   <li>{@link Kind#CATEGORICAL}: one value of the vocabulary per entity (or missing); encoded one-hot;</li>
 *   <li>{@link Kind#MULTI_HOT}: a set of vocabulary values per entity (e.g. genres); encoded multi-hot;</li>
 *   <li>{@link Kind#NUMERIC}: one real number per entity; encoded as itself in one slot.</li>
 * </ul>
 *
 * @param name the field name, e.g. "gender"
 * @param kind how values are encoded
 * @param vocabulary the category names (empty for numeric fields)
 */
public record FeatureField(String name, Kind kind, List<String> vocabulary) {

    /** How a field's values are encoded. */
    public enum Kind {
        /** Exactly one category (or missing). */
        CATEGORICAL,
        /** A set of categories. */
        MULTI_HOT,
        /** A real number. */
        NUMERIC
    }

    /**
     * Validates and copies the vocabulary.
     *
     * @throws IllegalArgumentException for a blank name, a numeric field with a vocabulary, a categorical
     *     field without one, or a repeated category
     */
    public FeatureField {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("feature field: expected a non-blank name, found '" + name + "'");
        }
        if (kind == null) {
            throw new IllegalArgumentException("feature field '" + name + "': expected a kind, found null");
        }
        vocabulary = List.copyOf(vocabulary);
        if (kind == Kind.NUMERIC && !vocabulary.isEmpty()) {
            throw new IllegalArgumentException("feature field '" + name
                    + "': expected no vocabulary for a numeric field, found " + vocabulary.size() + " values");
        }
        if (kind != Kind.NUMERIC && vocabulary.isEmpty()) {
            throw new IllegalArgumentException("feature field '" + name + "': expected a non-empty vocabulary for a "
                    + kind + " field, found none");
        }
        for (int i = 0; i < vocabulary.size(); i++) {
            if (vocabulary.indexOf(vocabulary.get(i)) != i) {
                throw new IllegalArgumentException("feature field '" + name + "': expected distinct categories, found '"
                        + vocabulary.get(i) + "' twice");
            }
        }
    }

    /**
     * The number of slots the field takes in the encoded vector: the vocabulary size, or 1 if numeric.
     *
     * @return the width
     */
    public int width() {
        return kind == Kind.NUMERIC ? 1 : vocabulary.size();
    }
}
