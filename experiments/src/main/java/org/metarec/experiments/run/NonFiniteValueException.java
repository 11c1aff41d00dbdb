package org.metarec.experiments.run;

/** A NaN or infinity in a loss or gradient: the message names the step, the method and the quantity. */
public final class NonFiniteValueException extends RuntimeException {

    private final long step;

    /** E.g. {@code step 37, method maml: loss is NaN}. */
    public NonFiniteValueException(long step, String method, String quantity, double value) {
        super("step " + step + ", method " + method + ": " + quantity + " is " + value);
        this.step = step;
    }

    /** The step at which the value appeared. */
    public long step() {
        return step;
    }
}
