package org.metarec.experiments.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A check across several keys of one mapping (e.g. {@code amplitude_min <= amplitude_max}), run only when every
 * key of the mapping is valid on its own.
 *
 * @param doc   the rule in words, for the generated documentation
 * @param keys  the keys of the mapping the rule reads (dotted paths for keys of nested mappings); empty means
 *              "not said", and such a rule is kept only where the whole mapping is (see {@link ObjectSpec#restrictTo})
 * @param check returns null when the mapping is consistent, else the violation
 */
public record ObjectRule(String doc, List<String> keys, Function<Map<String, Object>, Violation> check) {

    /**
     * What a rule found wrong.
     *
     * @param key     the key the problem is reported at (a dotted path for a key of a nested mapping, e.g.
     *                {@code data.source})
     * @param message "expected ..., found ..."
     */
    public record Violation(String key, String message) {
        /** Requires both parts. */
        public Violation {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Requires the doc and the check. */
    public ObjectRule {
        Objects.requireNonNull(doc, "doc");
        keys = List.copyOf(keys);
        Objects.requireNonNull(check, "check");
    }

    /** A rule that does not say which keys it reads. */
    public ObjectRule(String doc, Function<Map<String, Object>, Violation> check) {
        this(doc, List.of(), check);
    }

    /** Whether the rule can run on a mapping that keeps only {@code kept} of its keys (top-level names). */
    boolean runsOn(java.util.Set<String> kept, boolean whole) {
        if (keys.isEmpty()) {
            return whole;
        }
        return keys.stream().allMatch(k -> kept.contains(k.split("\\.")[0]));
    }

    /** A rule requiring {@code values[low] <= values[high]} for two numeric keys. */
    public static ObjectRule ordered(String low, String high) {
        return new ObjectRule("`" + low + "` <= `" + high + "`", List.of(low, high), values -> {
            double lo = ((Number) values.get(low)).doubleValue();
            double hi = ((Number) values.get(high)).doubleValue();
            return lo <= hi ? null : new Violation(high, "expected a number >= " + low + " (" + values.get(low)
                    + "), found " + values.get(high));
        });
    }
}
