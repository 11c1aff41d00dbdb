package org.metarec.core.data.io;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metarec.core.data.LoadReport;

/** Applies {@link LoadOptions#skipBadLines()}: rethrows, or counts per file and remembers the first error. */
final class BadLines {

    private final boolean skip;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, MalformedDataException> first = new LinkedHashMap<>();

    BadLines(LoadOptions options) {
        this.skip = options.skipBadLines();
    }

    /** Rethrows {@code e} unless bad lines are skipped, in which case it is counted. */
    void handle(MalformedDataException e) {
        if (!skip) {
            throw e;
        }
        counts.merge(e.file(), 1L, Long::sum);
        first.putIfAbsent(e.file(), e);
    }

    /**
     * Adds the bad lines of a chunk of a file read after everything counted so far, whose lines are numbered from
     * 1 where the file has {@code linesBefore} lines before it.
     */
    void addChunk(BadLines chunk, long linesBefore) {
        for (Map.Entry<String, Long> e : chunk.counts.entrySet()) {
            counts.merge(e.getKey(), e.getValue(), Long::sum);
            first.putIfAbsent(e.getKey(), chunk.first.get(e.getKey()).shifted(linesBefore));
        }
    }

    /** Adds one drop entry per file with skipped lines. */
    void report(LoadReport.Builder report) {
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            report.drop("malformed lines skipped in " + e.getKey() + " (first: " + first.get(e.getKey()).getMessage()
                    + ")", e.getValue());
        }
    }
}
