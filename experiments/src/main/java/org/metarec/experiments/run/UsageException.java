package org.metarec.experiments.run;

/** A command that cannot start as asked (exit code 2), e.g. an output folder that already holds a run. */
public final class UsageException extends IllegalArgumentException {

    /** An error with a user-facing message. */
    public UsageException(String message) {
        super(message);
    }
}
