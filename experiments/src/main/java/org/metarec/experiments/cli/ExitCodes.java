package org.metarec.experiments.cli;

/** The exit codes of {@code metarec}. */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;
    /** A run (or sweep job) failed. */
    public static final int RUN_FAILED = 1;
    /** Bad config, bad arguments or a folder in the wrong state: nothing was run. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
