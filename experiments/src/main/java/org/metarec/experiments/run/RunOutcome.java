package org.metarec.experiments.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.metarec.experiments.results.Summary;

/**
 * What a finished run produced.
 *
 * @param dir             the run folder
 * @param summary         the summary written to summary.json
 * @param alreadyFinished true when {@code resume} found the run already complete and did nothing
 * @param warnings        non-fatal problems (e.g. a figure that could not be drawn)
 */
public record RunOutcome(Path dir, Summary summary, boolean alreadyFinished, List<String> warnings) {

    /** Requires the folder and summary; copies the warnings. */
    public RunOutcome {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(summary, "summary");
        warnings = List.copyOf(warnings);
    }
}
