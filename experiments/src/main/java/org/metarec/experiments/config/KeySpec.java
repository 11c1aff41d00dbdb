package org.metarec.experiments.config;

import java.util.List;
import java.util.Objects;

/**
 * One documented key of a mapping: its name, value spec, whether it is required / defaulted / optional,
 * and an optional {@link Condition} under which it applies. Built fluently: {@code key("lr", real().above(0))
 * .defaultTo(0.001).doc("Learning rate.")}.
 *
 * @param name         the key as written in YAML
 * @param spec         what its value must look like
 * @param presence     required, defaulted, optional (null when absent) or left out when absent
 * @param defaultValue the resolved default when {@code presence} is DEFAULT (null for sections)
 * @param doc          one or two sentences for docs/configs.md
 * @param when         the condition under which the key applies, or null for always
 */
public record KeySpec(String name, Spec spec, Presence presence, Object defaultValue, String doc, Condition when) {

    /** Whether a key must be given. */
    public enum Presence {
        /** Must be present (and non-null). */
        REQUIRED,
        /** Takes {@link KeySpec#defaultValue()} when absent or null. */
        DEFAULT,
        /** Resolves to null when absent. */
        OPTIONAL,
        /**
         * Left out of the resolved config when absent: a key added this way leaves the resolved text (and hash) of
         * every config that does not give it as it was, so older run folders still resume and summarise identically.
         */
        LEFT_OUT
    }

    /** Requires a valid key name, a spec, a presence and a doc string. */
    public KeySpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(presence, "presence");
        Objects.requireNonNull(doc, "doc");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("key names are lower_snake_case, found '" + name + "'");
        }
    }

    /** A required key with an empty doc (sections are defaulted instead: they resolve from an empty mapping). */
    public static KeySpec of(String name, Spec spec) {
        return new KeySpec(name, spec, spec instanceof ObjectSpec ? Presence.DEFAULT : Presence.REQUIRED, null, "", null);
    }

    /** This key, required. */
    public KeySpec required() {
        return new KeySpec(name, spec, Presence.REQUIRED, null, doc, when);
    }

    /** This key, optional with no default (resolves to null when absent). */
    public KeySpec optional() {
        return new KeySpec(name, spec, Presence.OPTIONAL, null, doc, when);
    }

    /** This key, optional and left out of the resolved config when absent ({@link Presence#LEFT_OUT}). */
    public KeySpec leftOutWhenAbsent() {
        return new KeySpec(name, spec, Presence.LEFT_OUT, null, doc, when);
    }

    /**
     * This key with a default. The default is checked against the spec right away (a schema with an invalid
     * default fails when it is built) and normalised (e.g. {@code 5} becomes {@code 5L}, {@code List.of(1)} a list of longs).
     */
    public KeySpec defaultTo(Object value) {
        Problems problems = new Problems();
        Object normalised = spec.resolve(YamlValues.toNode(value, Position.of("default of " + name)), name, problems);
        if (problems.count() > 0 || normalised == null) {
            throw new IllegalArgumentException("invalid default for key '" + name + "': " + value + " is not " + spec.describe());
        }
        return new KeySpec(name, spec, Presence.DEFAULT, normalised, doc, when);
    }

    /** This key with its documentation. */
    public KeySpec doc(String text) {
        return new KeySpec(name, spec, presence, defaultValue, text, when);
    }

    /** This key, applying only when sibling {@code sibling} has one of {@code values}. */
    public KeySpec when(String sibling, String... values) {
        return new KeySpec(name, spec, presence, defaultValue, doc, new Condition(sibling, List.of(values)));
    }
}
