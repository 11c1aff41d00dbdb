package org.metarec.core.data.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds the values of a few top-level keys in a line that holds one JSON object (RFC 8259), as the Amazon review
 * files have one review per line, and checks that the whole line is valid JSON. Other values are skipped without
 * being built: a review's text is scanned, never copied. Values are located as byte ranges of the line
 * ({@link #start}, {@link #end}); strings are decoded only when asked ({@link #text}).
 */
final class JsonLine {

    private static final int MAX_DEPTH = 64;

    private final byte[][] keys;
    private final int[] starts;
    private final int[] ends;
    private final boolean[] strings;
    private final boolean[] escaped;
    private LineReader line;
    private byte[] buf;
    private int pos;
    private int end;

    /**
     * A scanner for the given keys (ASCII names without escapes).
     *
     * @param keys the keys whose values are wanted
     */
    JsonLine(String... keys) {
        this.keys = new byte[keys.length][];
        for (int k = 0; k < keys.length; k++) {
            this.keys[k] = keys[k].getBytes(StandardCharsets.US_ASCII);
        }
        starts = new int[keys.length];
        ends = new int[keys.length];
        strings = new boolean[keys.length];
        escaped = new boolean[keys.length];
    }

    /**
     * Scans the current line of {@code in}.
     *
     * @throws MalformedDataException naming the line and column if it is not one JSON object
     */
    void parse(LineReader in) {
        line = in;
        buf = in.buffer();
        pos = in.start();
        end = in.end();
        Arrays.fill(starts, -1);
        skipSpace();
        expect('{', "'{' (one JSON object per line)");
        skipSpace();
        if (peek() == '}') {
            pos++;
        } else {
            while (true) {
                skipSpace();
                int keyStart = pos + 1;
                boolean keyEscaped = skipString("a key in double quotes");
                int wanted = keyEscaped ? -1 : wantedKey(keyStart, pos - 1);
                skipSpace();
                expect(':', "':' after the key");
                skipSpace();
                int valueStart = pos;
                boolean isString = peek() == '"';
                boolean valueEscaped = skipValue(0);
                if (wanted >= 0) {
                    starts[wanted] = isString ? valueStart + 1 : valueStart;
                    ends[wanted] = isString ? pos - 1 : pos;
                    strings[wanted] = isString;
                    escaped[wanted] = valueEscaped;
                }
                skipSpace();
                if (peek() == ',') {
                    pos++;
                    continue;
                }
                expect('}', "',' or '}' after a value");
                break;
            }
        }
        skipSpace();
        if (pos < end) {
            throw error("the end of the line after the object");
        }
    }

    /** Whether key {@code k} was present. */
    boolean has(int k) {
        return starts[k] >= 0;
    }

    /** Whether the value of key {@code k} is a string. */
    boolean isString(int k) {
        return strings[k];
    }

    /** Whether the string value of key {@code k} contains escapes (then only {@link #text} gives its value). */
    boolean isEscaped(int k) {
        return escaped[k];
    }

    /** First byte of the value of key {@code k} (after the opening quote of a string). */
    int start(int k) {
        return starts[k];
    }

    /** End of the value of key {@code k} (before the closing quote of a string). */
    int end(int k) {
        return ends[k];
    }

    /** The string value of key {@code k}, escapes decoded. */
    String text(int k) {
        if (!escaped[k]) {
            return new String(buf, starts[k], ends[k] - starts[k], StandardCharsets.UTF_8);
        }
        StringBuilder out = new StringBuilder();
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        for (int i = starts[k]; i < ends[k]; i++) {
            if (buf[i] != '\\') {
                run.write(buf[i]);
                continue;
            }
            out.append(run.toString(StandardCharsets.UTF_8));
            run.reset();
            char c = (char) buf[++i];
            switch (c) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(new String(buf, i + 1, 4, StandardCharsets.US_ASCII), 16));
                    i += 4;
                }
                default -> out.append(c); // '"', '\\' and '/' stand for themselves
            }
        }
        return out.append(run.toString(StandardCharsets.UTF_8)).toString();
    }

    /** The JSON form of the value of key {@code k}, as written, for messages. */
    String raw(int k) {
        int from = strings[k] ? starts[k] - 1 : starts[k];
        int to = strings[k] ? ends[k] + 1 : ends[k];
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    private int wantedKey(int from, int to) {
        for (int k = 0; k < keys.length; k++) {
            // Most keys of a line are not wanted: the length and first byte tell most of them apart cheaply.
            byte[] key = keys[k];
            if (key.length == to - from
                    && (key.length == 0 || key[0] == buf[from] && Arrays.equals(buf, from, to, key, 0, key.length))) {
                return k;
            }
        }
        return -1;
    }

    /** Skips any value; returns whether it was a string with escapes. */
    private boolean skipValue(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("objects and arrays nested at most " + MAX_DEPTH + " deep");
        }
        int c = peek();
        switch (c) {
            case '"' -> {
                return skipString("a value");
            }
            case '{' -> skipContainer('}', true, depth);
            case '[' -> skipContainer(']', false, depth);
            case 't' -> word("true");
            case 'f' -> word("false");
            case 'n' -> word("null");
            default -> skipNumber();
        }
        return false;
    }

    private void skipContainer(char close, boolean object, int depth) {
        pos++;
        skipSpace();
        if (peek() == close) {
            pos++;
            return;
        }
        while (true) {
            skipSpace();
            if (object) {
                skipString("a key in double quotes");
                skipSpace();
                expect(':', "':' after the key");
                skipSpace();
            }
            skipValue(depth + 1);
            skipSpace();
            if (peek() == ',') {
                pos++;
                continue;
            }
            expect(close, "',' or '" + close + "'");
            return;
        }
    }

    /** Skips a string starting at pos; returns whether it had escapes. */
    private boolean skipString(String what) {
        expect('"', what);
        boolean hasEscape = false;
        while (true) {
            // Review texts are hundreds of bytes without a quote, backslash or control character: jump over them.
            pos = ByteScan.stringStop(buf, pos, end);
            if (pos >= end) {
                break;
            }
            int b = buf[pos] & 0xFF;
            if (b == '"') {
                pos++;
                return hasEscape;
            }
            if (b < 0x20) {
                throw error("no control character inside a string");
            }
            if (b == '\\') {
                hasEscape = true;
                pos++;
                int e = pos < end ? buf[pos] : -1;
                if (e == 'u') {
                    for (int h = 1; h <= 4; h++) {
                        if (pos + h >= end || Character.digit(buf[pos + h], 16) < 0) {
                            pos += h;
                            throw error("four hex digits after \\u");
                        }
                    }
                    pos += 4;
                } else if (e < 0 || "\"\\/bfnrt".indexOf(e) < 0) {
                    throw error("an escape (\\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\u)");
                }
            }
            pos++;
        }
        throw error("the closing quote of a string");
    }

    private void skipNumber() {
        int from = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            pos = from;
            throw error("a value (string, number, object, array, true, false or null)");
        }
        if (peek() == '.') {
            pos++;
            if (!digits()) {
                throw error("digits after the decimal point");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw error("digits in the exponent");
            }
        }
    }

    private boolean digits() {
        int from = pos;
        while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
            pos++;
        }
        return pos > from;
    }

    private void word(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (pos + i >= end || buf[pos + i] != w.charAt(i)) {
                throw error("'" + w + "'");
            }
        }
        pos += w.length();
    }

    private void skipSpace() {
        while (pos < end && (buf[pos] == ' ' || buf[pos] == '\t' || buf[pos] == '\r' || buf[pos] == '\n')) {
            pos++;
        }
    }

    private int peek() {
        return pos < end ? buf[pos] : -1;
    }

    private void expect(char c, String what) {
        if (peek() != c) {
            throw error(what);
        }
        pos++;
    }

    /** "expected {what} at column N, found '...'" (columns count bytes from 1). */
    private MalformedDataException error(String what) {
        String found = pos >= end ? "the end of the line"
                : Fields.shown(new String(buf, pos, Math.min(end - pos, 20), StandardCharsets.UTF_8));
        return line.error("expected " + what + " at column " + (pos - line.start() + 1) + ", found " + found);
    }
}
