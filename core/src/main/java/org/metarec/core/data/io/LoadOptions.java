package org.metarec.core.data.io;

/**
 * Options common to all loaders.
 *
 * @param skipBadLines false: a malformed line stops the load with a {@link MalformedDataException};
 *     true: malformed lines are skipped, counted per file and listed in the load report with the first error
 * @param verifyChecksums whether to compare files with the known SHA-256 of the official release (a
 *     mismatch is a warning in the report, never a failure)
 * @param threads how many threads may read one file at once, at least 1 (1: one thread reads it from start to
 *     end); {@link AmazonLoader} reads a file in that many chunks, the other loaders use one thread. The data set,
 *     its report and any error do not depend on it
 */
public record LoadOptions(boolean skipBadLines, boolean verifyChecksums, int threads) {

    /** Strict loading with checksum verification, on one thread. */
    public static final LoadOptions DEFAULT = new LoadOptions(false, true);

    /** Requires at least one thread. */
    public LoadOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("load options: expected threads >= 1, found " + threads);
        }
    }

    /**
     * Options that read every file on one thread.
     *
     * @param skipBadLines whether malformed lines are skipped (and reported) rather than stopping the load
     * @param verifyChecksums whether files are compared with the known SHA-256 of the official release
     */
    public LoadOptions(boolean skipBadLines, boolean verifyChecksums) {
        this(skipBadLines, verifyChecksums, 1);
    }

    /**
     * The default options, but skipping (and reporting) malformed lines.
     *
     * @return the options
     */
    public static LoadOptions skippingBadLines() {
        return new LoadOptions(true, true);
    }

    /**
     * These options with another thread count.
     *
     * @param n how many threads may read one file at once, at least 1
     * @return the options
     */
    public LoadOptions withThreads(int n) {
        return new LoadOptions(skipBadLines, verifyChecksums, n);
    }
}
