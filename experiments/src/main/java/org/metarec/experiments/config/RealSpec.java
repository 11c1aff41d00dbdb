package org.metarec.experiments.config;

/**
 * A finite number within optional bounds, resolved to a {@link Double}; integers are accepted and widened.
 *
 * @param min          lower bound, or negative infinity for none
 * @param minInclusive whether {@code min} itself is allowed
 * @param max          upper bound, or positive infinity for none
 * @param maxInclusive whether {@code max} itself is allowed
 */
public record RealSpec(double min, boolean minInclusive, double max, boolean maxInclusive) implements Spec {

    /** Requires ordered, non-NaN bounds. */
    public RealSpec {
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException("bad bounds " + min + ", " + max);
        }
    }

    /** The same spec with lower bound {@code lower} (inclusive). */
    public RealSpec atLeast(double lower) {
        return new RealSpec(lower, true, max, maxInclusive);
    }

    /** The same spec with lower bound {@code lower} (exclusive). */
    public RealSpec above(double lower) {
        return new RealSpec(lower, false, max, maxInclusive);
    }

    /** The same spec with upper bound {@code upper} (inclusive). */
    public RealSpec atMost(double upper) {
        return new RealSpec(min, minInclusive, upper, true);
    }

    /** The same spec with upper bound {@code upper} (exclusive). */
    public RealSpec below(double upper) {
        return new RealSpec(min, minInclusive, upper, false);
    }

    /** True if {@code v} is finite and within the bounds. */
    public boolean accepts(double v) {
        if (!Double.isFinite(v)) {
            return false;
        }
        boolean aboveMin = minInclusive ? v >= min : v > min;
        boolean belowMax = maxInclusive ? v <= max : v < max;
        return aboveMin && belowMax;
    }

    @Override
    public Object resolve(YamlNode node, String path, Problems problems) {
        if (node instanceof YamlScalar s && (s.value() instanceof Double || s.value() instanceof Long)) {
            double v = ((Number) s.value()).doubleValue();
            if (accepts(v)) {
                return v;
            }
        }
        problems.add(node.position(), path, mismatch(node));
        return null;
    }

    @Override
    public String describe() {
        return "a number" + range();
    }

    @Override
    public String describePlural() {
        return "numbers" + range();
    }

    private String range() {
        boolean lower = min != Double.NEGATIVE_INFINITY;
        boolean upper = max != Double.POSITIVE_INFINITY;
        if (lower && upper) {
            return " in " + (minInclusive ? "[" : "(") + Specs.format(min) + ", " + Specs.format(max) + (maxInclusive ? "]" : ")");
        }
        if (lower) {
            return (minInclusive ? " >= " : " > ") + Specs.format(min);
        }
        return upper ? (maxInclusive ? " <= " : " < ") + Specs.format(max) : "";
    }
}
