package org.metarec.experiments.config;

import java.math.BigInteger;

/**
 * A whole number within {@code [min, max]} (inclusive), resolved to a {@link Long}. Bounds equal to the
 * int or long extremes are technical limits and are not shown in descriptions.
 *
 * @param min smallest allowed value ({@link Long#MIN_VALUE} for none)
 * @param max largest allowed value ({@link Long#MAX_VALUE} for none)
 */
public record IntegerSpec(long min, long max) implements Spec {

    /** Requires {@code min <= max}. */
    public IntegerSpec {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
    }

    /** The same spec with a lower bound. */
    public IntegerSpec atLeast(long lower) {
        return new IntegerSpec(lower, max);
    }

    /** The same spec with an upper bound. */
    public IntegerSpec atMost(long upper) {
        return new IntegerSpec(min, upper);
    }

    @Override
    public Object resolve(YamlNode node, String path, Problems problems) {
        if (node instanceof YamlScalar s && s.value() instanceof Long v && v >= min && v <= max) {
            return v;
        }
        String message = mismatch(node);
        if (node instanceof YamlScalar s && s.value() instanceof BigInteger) {
            message += " (outside the supported range [" + min + ", " + max + "])";
        } else if (node instanceof YamlScalar s && s.value() instanceof Long v && (v > max || v < min)
                && !range().contains(v > max ? Long.toString(max) : Long.toString(min))) {
            message += " (outside the supported range [" + min + ", " + max + "])";
        }
        problems.add(node.position(), path, message);
        return null;
    }

    @Override
    public String describe() {
        return "an integer" + range();
    }

    @Override
    public String describePlural() {
        return "integers" + range();
    }

    private String range() {
        // The int and long extremes are technical limits, not documented bounds, so they are not shown.
        boolean lower = min != Long.MIN_VALUE && min != Integer.MIN_VALUE;
        boolean upper = max != Long.MAX_VALUE && max != Integer.MAX_VALUE;
        if (lower && upper) {
            return " in [" + min + ", " + max + "]";
        }
        if (lower) {
            return " >= " + min;
        }
        return upper ? " <= " + max : "";
    }
}
