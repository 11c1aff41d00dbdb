package org.metarec.experiments.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A non-empty string, optionally restricted to a pattern (for names that become file names).
 *
 * @param pattern     the whole string must match this, or null for any non-empty string
 * @param patternHint how the pattern is described to users, e.g. "letters, digits, '.', '_' or '-'"
 */
public record StringSpec(Pattern pattern, String patternHint) implements Spec {

    /** A pattern needs a hint. */
    public StringSpec {
        if (pattern != null) {
            Objects.requireNonNull(patternHint, "patternHint");
        }
    }

    @Override
    public Object resolve(YamlNode node, String path, Problems problems) {
        if (node instanceof YamlScalar s && s.value() instanceof String v && !v.isEmpty()
                && (pattern == null || pattern.matcher(v).matches())) {
            return v;
        }
        problems.add(node.position(), path, mismatch(node));
        return null;
    }

    @Override
    public String describe() {
        return pattern == null ? "a non-empty string" : "a string of " + patternHint;
    }

    @Override
    public String describePlural() {
        return pattern == null ? "non-empty strings" : "strings of " + patternHint;
    }
}
