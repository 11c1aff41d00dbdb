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

    /**
     * Makes the current line's only field {@code [from, to)} of {@code reader}'s buffer, so that the parsers
     * below can read a value that another scanner (such as {@link JsonLine}) has located.
     */
    void single(LineReader reader, int from, int to) {
        this.line = reader;
        count = 0;
        add(from, to);
    }

    int count() {
        return count;
    }

    /** Removes bytes up to and including space (as {@link String#trim()} does for ASCII) from both ends of field i. */
    void trim(int i) {
        byte[] buf = line.buffer();
        int from = starts[i];
        int to = ends[i];
        while (from < to && (buf[from] & 0xFF) <= ' ') {
            from++;
        }
        while (to > from && (buf[to - 1] & 0xFF) <= ' ') {
            to--;
        }
        starts[i] = from;
        ends[i] = to;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
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
        double fast = simpleDecimal(i);
        if (!Double.isNaN(fast)) {
            return fast;
        }
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

    /** Powers of ten that are exact doubles (10^22 is the largest). */
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int k = 1; k < POWERS_OF_TEN.length; k++) {
            POWERS_OF_TEN[k] = POWERS_OF_TEN[k - 1] * 10;
        }
    }

    /**
     * A field of the form {@code [-]digits[.digits]} (with at most 15 digits, surrounding spaces allowed) as
     * {@code digits / 10^fraction digits}, else NaN for the general parser. The quotient of two exact doubles is
     * correctly rounded, so this is the double {@link Double#parseDouble} returns (Clinger, "How to read floating
     * point numbers accurately", PLDI 1990: the fast path), without a String per field.
     */
    private double simpleDecimal(int i) {
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
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (; p < to; p++) {
            int b = buf[p];
            if (b == '.' && fraction < 0) {
                fraction = 0;
                continue;
            }
            int digit = b - '0';
            if (digit < 0 || digit > 9 || ++digits > 15) {
                return Double.NaN;
            }
            mantissa = mantissa * 10 + digit;
            if (fraction >= 0) {
                fraction++;
            }
        }
        // "5." and ".5" are Java syntax too, but rare: the general parser handles them, and a bare "." or "-".
        if (digits == 0 || fraction == 0 || (fraction > 0 && buf[negative ? from + 1 : from] == '.')) {
            return Double.NaN;
        }
        double v = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction] : mantissa;
        return negative ? -v : v;
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
