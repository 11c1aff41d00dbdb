package org.metarec.experiments.config;

import java.util.List;
import java.util.Objects;

/**
 * "This key applies only when sibling key {@code sibling} has one of {@code values}", e.g. {@code data.synthetic}
 * only when {@code data.source} is {@code synthetic}. A key whose condition is false must be absent and is left
 * out of the resolved config.
 *
 * @param sibling key in the same mapping, declared earlier in the schema
 * @param values  the values of the sibling for which the key applies
 */
public record Condition(String sibling, List<String> values) {

    /** Requires a sibling name and at least one value. */
    public Condition {
        Objects.requireNonNull(sibling, "sibling");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a condition needs at least one value");
        }
    }

    /** True if the sibling's resolved value is one of {@link #values()}. */
    public boolean matches(Object siblingValue) {
        return siblingValue != null && values.contains(siblingValue.toString());
    }

    /** "synthetic" or "one of movielens100k, movielens1m". */
    public String describeValues() {
        return values.size() == 1 ? values.get(0) : "one of " + String.join(", ", values);
    }
}
