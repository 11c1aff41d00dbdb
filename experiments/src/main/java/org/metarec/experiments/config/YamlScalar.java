package org.metarec.experiments.config;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A scalar resolved by the YAML 1.2 core schema: its value is {@code null}, a {@link Boolean}, a
 * {@link Long} (or a {@link BigInteger} when it does not fit a long), a {@link Double} or a {@link String}.
 *
 * @param position where the scalar starts
 * @param value    the resolved value (see above)
 * @param text     the scalar exactly as written, used in error messages
 */
public record YamlScalar(Position position, Object value, String text) implements YamlNode {

    /** Checks that the value has one of the supported types. */
    public YamlScalar {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(text, "text");
        if (value != null && !(value instanceof Boolean || value instanceof Long || value instanceof BigInteger
                || value instanceof Double || value instanceof String)) {
            throw new IllegalArgumentException("unsupported scalar type " + value.getClass().getName());
        }
    }

    /** True for a YAML null ({@code ~}, {@code null} or an empty value), which config keys treat as "not given". */
    public boolean isNull() {
        return value == null;
    }

    /** Strings are shown quoted, everything else as written; a null is shown as {@code null}. */
    @Override
    public String describe() {
        if (value == null) {
            return "null";
        }
        return value instanceof String ? "'" + text + "'" : text;
    }
}
