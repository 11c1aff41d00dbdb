package org.metarec.algorithms.train;

/** A NaN or infinity appeared in training; the message names the step, the method and the quantity. */
public final class NonFiniteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long step;

    /** An exception for step {@code step}, with a message naming method and quantity. */
    public NonFiniteException(long step, String message) {
        super(message);
        this.step = step;
    }

    /** The meta-iteration at which the value appeared (1-based). */
    public long step() {
        return step;
    }
}
