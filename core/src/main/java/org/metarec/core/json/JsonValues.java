package org.metarec.core.json;

import java.util.List;
import java.util.Map;

/**
 * Typed access to parsed JSON, with messages that name the path of the value that was wrong,
 * e.g. {@code case.json: model.params.W1[2]: expected a number, found "x"}.
 */
public final class JsonValues {

    private JsonValues() {}

    /** The object at {@code path}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object v, String source, String path) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw wrong(source, path, "an object", v);
    }

    /** The member {@code key} of an object, which must exist. */
    public static Object member(Map<String, Object> obj, String key, String source, String path) {
        if (!obj.containsKey(key)) {
            throw new JsonException(source + ": " + join(path, key) + ": expected this key, found it missing");
        }
        return obj.get(key);
    }

    /** The number at {@code path}. */
    public static double number(Object v, String source, String path) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrong(source, path, "a number", v);
    }

    /** The whole number at {@code path}. */
    public static long integer(Object v, String source, String path) {
        if (v instanceof Long l) {
            return l;
        }
        throw wrong(source, path, "a whole number", v);
    }

    /** The string at {@code path}. */
    public static String string(Object v, String source, String path) {
        if (v instanceof String s) {
            return s;
        }
        throw wrong(source, path, "a string", v);
    }

    /** The array at {@code path}. */
    @SuppressWarnings("unchecked")
    public static List<Object> array(Object v, String source, String path) {
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw wrong(source, path, "an array", v);
    }

    /** A flat array of numbers. */
    public static double[] vector(Object v, String source, String path) {
        List<Object> list = array(v, source, path);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(list.get(i), source, path + "[" + i + "]");
        }
        return out;
    }

    /** An array of equally long arrays of numbers (a matrix given by rows). */
    public static double[][] matrix(Object v, String source, String path) {
        List<Object> rows = array(v, source, path);
        if (rows.isEmpty()) {
            throw wrong(source, path, "a non-empty array of rows", v);
        }
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(rows.get(i), source, path + "[" + i + "]");
            if (out[i].length != out[0].length) {
                throw new JsonException(source + ": " + path + "[" + i + "]: expected " + out[0].length
                        + " numbers like row 0, found " + out[i].length);
            }
        }
        return out;
    }

    /** Joins a path and a key: {@code join("model", "params")} is {@code model.params}. */
    public static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static JsonException wrong(String source, String path, String expected, Object found) {
        String f = found == null ? "null" : found instanceof String s ? "\"" + s + "\""
                : found instanceof Map ? "an object" : found instanceof List ? "an array" : String.valueOf(found);
        return new JsonException(source + ": " + (path.isEmpty() ? "(top level)" : path) + ": expected " + expected
                + ", found " + f);
    }
}
