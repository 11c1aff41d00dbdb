package org.metarec.experiments.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A path to an existing file or directory. A relative path is resolved against the directory of the file
 * that gave it (the working directory for {@code --set}), and resolves to the absolute normalised path as a
 * {@link String}, so a resolved config still works when read from the run folder.
 */
public record PathSpec() implements Spec {

    @Override
    public Object resolve(YamlNode node, String path, Problems problems) {
        if (!(node instanceof YamlScalar s) || !(s.value() instanceof String text) || text.isEmpty()) {
            problems.add(node.position(), path, mismatch(node));
            return null;
        }
        Path resolved;
        try {
            resolved = s.position().baseDir().resolve(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            problems.add(node.position(), path, mismatch(node) + " (not a valid path: " + e.getReason() + ")");
            return null;
        }
        if (!Files.exists(resolved)) {
            problems.add(node.position(), path, mismatch(node) + " (no such file or directory: " + resolved + ")");
            return null;
        }
        return resolved.toString();
    }

    @Override
    public String describe() {
        return "a path to an existing file or directory";
    }

    @Override
    public String describePlural() {
        return "paths to existing files or directories";
    }
}
