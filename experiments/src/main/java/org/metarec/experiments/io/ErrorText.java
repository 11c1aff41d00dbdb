package org.metarec.experiments.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * User-facing text for an exception: what went wrong in the user's words, never a Java class name. The
 * messages metarec throws itself ({@code u.data:777: expected a rating 1..5, found '6'}) are kept as they are;
 * the JDK's file errors, whose message is often just a path, are said in full.
 */
public final class ErrorText {

    private ErrorText() {
    }

    /** The message to show for {@code e}. */
    public static String of(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return of(u.getCause());
        }
        if (e instanceof NoSuchFileException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : "no such file or folder");
        }
        if (e instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        if (e instanceof NotDirectoryException f) {
            return f.getFile() + ": expected a folder, found a file";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + ": already exists";
        }
        if (e instanceof DirectoryNotEmptyException f) {
            return f.getFile() + ": expected an empty folder, found files in it";
        }
        if (e instanceof FileSystemException f) {
            String where = f.getFile() != null ? f.getFile() + ": " : "";
            return where + (f.getReason() != null ? f.getReason() : "cannot be read or written");
        }
        if (e instanceof CharacterCodingException) {
            return "expected text in the file's encoding, found bytes that are not (a binary file, or another encoding)";
        }
        if (e instanceof OutOfMemoryError) {
            return "ran out of memory (this Java may use " + megabytes(Runtime.getRuntime().maxMemory())
                    + "); make the model or data smaller, or give Java more, e.g. METAREC_JAVA_OPTS=-Xmx8g";
        }
        if (e instanceof StackOverflowError) {
            return "the input is nested too deeply to process";
        }
        if (e instanceof IOException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            if (e.getMessage() != null && !e.getMessage().isBlank()) {
                return e.getMessage();
            }
        }
        // Anything else is a bug in metarec, not a problem with the input: say so instead of showing a class name.
        return "internal error (a bug in metarec; --verbose shows where)";
    }

    /** {@code bytes} as whole megabytes, e.g. "1024 MB". */
    public static String megabytes(long bytes) {
        return (bytes >> 20) + " MB";
    }
}
