package org.metarec.experiments.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a config value came from: {@code source:line:column} of a YAML file (1-based), or a
 * command-line override such as {@code --set budget.meta_iterations=10} (line 0: no line shown).
 *
 * @param source  the file name as the user gave it, or the override argument
 * @param baseDir directory that relative paths in this value resolve against (absolute)
 * @param line    1-based line, or 0 when the source has no lines
 * @param column  1-based column, or 0 when the source has no lines
 */
public record Position(String source, Path baseDir, int line, int column) {

    /** Validates that the source is named, the base directory absolute and the line/column non-negative. */
    public Position {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(baseDir, "baseDir");
        if (!baseDir.isAbsolute()) {
            throw new IllegalArgumentException("baseDir must be absolute, found " + baseDir);
        }
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must be >= 0, found " + line + ":" + column);
        }
    }

    /** The position of a whole non-file source (an override argument); relative paths resolve against the working directory. */
    public static Position of(String source) {
        return new Position(source, Path.of("").toAbsolutePath(), 0, 0);
    }

    /** Renders {@code source:line:column}, or just {@code source} when there are no lines. */
    @Override
    public String toString() {
        return line > 0 ? source + ":" + line + ":" + column : source;
    }
}
