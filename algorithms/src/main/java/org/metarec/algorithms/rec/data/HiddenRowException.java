package org.metarec.algorithms.rec.data;

/**
 * Thrown when training or model selection asks for a rating that is hidden from them (a test
 * user's target-domain rating): the guard that makes "never look at the test users" checkable.
 */
public final class HiddenRowException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception naming the row.
     *
     * @param message what was asked for and why it is hidden
     */
    public HiddenRowException(String message) {
        super(message);
    }
}
