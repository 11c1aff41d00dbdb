package org.metarec.experiments.config;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Writes a resolved config back as YAML in a canonical form: keys in schema order, mappings in block style,
 * lists in flow style, numbers via {@code Long.toString} / {@code Double.toString} (which read back to the exact
 * value), strings plain when that reads back as the same string and double-quoted otherwise. The same resolved
 * config therefore always gives the same text, and so the same hash.
 */
public final class ConfigYaml {

    /** First line of every resolved config. */
    public static final String HEADER = "# metarec resolved config: every default filled in. Do not edit (resume checks its hash).";

    private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z0-9_/][A-Za-z0-9_./-]*");
    private static final ScalarResolver RESOLVER = new CoreSchema().getScalarResolver();

    private ConfigYaml() {
    }

    /** The YAML text of a resolved mapping (see class comment), ending with a newline. */
    public static String write(Map<String, Object> resolved) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        writeMap(resolved, 0, out);
        return out.toString();
    }

    private static void writeMap(Map<?, ?> map, int indent, StringBuilder out) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.append("  ".repeat(indent)).append(e.getKey()).append(':');
            if (e.getValue() instanceof Map<?, ?> child) {
                out.append('\n');
                writeMap(child, indent + 1, out);
            } else {
                out.append(' ').append(flow(e.getValue())).append('\n');
            }
        }
    }

    /** A scalar or list in flow style, e.g. {@code [1, 2]}, {@code "a b"}, {@code 0.001}, {@code null}. */
    public static String flow(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(flow(list.get(i)));
            }
            return sb.append(']').toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(i++ > 0 ? ", " : "").append(string(e.getKey().toString())).append(": ").append(flow(e.getValue()));
            }
            return sb.append('}').toString();
        }
        if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("a resolved config never holds " + d);
            }
            return Double.toString(d);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Boolean) {
            return value.toString();
        }
        return string(value.toString());
    }

    private static String string(String s) {
        if (PLAIN_SAFE.matcher(s).matches() && RESOLVER.resolve(s, true).equals(Tag.STR)) {
            return s;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
