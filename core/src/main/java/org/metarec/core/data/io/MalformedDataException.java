package org.metarec.core.data.io;

/**
 * A line of a data file that does not have the expected form. The message is
 * {@code file:line: expected ..., found ...}.
 */
public class MalformedDataException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The file name as shown in the message. */
    private final String file;
    /** The 1-based line number. */
    private final long line;
    /** The message without its {@code file:line: } prefix. */
    private final String detail;

    /**
     * Creates the exception.
     *
     * @param file the file name as shown to the user (e.g. "u.data")
     * @param line the 1-based line number
     * @param detail "expected ..., found ..."
     */
    public MalformedDataException(String file, long line, String detail) {
        super(file + ":" + line + ": " + detail);
        this.file = file;
        this.line = line;
        this.detail = detail;
    }

    /**
     * An error about a whole file rather than one line, such as an empty file; the message is
     * {@code file: expected ..., found ...} and {@link #line()} is 0.
     *
     * @param file the file name as shown to the user
     * @param detail "expected ..., found ..."
     */
    public MalformedDataException(String file, String detail) {
        super(file + ": " + detail);
        this.file = file;
        this.line = 0;
        this.detail = detail;
    }

    /**
     * The same error {@code lines} lines further down the file: a chunk of a file read on its own numbers its lines
     * from 1, and its errors are moved to the file's numbering once the lines of the chunks before it are counted.
     */
    MalformedDataException shifted(long lines) {
        if (line == 0) {
            throw new IllegalStateException("an error about a whole file has no line to shift");
        }
        return new MalformedDataException(file, line + lines, detail);
    }

    /**
     * The file name.
     *
     * @return the file as shown in the message
     */
    public String file() {
        return file;
    }

    /**
     * The 1-based line number, 0 for an error about the whole file.
     *
     * @return the line
     */
    public long line() {
        return line;
    }
}
