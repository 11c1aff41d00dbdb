package org.metarec.experiments.config;

import java.util.Objects;

/**
 * One thing wrong with a config, rendered as {@code file:LINE:COL: key.path: message}.
 *
 * @param position where the problem is (the value, the key, or the enclosing mapping for a missing key)
 * @param path     dotted key path such as {@code optimizer.lr} or {@code model.hidden[1]}; empty for the whole file
 * @param message  what was expected and what was found
 */
public record ConfigProblem(Position position, String path, String message) {

    /** Requires all three parts (the path may be empty). */
    public ConfigProblem {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** The one-line form shown to users. */
    @Override
    public String toString() {
        return position + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
