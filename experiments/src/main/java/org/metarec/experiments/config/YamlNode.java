package org.metarec.experiments.config;

/**
 * A YAML value with the position it was read from: a mapping, a list or a scalar. Only these three
 * plain shapes exist, so nothing named in a file is ever instantiated.
 */
public sealed interface YamlNode permits YamlMap, YamlList, YamlScalar {

    /** Where this value starts. */
    Position position();

    /** How this value is shown after "found" in an error message, e.g. {@code 'abc'}, {@code 1.5}, {@code a mapping}. */
    String describe();
}
