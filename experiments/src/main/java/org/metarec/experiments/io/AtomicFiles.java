package org.metarec.experiments.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes files so that a crash at any moment leaves either the old complete file or the new complete file:
 * the content goes to a temporary file in the same folder, is forced to disk, and is then renamed over the
 * target with {@link StandardCopyOption#ATOMIC_MOVE}.
 */
public final class AtomicFiles {

    /** Writes the content of a file to a stream; may throw to abort the write. */
    @FunctionalInterface
    public interface Content {
        /** Writes everything to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    private static final AtomicLong COUNTER = new AtomicLong();

    private AtomicFiles() {
    }

    /** Atomically replaces {@code target} with the UTF-8 bytes of {@code text}. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes the text of a file to a writer; may throw to abort the write. */
    @FunctionalInterface
    public interface Text {
        /** Writes everything to {@code out}. */
        void writeTo(java.io.Writer out) throws IOException;
    }

    /**
     * Atomically replaces {@code target} with the UTF-8 text {@code text} writes, as it writes it: for files too large
     * to hold as one string (a ten-seed study's {@code tasks.csv} is most of a gigabyte).
     */
    public static void writeText(Path target, Text text) throws IOException {
        write(target, out -> {
            java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            text.writeTo(w);
            w.flush();
        });
    }

    /** Writes {@code value} as JSON ({@link org.metarec.core.json.Json#write}) to {@code target}, atomically. */
    public static void writeJson(Path target, Object value) throws IOException {
        writeString(target, org.metarec.core.json.Json.write(value));
    }

    /** Atomically replaces {@code target} with {@code bytes}. */
    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Atomically replaces {@code target} with what {@code content} writes. If {@code content} throws, the
     * temporary file is deleted, {@code target} is untouched and the exception propagates.
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // A unique name per process and call; CREATE_NEW (unlike createTempFile) keeps the usual umask permissions.
        Path tmp = dir.resolve("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot write " + target + " safely: the file system does not support atomic renames", e);
            }
            moved = true;
            syncDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Makes the rename itself durable where the platform allows opening a directory (Linux); elsewhere a no-op. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported on this platform (e.g. Windows): the rename is still atomic, only its durability is weaker.
        }
    }

    /**
     * True for a temporary file that a write of this class left behind when it was interrupted
     * ({@code .<name>.<pid>-<n>.tmp}): folders that hold only such files count as empty.
     */
    public static boolean isTemporary(Path file) {
        return file.getFileName().toString().matches("\\..*\\.tmp");
    }
}
