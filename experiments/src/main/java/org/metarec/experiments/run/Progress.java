package org.metarec.experiments.run;

import java.io.PrintStream;

/**
 * Reports the progress of long work to the user (never to result files): a redrawn one-line bar on a terminal,
 * plain periodic lines otherwise (CI, log files).
 */
public interface Progress {

    /**
     * Begins a phase of {@code total} units of work, of which {@code done} are already done (non-zero when resuming).
     *
     * @param unit what is counted, plural, e.g. "steps" (meta-iterations) or "methods" (a method trained and
     *             evaluated in one setting); the rate is shown in it
     */
    void start(String phase, long total, long done, String unit);

    /** {@link #start(String, long, long, String)} counting steps. */
    default void start(String phase, long total, long done) {
        start(phase, total, done, "steps");
    }

    /** Reports that {@code done} steps are done and the latest loss (NaN when there is none). */
    void update(long done, double loss);

    /** Prints a one-off message (e.g. "resumed from step 40"). */
    void note(String message);

    /** Ends the current phase. */
    void finish();

    /** A reporter that prints nothing (tests, sweeps running many runs at once). */
    static Progress silent() {
        return new Progress() {
            @Override
            public void start(String phase, long total, long done, String unit) {
            }

            @Override
            public void update(long done, double loss) {
            }

            @Override
            public void note(String message) {
            }

            @Override
            public void finish() {
            }
        };
    }

    /**
     * A bar redrawn with {@code \r} when {@code terminal} is true, else a line every 10 seconds, on {@code err}.
     * The CLI passes whether its stderr is a terminal, which {@code bin/metarec} tells it (Java cannot see it).
     */
    static Progress forStream(PrintStream err, boolean terminal) {
        return terminal ? new TerminalProgress(err, System::nanoTime) : new LogProgress(err, System::nanoTime, 10.0);
    }
}
