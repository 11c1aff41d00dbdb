package org.metarec.experiments.config;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The small schema language: factories for value specs and keys, used by {@link ConfigSchema}.
 * Example: {@code object(key("lr", real().above(0)).defaultTo(0.001).doc("Step size."))}.
 */
public final class Specs {

    private Specs() {
    }

    /** An integer in the int range (bounds can be narrowed with {@code atLeast}/{@code atMost}). */
    public static IntegerSpec integer() {
        return new IntegerSpec(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** An integer in the full long range (e.g. a seed). */
    public static IntegerSpec longInteger() {
        return new IntegerSpec(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A finite number (bounds can be added with {@code above}, {@code atLeast}, {@code below}, {@code atMost}). */
    public static RealSpec real() {
        return new RealSpec(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);
    }

    /** {@code true} or {@code false}. */
    public static BoolSpec bool() {
        return new BoolSpec();
    }

    /** Any non-empty string. */
    public static StringSpec string() {
        return new StringSpec(null, null);
    }

    /** A string that must match {@code regex} entirely, described to users as {@code hint}. */
    public static StringSpec string(String regex, String hint) {
        return new StringSpec(Pattern.compile(regex), hint);
    }

    /** One of the given words. */
    public static EnumSpec oneOf(String... values) {
        return new EnumSpec(Arrays.asList(values));
    }

    /** One of the given words. */
    public static EnumSpec oneOf(List<String> values) {
        return new EnumSpec(values);
    }

    /** A path to an existing file or directory. */
    public static PathSpec path() {
        return new PathSpec();
    }

    /** A list of any length whose elements match {@code element}. */
    public static ListSpec listOf(Spec element) {
        return new ListSpec(element, 0, Integer.MAX_VALUE, false);
    }

    /** A mapping with these keys. */
    public static ObjectSpec object(KeySpec... keys) {
        return new ObjectSpec(Arrays.asList(keys), List.of());
    }

    /** A key; make it {@code required()}, {@code optional()} or {@code defaultTo(..)} and give it a {@code doc(..)}. */
    public static KeySpec key(String name, Spec spec) {
        return KeySpec.of(name, spec);
    }

    /** A number as people write it in prose: no trailing zeros, no exponent ({@code 0}, {@code 0.5}, {@code 1e-08} -> {@code 0.00000001}). */
    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
