package org.metarec.experiments.config;

/**
 * The expected shape of one config value: resolves a {@link YamlNode} to a plain Java value
 * ({@code Long}, {@code Double}, {@code Boolean}, {@code String}, {@code List}, {@code Map}) or reports problems.
 * Specs are built with {@link Specs} and assembled into the schema by {@link ConfigSchema}.
 */
public sealed interface Spec permits IntegerSpec, RealSpec, BoolSpec, StringSpec, EnumSpec, PathSpec, ListSpec, ObjectSpec {

    /**
     * Resolves a present, non-null value.
     *
     * @param node     the value as read
     * @param path     its dotted key path, for messages
     * @param problems where problems are added
     * @return the resolved value, or null after adding at least one problem
     */
    Object resolve(YamlNode node, String path, Problems problems);

    /** What is expected, with an article, e.g. "an integer >= 1" (used as "expected ..."). */
    String describe();

    /** The plural of {@link #describe()} without article, e.g. "integers >= 1" (used for list elements). */
    String describePlural();

    /** The standard "expected X, found Y" message. */
    default String mismatch(YamlNode found) {
        return "expected " + describe() + ", found " + found.describe();
    }
}
