package org.metarec.algorithms.train;

/** A NaN or infinity appeared in training; the message names the step, the method and the quantity. */
public final class NonFiniteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long step;
    private final String method;
    private final String quantity;
    private final double value;

    /**
     * @param step the meta-iteration (1-based)
     * @param method the learner's name
     * @param quantity what was not finite, e.g. "meta-loss" or "meta-gradient of W2"
     * @param value the offending value
     */
    public NonFiniteException(long step, String method, String quantity, double value) {
        super("step " + step + ", method " + method + ": " + quantity + " is " + value);
        this.step = step;
        this.method = method;
        this.quantity = quantity;
        this.value = value;
    }

    /** The meta-iteration at which the value appeared (1-based). */
    public long step() {
        return step;
    }

    /** The learner's name. */
    public String method() {
        return method;
    }

    /** What was not finite. */
    public String quantity() {
        return quantity;
    }

    /** The offending value (NaN or an infinity). */
    public double value() {
        return value;
    }
}
