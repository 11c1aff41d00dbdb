package org.metarec.core.data.io;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fields of the current line of a {@link LineReader}, split by hand at a delimiter (one or more bytes),
 * with parsers whose errors name the file, line and field.
 */
final class Fields {

    private static final int MAX_SHOWN = 60;

    private LineReader line;
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private int count;

    /** Splits the reader's current line at every occurrence of {@code delimiter}; returns the field count. */
    int split(LineReader reader, byte[] delimiter) {
        this.line = reader;
        byte[] buf = reader.buffer();
        int end = reader.end();
        int fieldStart = reader.start();
        count = 0;
        byte first = delimiter[0];
        int i = fieldStart;
        while (i <= end - delimiter.length) {
            if (buf[i] == first && matches(buf, i, delimiter)) {
                add(fieldStart, i);
                i += delimiter.length;
                fieldStart = i;
            } else {
                i++;
            }
        }
        add(fieldStart, end);
        return count;
    }

    private static boolean matches(byte[] buf, int at, byte[] delimiter) {
        for (int k = 1; k < delimiter.length; k++) {
            if (buf[at + k] != delimiter[k]) {
                return false;
            }
        }
        return true;
    }

    private void add(int from, int to) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = from;
        ends[count] = to;
        count++;
    }

    int count() {
        return count;
    }

    boolean isEmpty(int i) {
        return starts[i] == ends[i];
    }

    String text(int i, Charset charset) {
        return new String(line.buffer(), starts[i], ends[i] - starts[i], charset);
    }

    String text(int i) {
        return text(i, StandardCharsets.ISO_8859_1);
    }

    /** The field as a (possibly negative) decimal integer; surrounding spaces are allowed. */
    long parseLong(int i, String what) {
        byte[] buf = line.buffer();
        int from = starts[i];
        int to = ends[i];
        while (from < to && buf[from] == ' ') {
            from++;
        }
        while (to > from && buf[to - 1] == ' ') {
            to--;
        }
        boolean negative = from < to && buf[from] == '-';
        int p = negative ? from + 1 : from;
        if (p == to || to - p > 18) {
            throw invalid(i, what + " as an integer");
        }
        long value = 0;
        for (; p < to; p++) {
            int digit = buf[p] - '0';
            if (digit < 0 || digit > 9) {
                throw invalid(i, what + " as an integer");
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    int parseInt(int i, String what) {
        long v = parseLong(i, what);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw invalid(i, what + " as a 32-bit integer");
        }
        return (int) v;
    }

    /** The field as a finite decimal number (Java syntax, surrounding spaces allowed). */
    double parseDouble(int i, String what) {
        String s = text(i).trim();
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v) && !s.isEmpty() && !endsWithTypeSuffix(s)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the uniform message below
        }
        throw invalid(i, what + " as a finite number");
    }

    private static boolean endsWithTypeSuffix(String s) {
        // Double.parseDouble accepts "5d" and "5f"; a data file should not.
        char last = Character.toLowerCase(s.charAt(s.length() - 1));
        return last == 'd' || last == 'f';
    }

    /** "expected {what}, found '{field}'" for field i of the current line. */
    MalformedDataException invalid(int i, String what) {
        return line.error("expected " + what + ", found " + shown(text(i)));
    }

    static String shown(String s) {
        return "'" + (s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN) + "..." : s) + "'";
    }
}
