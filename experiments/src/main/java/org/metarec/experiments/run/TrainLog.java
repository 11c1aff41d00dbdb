package org.metarec.experiments.run;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.metarec.experiments.io.AtomicFiles;

/**
 * The training curve, {@code train.csv}: a header {@code step,method,<columns>} and one row per logged step and
 * method, numbers written with {@link Double#toString(double)} (exact and stable). Rows are appended and flushed
 * as they come; a checkpoint records how many rows existed when it was taken, and on resume the file is cut back
 * to exactly those rows, so the log always matches the state the run continues from.
 */
public final class TrainLog implements Closeable {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    private final Path file;
    private final FileChannel channel;
    private final OutputStream out;
    private String header;
    private long rows;

    private TrainLog(Path file, String header, long rows) throws IOException {
        this.file = file;
        this.header = header;
        this.rows = rows;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        this.out = Channels.newOutputStream(channel);
    }

    /**
     * Opens {@code file} keeping its header and its first {@code keepRows} complete rows (the rows covered by the
     * checkpoint being resumed from; 0 for a fresh start). Anything after them, including a half-written last
     * line, is removed with an atomic rewrite.
     *
     * @throws IOException when the file has fewer than {@code keepRows} rows (the folder is inconsistent)
     */
    public static TrainLog open(Path file, long keepRows) throws IOException {
        if (!Files.exists(file)) {
            if (keepRows > 0) {
                throw new IOException(file + ": expected " + keepRows + " rows (as recorded in the checkpoint), found no file");
            }
            return new TrainLog(file, null, 0);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            lines.add(text.substring(start, nl));
            start = nl + 1;
        }
        // A trailing fragment without '\n' is a row cut by a crash: it is dropped.
        String header = lines.isEmpty() ? null : lines.get(0);
        long available = Math.max(0, lines.size() - 1);
        if (available < keepRows) {
            throw new IOException(file + ": expected at least " + keepRows + " rows (as recorded in the checkpoint), found " + available);
        }
        int keepLines = header == null ? 0 : (int) keepRows + 1;
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < keepLines; i++) {
            kept.append(lines.get(i)).append('\n');
        }
        if (kept.length() != text.length()) {
            AtomicFiles.writeString(file, kept.toString());
        }
        return new TrainLog(file, header, keepRows);
    }

    /**
     * Declares the value columns (after {@code step,method}). Writes the header on a fresh log; on a resumed log
     * the existing header must be the same.
     */
    public synchronized void columns(String... names) throws IOException {
        for (String n : names) {
            if (!NAME.matcher(n).matches()) {
                throw new IllegalArgumentException("train.csv column names use letters, digits, '_', '.', '-'; found '" + n + "'");
            }
        }
        String wanted = "step,method" + (names.length > 0 ? "," + String.join(",", names) : "");
        if (header == null) {
            write(wanted);
            header = wanted;
        } else if (!header.equals(wanted)) {
            throw new IllegalStateException(file + ": expected header '" + wanted + "', found '" + header + "'");
        }
    }

    /** Appends the row {@code step,method,values...}; values must be finite and match the declared columns. */
    public synchronized void append(long step, String method, double... values) throws IOException {
        if (header == null) {
            throw new IllegalStateException("declare the train.csv columns before appending rows");
        }
        int expected = header.split(",", -1).length - 2;
        if (values.length != expected) {
            throw new IllegalArgumentException("train.csv row: expected " + expected + " values, found " + values.length);
        }
        if (!NAME.matcher(method).matches()) {
            throw new IllegalArgumentException("train.csv method names use letters, digits, '_', '.', '-'; found '" + method + "'");
        }
        StringBuilder line = new StringBuilder().append(step).append(',').append(method);
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new NonFiniteValueException(step, method, header.split(",")[i + 2], values[i]);
            }
            line.append(',').append(values[i]);
        }
        write(line.toString());
        rows++;
    }

    private void write(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Number of data rows (header excluded). */
    public synchronized long rows() {
        return rows;
    }

    /** Forces written rows to disk; called before a checkpoint records {@link #rows()}. */
    public synchronized void sync() throws IOException {
        out.flush();
        channel.force(false);
    }

    /** Closes the file. */
    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
