package org.metarec.experiments.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a config (or sweep file) is invalid; carries every problem found, one per line in the message.
 */
public final class ConfigException extends IllegalArgumentException {

    private final transient List<ConfigProblem> problems;

    /** Wraps a non-empty list of problems. */
    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining(System.lineSeparator())));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** A single problem. */
    public ConfigException(ConfigProblem problem) {
        this(List.of(problem));
    }

    /** The problems in the order they are shown. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
