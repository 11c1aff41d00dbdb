package org.metarec.experiments.checkpoint;

/** A checkpoint file that cannot be used: wrong magic or version, truncated, or failing its checksum. */
public final class CheckpointException extends RuntimeException {

    /** An error whose message names the file and what was expected versus found. */
    public CheckpointException(String message) {
        super(message);
    }
}
