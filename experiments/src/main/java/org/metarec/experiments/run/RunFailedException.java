package org.metarec.experiments.run;

/** A run that stopped with an error (exit code 1); the message says what happened and what was kept. */
public final class RunFailedException extends RuntimeException {

    /** A failure with a complete, user-facing message. */
    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure without an underlying exception. */
    public RunFailedException(String message) {
        super(message);
    }
}
