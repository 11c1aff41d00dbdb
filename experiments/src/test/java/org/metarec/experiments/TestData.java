package org.metarec.experiments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the real MovieLens 100K files for tests that use them when present: the folder named by the environment
 * variable {@code METAREC_ML100K}, else the first {@code shared/data/ml-100k} found walking up from the working
 * directory. The data is never copied into the repository.
 */
public final class TestData {

    private TestData() {
    }

    /** The ML-100K folder (holding u.data), or empty when it is not available here. */
    public static Optional<Path> movieLens100k() {
        String env = System.getenv("METAREC_ML100K");
        if (env != null && Files.isRegularFile(Path.of(env, "u.data"))) {
            return Optional.of(Path.of(env).toAbsolutePath());
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("data").resolve("ml-100k");
            if (Files.isRegularFile(candidate.resolve("u.data"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
