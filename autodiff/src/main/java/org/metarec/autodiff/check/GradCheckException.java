package org.metarec.autodiff.check;

/** Thrown by {@link GradCheck} when an analytic derivative disagrees with finite differences. */
public final class GradCheckException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with the given description of the worst disagreement. */
    public GradCheckException(String message) {
        super(message);
    }
}
