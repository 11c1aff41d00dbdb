package org.metarec.core.data.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A file read by several threads at once: {@link #split} cuts it into byte ranges at line starts, and {@link #run}
 * reads each range on a thread of its own (the first on the calling thread) and returns their results in file
 * order, for the caller to merge in that order. A chunk that fails lets the chunks after it stop early: whatever
 * they would have found comes after the failure in the file.
 */
final class FileChunks {

    private FileChunks() {
    }

    /** Reads chunk {@code chunk}; {@code failures} says when a chunk before it has failed and it may stop. */
    interface Task<T> {
        T run(int chunk, Failures failures) throws IOException;
    }

    /** The lowest-numbered chunk that has failed so far. */
    static final class Failures {

        private final AtomicInteger first = new AtomicInteger(Integer.MAX_VALUE);

        /** Records that {@code chunk} failed. */
        void failed(int chunk) {
            first.accumulateAndGet(chunk, Math::min);
        }

        /** Whether a chunk before {@code chunk} has failed (then {@code chunk}'s result will not be used). */
        boolean before(int chunk) {
            return first.get() < chunk;
        }
    }

    /**
     * At most {@code parts} ranges of about equal size, each at least {@code minBytes} long (fewer for a small
     * file), as bounds {@code b[0] = 0 <= b[1] <= ... <= b[n] = size}: chunk k is {@code [b[k], b[k + 1])}. Every
     * bound but the last is the start of a line (0 or just after a {@code '\n'}), so a line, with its
     * {@code "\r\n"}, lies in one chunk; a chunk may be empty.
     */
    static long[] split(Path file, int parts, long minBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            int n = (int) Math.max(1, Math.min(parts, size / Math.max(1, minBytes)));
            long[] bounds = new long[n + 1];
            for (int k = 1; k < n; k++) {
                bounds[k] = lineStartFrom(channel, Math.max(bounds[k - 1], size * k / n), size);
            }
            bounds[n] = size;
            return bounds;
        }
    }

    /** The first line start at or after {@code at}: {@code at} itself if the byte before it is {@code '\n'}. */
    private static long lineStartFrom(FileChannel channel, long at, long size) throws IOException {
        if (at == 0) {
            return 0;
        }
        ByteBuffer block = ByteBuffer.allocate(1 << 16);
        for (long pos = at - 1; pos < size; ) {
            block.clear();
            int n = channel.read(block, pos);
            if (n < 0) {
                break;
            }
            int i = ByteScan.indexOf(block.array(), 0, n, (byte) '\n');
            if (i < n) {
                return pos + i + 1;
            }
            pos += n;
        }
        return size;
    }

    /**
     * Runs {@code task} for chunks 0 to {@code chunks - 1}, chunk 0 on the calling thread and each other on a new
     * thread, and waits for all of them. If any failed, the exception of the lowest-numbered failed chunk is
     * thrown (the first failure in file order, whatever the timing).
     *
     * @return the results in chunk order
     */
    static <T> List<T> run(int chunks, Task<T> task) throws IOException {
        Failures failures = new Failures();
        List<FutureTask<T>> others = new ArrayList<>();
        for (int k = 1; k < chunks; k++) {
            int chunk = k;
            FutureTask<T> f = new FutureTask<>(() -> {
                try {
                    return task.run(chunk, failures);
                } catch (IOException | RuntimeException | Error e) {
                    failures.failed(chunk);
                    throw e;
                }
            });
            Thread t = new Thread(f, "metarec-load-" + k);
            t.setDaemon(true);
            t.start();
            others.add(f);
        }
        List<T> results = new ArrayList<>();
        Throwable failure = null;
        try {
            results.add(task.run(0, failures));
        } catch (IOException | RuntimeException | Error e) {
            failures.failed(0);
            failure = e;
        }
        for (FutureTask<T> f : others) {
            try {
                T result = f.get();
                results.add(result);
            } catch (ExecutionException e) {
                failure = failure != null ? failure : e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                for (FutureTask<T> other : others) {
                    other.cancel(true);
                }
                throw new InterruptedIOException("interrupted while the file was read in chunks");
            }
        }
        if (failure != null) {
            rethrow(failure);
        }
        return results;
    }

    private static void rethrow(Throwable t) throws IOException {
        if (t instanceof IOException e) {
            throw e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("a chunk failed", t); // a task throws nothing else
    }
}
