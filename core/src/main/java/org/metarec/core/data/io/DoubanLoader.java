package org.metarec.core.data.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metarec.core.data.Dataset;

/**
 * Loads the Douban Book and Douban Music ratings as two domains, {@code book} and {@code music}: the files
 * {@code book_ratings.dat} and {@code music_ratings.dat} of the GA-DTCDR release (Zhu et al., IJCAI 2020; DTCDR,
 * CIKM 2019), tab-separated {@code user item rating} lines without a header or timestamps, ratings 1 to 5.
 *
 * <p>User ids are shared between the two files (one Douban account, one id, as GA-DTCDR reads them); item ids are
 * per domain (book 17 and music 17 are different items, {@link DelimitedLoader.ItemIds#PER_DOMAIN}). With
 * {@link LoadOptions#verifyChecksums()} each file's SHA-256 is compared with the released file's, and a difference
 * is a warning in the load report.
 */
public final class DoubanLoader {

    /** The two domains, in order, and the file that holds each. */
    public static final Map<String, String> FILES = orderedFiles();

    /** The domain names, in order. */
    public static final List<String> DOMAINS = List.copyOf(FILES.keySet());

    /** SHA-256 of the released files (the project's data README lists how they were obtained). */
    static final Map<String, String> SHA256 = Map.of(
            "book_ratings.dat", "cc1c191fabe2e05e95cd6dbe7be19d13ed3e1b27b80be2050e4f6b4e40945ddd",
            "music_ratings.dat", "40944be25f79e6cf80ab9acf0dca8f4b9b9fe2724a068702294608883ad46775");

    private static final DelimitedFormat FORMAT = new DelimitedFormat("\t", false, List.of("user", "item", "rating"), "user",
            "item", "rating", null, null, java.nio.charset.StandardCharsets.UTF_8);

    private DoubanLoader() {
    }

    private static Map<String, String> orderedFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("book", "book_ratings.dat");
        files.put("music", "music_ratings.dat");
        return java.util.Collections.unmodifiableMap(files);
    }

    /**
     * Loads the folder {@code dir}, which must hold both files.
     *
     * @param dir the folder
     * @param options bad-line and checksum options
     * @return the data set (domains {@code book} and {@code music}) and its report
     * @throws IOException if a file is missing or cannot be read
     * @throws MalformedDataException for a malformed line (unless bad lines are skipped), naming file and line
     */
    public static Dataset load(Path dir, LoadOptions options) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : FILES.entrySet()) {
            Path file = dir.resolve(e.getValue());
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "expected the Douban " + e.getKey()
                        + " ratings (a folder holding " + String.join(" and ", FILES.values()) + "), found no such file");
            }
            files.put(e.getKey(), file);
        }
        return DelimitedLoader.loadPerDomain(files, FORMAT, options, DelimitedLoader.ItemIds.PER_DOMAIN, SHA256,
                "Douban Book + Music " + dir);
    }
}
