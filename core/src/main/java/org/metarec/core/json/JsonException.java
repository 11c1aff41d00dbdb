package org.metarec.core.json;

/**
 * A JSON text that does not parse, or a value that is not of the expected form. It is an
 * {@link IllegalArgumentException}: bad input, reported with its place.
 */
public final class JsonException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** An exception whose message names the place and what was expected. */
    public JsonException(String message) {
        super(message);
    }
}
