package org.metarec.core.data.io;

/**
 * Options common to all loaders.
 *
 * @param skipBadLines false: a malformed line stops the load with a {@link MalformedDataException};
 *     true: malformed lines are skipped, counted per file and listed in the load report with the first error
 * @param verifyChecksums whether to compare files with the known SHA-256 of the official release (a
 *     mismatch is a warning in the report, never a failure)
 */
public record LoadOptions(boolean skipBadLines, boolean verifyChecksums) {

    /** Strict loading with checksum verification. */
    public static final LoadOptions DEFAULT = new LoadOptions(false, true);

    /**
     * The default options, but skipping (and reporting) malformed lines.
     *
     * @return the options
     */
    public static LoadOptions skippingBadLines() {
        return new LoadOptions(true, true);
    }
}
