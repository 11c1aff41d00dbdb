package org.metarec.core.data.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * Reads a file line by line as raw bytes (lines end with LF or CRLF; a last line without a newline counts; a
 * UTF-8 byte order mark before the first line is skipped; a file whose name ends in {@code .gz} is decompressed),
 * optionally computing the SHA-256 of every byte read. The current line is
 * {@code buffer()[start() .. end())}, valid until the next call to {@link #next()}.
 */
final class LineReader implements Closeable {

    private final InputStream in;
    private final String fileName;
    private final MessageDigest digest;
    private byte[] buf = new byte[1 << 16];
    private int limit;
    private int pos;
    private int scanFrom;
    private int lineStart;
    private int lineEnd;
    private long lineNumber;
    private boolean eof;

    private LineReader(InputStream in, String fileName, MessageDigest digest) {
        this.in = in;
        this.fileName = fileName;
        this.digest = digest;
    }

    /** Opens {@code file}, naming it {@code fileName} in messages; hashes its bytes if {@code hash}. */
    static LineReader open(Path file, String fileName, boolean hash) throws IOException {
        MessageDigest digest = null;
        if (hash) {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
        }
        InputStream in = Files.newInputStream(file);
        // Data sets are often shipped gzipped (the Amazon review files are); the hash is then of the content.
        if (file.getFileName().toString().endsWith(".gz")) {
            InputStream raw = in;
            try {
                in = new GZIPInputStream(raw, 1 << 16);
            } catch (IOException e) {
                raw.close();
                throw e;
            }
        }
        return new LineReader(in, fileName, digest);
    }

    /** Advances to the next line; false at the end of the file. */
    boolean next() throws IOException {
        while (true) {
            int i = ByteScan.indexOf(buf, scanFrom, limit, (byte) '\n');
            if (i < limit) {
                setLine(pos, i);
                pos = i + 1;
                scanFrom = pos;
                return true;
            }
            scanFrom = limit;
            if (eof) {
                if (pos < limit) {
                    setLine(pos, limit);
                    pos = limit;
                    return true;
                }
                return false;
            }
            fill();
        }
    }

    private void setLine(int from, int to) {
        lineNumber++;
        if (to > from && buf[to - 1] == '\r') {
            to--;
        }
        // A UTF-8 byte order mark at the start of the file is not part of the first field.
        if (lineNumber == 1 && to - from >= 3 && buf[from] == (byte) 0xEF && buf[from + 1] == (byte) 0xBB
                && buf[from + 2] == (byte) 0xBF) {
            from += 3;
        }
        lineStart = from;
        lineEnd = to;
    }

    private void fill() throws IOException {
        int remaining = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, remaining);
            scanFrom -= pos;
            pos = 0;
            limit = remaining;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            if (digest != null) {
                digest.update(buf, limit, n);
            }
            limit += n;
        }
    }

    byte[] buffer() {
        return buf;
    }

    int start() {
        return lineStart;
    }

    int end() {
        return lineEnd;
    }

    boolean isBlank() {
        for (int i = lineStart; i < lineEnd; i++) {
            if (buf[i] != ' ' && buf[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    long lineNumber() {
        return lineNumber;
    }

    String fileName() {
        return fileName;
    }

    String text(Charset charset) {
        return new String(buf, lineStart, lineEnd - lineStart, charset);
    }

    /** An exception for the current line: {@code file:line: detail}. */
    MalformedDataException error(String detail) {
        return new MalformedDataException(fileName, lineNumber, detail);
    }

    /** The SHA-256 of the whole file as lowercase hex (reads any unread rest of the file). */
    String sha256Hex() throws IOException {
        if (digest == null) {
            throw new IllegalStateException("the reader was opened without hashing");
        }
        while (!eof) {
            pos = limit;
            scanFrom = limit;
            fill();
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
