package org.metarec.core.data.io;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metarec.core.data.LoadReport;

/** Applies {@link LoadOptions#skipBadLines()}: rethrows, or counts per file and remembers the first message. */
final class BadLines {

    private final boolean skip;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, String> first = new LinkedHashMap<>();

    BadLines(LoadOptions options) {
        this.skip = options.skipBadLines();
    }

    /** Rethrows {@code e} unless bad lines are skipped, in which case it is counted. */
    void handle(MalformedDataException e) {
        if (!skip) {
            throw e;
        }
        counts.merge(e.file(), 1L, Long::sum);
        first.putIfAbsent(e.file(), e.getMessage());
    }

    /** Adds one drop entry per file with skipped lines. */
    void report(LoadReport.Builder report) {
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            report.drop("malformed lines skipped in " + e.getKey() + " (first: " + first.get(e.getKey()) + ")",
                    e.getValue());
        }
    }
}
