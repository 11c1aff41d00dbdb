package org.metarec.experiments.study.crossdomain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the real MovieLens 100K files for the tests that may use them (they are never part of the
 * repository): the directory in the environment variable METAREC_ML100K, else the first
 * {@code shared/data/ml-100k} found walking up from the working directory. Tests skip when it is absent.
 */
final class MovieLens100kLocation {

    private MovieLens100kLocation() {
    }

    static Optional<Path> find() {
        String env = System.getenv("METAREC_ML100K");
        if (env != null && !env.isBlank()) {
            Path dir = Path.of(env);
            return Files.isRegularFile(dir.resolve("u.data")) ? Optional.of(dir) : Optional.empty();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path dir = p.resolve("shared").resolve("data").resolve("ml-100k");
            if (Files.isRegularFile(dir.resolve("u.data"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
