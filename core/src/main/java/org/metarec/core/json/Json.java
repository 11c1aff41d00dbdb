package org.metarec.core.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader and writer (RFC 8259) for result files, reference cases and provenance.
 *
 * <p>Reading gives {@link LinkedHashMap} (key order kept), {@link ArrayList}, {@link String},
 * {@link Boolean}, {@code null}, and numbers as {@link Long} when written without fraction or
 * exponent and in range, otherwise {@link Double}. Numbers are parsed with {@link Double#parseDouble},
 * which rounds correctly, so a shortest round-trip decimal comes back as exactly the double that
 * was written. Writing uses {@link Double#toString}, which is round-trip exact, and refuses NaN and
 * infinities (JSON has no spelling for them).
 */
public final class Json {

    private Json() {}

    /**
     * Parses a JSON text.
     *
     * @param text the text. Not modified.
     * @param source a name for messages (a file name)
     * @throws JsonException naming {@code source:line:column}, what was expected and what was found
     */
    public static Object parse(String text, String source) {
        Reader r = new Reader(text, source);
        r.skipSpace();
        Object value = r.value();
        r.skipSpace();
        if (r.pos < text.length()) {
            throw r.error("end of input", "'" + text.charAt(r.pos) + "'");
        }
        return value;
    }

    /** Writes {@code value} as indented JSON with a final newline. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb, 0, true);
        return sb.append('\n').toString();
    }

    /** Writes {@code value} as JSON on one line. */
    public static String writeCompact(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb, 0, false);
        return sb.toString();
    }

    private static void write(Object v, StringBuilder sb, int depth, boolean indent) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            quote(s, sb);
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof Short || v instanceof Byte) {
            sb.append(v);
        } else if (v instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON cannot hold " + d + " (NaN and infinities have no JSON form)");
            }
            sb.append(Double.toString(d));
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ",");
                newline(sb, depth + 1, indent);
                quote(String.valueOf(e.getKey()), sb);
                sb.append(indent ? ": " : ":");
                write(e.getValue(), sb, depth + 1, indent);
                first = false;
            }
            newline(sb, depth, indent);
            sb.append('}');
        } else if (v instanceof List<?> list) {
            writeArray(list, sb, depth, indent);
        } else if (v instanceof double[] a) {
            List<Object> list = new ArrayList<>();
            for (double d : a) {
                list.add(d);
            }
            writeArray(list, sb, depth, indent);
        } else if (v instanceof double[][] rows) {
            List<Object> list = new ArrayList<>();
            for (double[] row : rows) {
                list.add(row);
            }
            writeArray(list, sb, depth, indent);
        } else {
            throw new IllegalArgumentException("JSON cannot hold a " + v.getClass().getName());
        }
    }

    private static void writeArray(List<?> list, StringBuilder sb, int depth, boolean indent) {
        boolean flat = list.stream().noneMatch(x -> x instanceof Map || x instanceof List
                || x instanceof double[] || x instanceof double[][]);
        sb.append('[');
        for (int i = 0; i < list.size(); i++) {
            sb.append(i == 0 ? "" : (flat && indent ? ", " : ","));
            if (!flat) {
                newline(sb, depth + 1, indent);
            }
            write(list.get(i), sb, depth + 1, indent);
        }
        if (!flat && !list.isEmpty()) {
            newline(sb, depth, indent);
        }
        sb.append(']');
    }

    private static void newline(StringBuilder sb, int depth, boolean indent) {
        if (indent) {
            sb.append('\n');
            sb.append("  ".repeat(depth));
        }
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Recursive-descent reader keeping the position for messages. */
    private static final class Reader {
        final String s;
        final String source;
        int pos;

        Reader(String s, String source) {
            this.s = s;
            this.source = source;
        }

        Object value() {
            if (pos >= s.length()) {
                throw error("a value", "end of input");
            }
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw error("a value", "'" + c + "'");
                }
            };
        }

        Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            pos++;
            skipSpace();
            if (peek() == '}') {
                pos++;
                return m;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw error("a quoted key", describe());
                }
                int keyStart = pos;
                String key = string();
                if (m.containsKey(key)) {
                    pos = keyStart;
                    throw error("each key once", "a second \"" + key + "\"");
                }
                skipSpace();
                expect(':');
                skipSpace();
                m.put(key, value());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() == '}') {
                    pos++;
                    return m;
                } else {
                    throw error("',' or '}'", describe());
                }
            }
        }

        List<Object> array() {
            List<Object> list = new ArrayList<>();
            pos++;
            skipSpace();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                skipSpace();
                list.add(value());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() == ']') {
                    pos++;
                    return list;
                } else {
                    throw error("',' or ']'", describe());
                }
            }
        }

        String string() {
            pos++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw error("a closing '\"'", "end of input");
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\') {
                    if (pos >= s.length()) {
                        throw error("an escape", "end of input");
                    }
                    char e = s.charAt(pos++);
                    switch (e) {
                        case '"', '\\', '/' -> sb.append(e);
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'n' -> sb.append('\n');
                        case 'r' -> sb.append('\r');
                        case 't' -> sb.append('\t');
                        case 'u' -> {
                            if (pos + 4 > s.length()) {
                                throw error("four hex digits", "end of input");
                            }
                            try {
                                sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                            } catch (NumberFormatException ex) {
                                throw error("four hex digits", "'" + s.substring(pos, pos + 4) + "'");
                            }
                            pos += 4;
                        }
                        default -> throw error("a valid escape", "'\\" + e + "'");
                    }
                } else if (c < 0x20) {
                    throw error("no control characters in a string", "character " + (int) c);
                } else {
                    sb.append(c);
                }
            }
        }

        Object number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            boolean integral = true;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c >= '0' && c <= '9') {
                    pos++;
                } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                    integral = false;
                    pos++;
                } else {
                    break;
                }
            }
            String t = s.substring(start, pos);
            try {
                if (integral && t.length() < 19) {
                    return Long.parseLong(t);
                }
                return Double.parseDouble(t);
            } catch (NumberFormatException ex) {
                pos = start;
                throw error("a number", "'" + t + "'");
            }
        }

        Object literal(String word, Object value) {
            if (!s.startsWith(word, pos)) {
                throw error("a value", describe());
            }
            pos += word.length();
            return value;
        }

        void expect(char c) {
            if (peek() != c) {
                throw error("'" + c + "'", describe());
            }
            pos++;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        String describe() {
            return pos < s.length() ? "'" + s.charAt(pos) + "'" : "end of input";
        }

        void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                    pos++;
                } else {
                    break;
                }
            }
        }

        JsonException error(String expected, String found) {
            int line = 1, col = 1;
            for (int i = 0; i < Math.min(pos, s.length()); i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                    col = 1;
                } else {
                    col++;
                }
            }
            return new JsonException(source + ":" + line + ":" + col + ": expected " + expected + ", found " + found);
        }
    }
}
