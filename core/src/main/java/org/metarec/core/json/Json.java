package org.metarec.core.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON (RFC 8259) writer and reader for our result files. Objects are {@code Map<String, ?>} (written in
 * iteration order, read as {@link LinkedHashMap}), arrays are {@code List}s, numbers are {@code Long}/{@code Integer}
 * or {@code Double}. Doubles are written with {@link Double#toString(double)}, which reads back to exactly the same
 * double; NaN and infinities are rejected because JSON cannot hold them. Output is pretty-printed with two-space
 * indentation and a final newline, so equal values always give identical bytes.
 */
public final class Json {

    private static final int MAX_DEPTH = 256;

    private Json() {
    }

    /** The JSON text of {@code value}; throws {@link IllegalArgumentException} naming the path of a NaN/infinite or unsupported value. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, "$", 0, out);
        return out.append('\n').toString();
    }

    private static void write(Object value, String path, int indent, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            quote(s, out);
        } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer) {
            out.append(value);
        } else if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(path + ": JSON cannot hold " + d + "; expected a finite number");
            }
            out.append(Double.toString(d));
        } else if (value instanceof Map<?, ?> map) {
            writeObject(map, path, indent, out);
        } else if (value instanceof List<?> list) {
            writeArray(list, path, indent, out);
        } else {
            throw new IllegalArgumentException(path + ": cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void writeObject(Map<?, ?> map, String path, int indent, StringBuilder out) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append("{\n");
        int i = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException(path + ": JSON object keys must be strings, found " + e.getKey());
            }
            out.append("  ".repeat(indent + 1));
            quote(key, out);
            out.append(": ");
            write(e.getValue(), path + "." + key, indent + 1, out);
            out.append(++i < map.size() ? ",\n" : "\n");
        }
        out.append("  ".repeat(indent)).append('}');
    }

    private static void writeArray(List<?> list, String path, int indent, StringBuilder out) {
        boolean flat = list.stream().noneMatch(v -> v instanceof Map || v instanceof List);
        if (flat) {
            // Short arrays of numbers read best on one line.
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i > 0 ? ", " : "");
                write(list.get(i), path + "[" + i + "]", indent, out);
            }
            out.append(']');
            return;
        }
        out.append("[\n");
        for (int i = 0; i < list.size(); i++) {
            out.append("  ".repeat(indent + 1));
            write(list.get(i), path + "[" + i + "]", indent + 1, out);
            out.append(i + 1 < list.size() ? ",\n" : "\n");
        }
        out.append("  ".repeat(indent)).append(']');
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }


    /** Parses a UTF-8 JSON file; errors name the file, line and column. */
    public static Object readFile(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses one JSON value (surrounding whitespace allowed). Integers without fraction or exponent that fit a
     * long become {@code Long}, other numbers {@code Double}.
     *
     * @param text   the JSON text
     * @param source how the text is named in errors ({@code source:line:col: expected ..., found ...})
     */
    public static Object parse(String text, String source) {
        Parser p = new Parser(text, source);
        p.skipSpace();
        Object v = p.value(0);
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("end of input");
        }
        return v;
    }

    /** Recursive-descent parser over the text; {@code pos} is the next unread char. */
    private static final class Parser {
        private final String text;
        private final String source;
        private int pos;

        Parser(String text, String source) {
            this.text = text;
            this.source = source;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("at most " + MAX_DEPTH + " levels of nesting");
            }
            if (pos >= text.length()) {
                throw error("a value");
            }
            char c = text.charAt(pos);
            return switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || isDigit(c)) {
                        yield number();
                    }
                    throw error("a value");
                }
            };
        }

        Map<String, Object> object(int depth) {
            Map<String, Object> map = new LinkedHashMap<>();
            pos++;
            skipSpace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw error("a string key");
                }
                int keyAt = pos;
                String key = string();
                if (map.containsKey(key)) {
                    pos = keyAt;
                    throw error("a key not seen before in this object (\"" + key + "\" is repeated)");
                }
                skipSpace();
                expect(':');
                skipSpace();
                map.put(key, value(depth + 1));
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() == '}') {
                    pos++;
                    return map;
                } else {
                    throw error("',' or '}'");
                }
            }
        }

        List<Object> array(int depth) {
            List<Object> list = new ArrayList<>();
            pos++;
            skipSpace();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                skipSpace();
                list.add(value(depth + 1));
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() == ']') {
                    pos++;
                    return list;
                } else {
                    throw error("',' or ']'");
                }
            }
        }

        String string() {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= text.length()) {
                    throw error("a closing '\"'");
                }
                char c = text.charAt(pos);
                if (c == '"') {
                    pos++;
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw error("an escaped control character");
                }
                if (c != '\\') {
                    sb.append(c);
                    pos++;
                    continue;
                }
                pos++;
                char e = peek();
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        if (pos + 5 > text.length() || !text.substring(pos + 1, pos + 5).matches("[0-9a-fA-F]{4}")) {
                            throw error("4 hex digits after \\u");
                        }
                        sb.append((char) Integer.parseInt(text.substring(pos + 1, pos + 5), 16));
                        pos += 4;
                    }
                    default -> throw error("an escape such as \\n, \\\" or \\u0041");
                }
                pos++;
            }
        }

        Object number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else if (isDigit(peek())) {
                digits();
            } else {
                throw error("a digit");
            }
            boolean integral = true;
            if (peek() == '.') {
                integral = false;
                pos++;
                if (!isDigit(peek())) {
                    throw error("a digit after '.'");
                }
                digits();
            }
            if (peek() == 'e' || peek() == 'E') {
                integral = false;
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!isDigit(peek())) {
                    throw error("a digit in the exponent");
                }
                digits();
            }
            String token = text.substring(start, pos);
            if (integral) {
                try {
                    return Long.parseLong(token);
                } catch (NumberFormatException e) {
                    return finite(token, start); // too long for a long: keep the magnitude
                }
            }
            return finite(token, start);
        }

        Double finite(String token, int start) {
            double d = Double.parseDouble(token);
            if (!Double.isFinite(d)) {
                pos = start;
                throw error("a number within the range of a double");
            }
            return d;
        }

        static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        void digits() {
            while (isDigit(peek())) {
                pos++;
            }
        }

        Object literal(String word, Object value) {
            if (!text.startsWith(word, pos)) {
                throw error("a value");
            }
            pos += word.length();
            return value;
        }

        void expect(char c) {
            if (peek() != c) {
                throw error("'" + c + "'");
            }
            pos++;
        }

        char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        void skipSpace() {
            while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
        }

        JsonException error(String expected) {
            int line = 1;
            int col = 1;
            for (int i = 0; i < pos && i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    col = 1;
                } else {
                    col++;
                }
            }
            String found = pos >= text.length() ? "end of input" : "'" + text.charAt(pos) + "'";
            return new JsonException(source + ":" + line + ":" + col + ": expected " + expected + ", found " + found);
        }
    }
}
