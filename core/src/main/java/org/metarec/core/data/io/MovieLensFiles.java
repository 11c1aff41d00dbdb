package org.metarec.core.data.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.metarec.core.data.LoadReport;

/** File handling shared by the MovieLens loaders: required files, and checksum warnings. */
final class MovieLensFiles {

    private MovieLensFiles() {
    }

    /** The file {@code name} in {@code dir}, which must exist. */
    static Path required(Path dir, String name, String dataSet) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "expected a " + dataSet + " directory, found none");
        }
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "expected the " + dataSet + " file " + name
                    + ", found none");
        }
        return file;
    }

    /** Adds a warning to the report if the reader's file differs from its known hash. */
    static void verify(LineReader reader, Map<String, String> known, LoadReport.Builder report) throws IOException {
        String warning = Checksums.mismatch(known, reader.fileName(), reader.sha256Hex());
        if (warning != null) {
            report.warn(warning);
        }
    }
}
