package org.metarec.experiments.config;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A check across several keys of one mapping (e.g. {@code amplitude_min <= amplitude_max}), run only when every
 * key of the mapping is valid on its own.
 *
 * @param doc   the rule in words, for the generated documentation
 * @param check returns null when the mapping is consistent, else the violation
 */
public record ObjectRule(String doc, Function<Map<String, Object>, Violation> check) {

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

    /** Requires both parts. */
    public ObjectRule {
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(check, "check");
    }

    /** A rule requiring {@code values[low] <= values[high]} for two numeric keys. */
    public static ObjectRule ordered(String low, String high) {
        return new ObjectRule("`" + low + "` <= `" + high + "`", values -> {
            double lo = ((Number) values.get(low)).doubleValue();
            double hi = ((Number) values.get(high)).doubleValue();
            return lo <= hi ? null : new Violation(high, "expected a number >= " + low + " (" + values.get(low)
                    + "), found " + values.get(high));
        });
    }
}
