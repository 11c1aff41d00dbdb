package org.metarec.experiments.config;

import java.util.Objects;

/**
 * A value that replaces one key of a config after {@code extends} is applied: from {@code --set key.path=value}
 * on the command line, or from a sweep's grid.
 *
 * @param path  dotted key path, e.g. {@code optimizer.lr}
 * @param value the new value (null scalar = "use the default")
 */
public record ConfigOverride(String path, YamlNode value) {

    private static final String PATH_SYNTAX = "[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*";

    /** Requires a dotted path of lower_snake_case keys. */
    public ConfigOverride {
        Objects.requireNonNull(value, "value");
        if (path == null || !path.matches(PATH_SYNTAX)) {
            throw new ConfigException(new ConfigProblem(value.position(), "",
                    "expected a dotted key path such as optimizer.lr, found '" + path + "'"));
        }
    }

    /**
     * Parses a {@code --set} argument {@code key.path=value}; the value is read as YAML, so {@code 3} is an
     * integer, {@code [1, 2]} a list and {@code "3"} a string. Errors name the argument.
     */
    public static ConfigOverride parse(String argument) {
        Position origin = Position.of("--set " + argument);
        int eq = argument.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException(new ConfigProblem(origin, "", "expected key.path=value, found no '='"));
        }
        String path = argument.substring(0, eq).trim();
        YamlNode value = YamlReader.readValue(argument.substring(eq + 1), origin);
        return new ConfigOverride(path, value);
    }
}
