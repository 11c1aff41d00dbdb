package org.metarec.experiments.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A validated config with every default filled in, read through typed getters by dotted path
 * ({@code config.getDouble("optimizer.lr")}). Its canonical YAML ({@link ConfigYaml}) and the SHA-256 of that
 * text identify it for provenance.
 */
public final class Config {

    private final Map<String, Object> values;
    private final String yaml;
    private final String sha256;
    /** Every path looked up so far: tests use it to check that each key a kind declares is one it reads. */
    private final Set<String> reads = ConcurrentHashMap.newKeySet();

    /** Wraps a resolved root mapping (as produced by the schema: keys in schema order, plain values). */
    public Config(Map<String, Object> values) {
        this.values = Objects.requireNonNull(values, "values");
        this.yaml = ConfigYaml.write(values);
        this.sha256 = sha256(yaml);
    }

    /** The canonical YAML text written to {@code config.resolved.yaml}. */
    public String toYaml() {
        return yaml;
    }

    /** SHA-256 (lower-case hex) of {@link #toYaml()}. */
    public String sha256() {
        return sha256;
    }

    /** The resolved root mapping (unmodifiable). */
    public Map<String, Object> asMap() {
        return values;
    }

    /** The config's {@code name}. */
    public String name() {
        return getString("name");
    }

    /** The config's {@code seed}. */
    public long seed() {
        return getLong("seed");
    }

    /** The config's {@code experiment} kind. */
    public String experiment() {
        return getString("experiment");
    }

    /** True if {@code path} exists in this config and is not null (optional keys that were not given are null). */
    public boolean isSet(String path) {
        return lookup(path, false) != null;
    }

    /** The raw resolved value at {@code path}; throws if the path is not part of this config. */
    public Object get(String path) {
        return lookup(path, true);
    }

    /** The integer at {@code path}. */
    public long getLong(String path) {
        return (Long) require(path);
    }

    /** The integer at {@code path}, which the schema keeps within the int range. */
    public int getInt(String path) {
        return Math.toIntExact(getLong(path));
    }

    /** The number at {@code path}. */
    public double getDouble(String path) {
        return (Double) require(path);
    }

    /** The boolean at {@code path}. */
    public boolean getBoolean(String path) {
        return (Boolean) require(path);
    }

    /** The string at {@code path}. */
    public String getString(String path) {
        return (String) require(path);
    }

    /** The path at {@code path} (absolute, as resolved). */
    public Path getPath(String path) {
        return Path.of(getString(path));
    }

    /** The list of integers at {@code path}, as ints. */
    public int[] getIntArray(String path) {
        return getList(path).stream().mapToInt(v -> Math.toIntExact((Long) v)).toArray();
    }

    /** The list of numbers at {@code path}. */
    public double[] getDoubleArray(String path) {
        return getList(path).stream().mapToDouble(v -> (Double) v).toArray();
    }

    /** The list of strings at {@code path}. */
    public List<String> getStringList(String path) {
        return getList(path).stream().map(v -> (String) v).toList();
    }

    /** The list at {@code path}. */
    public List<?> getList(String path) {
        return (List<?>) require(path);
    }

    private Object require(String path) {
        Object v = lookup(path, true);
        if (v == null) {
            throw new IllegalArgumentException("config key '" + path + "' is not set (check isSet first)");
        }
        return v;
    }

    /**
     * The dotted paths looked up so far through any getter or {@link #isSet} (not through {@link #asMap}), in no
     * particular order. Tests use it to check that every key an experiment kind accepts is one it reads.
     */
    public Set<String> readPaths() {
        return Set.copyOf(reads);
    }

    private Object lookup(String path, boolean strict) {
        reads.add(path);
        Object node = values;
        for (String part : path.split("\\.", -1)) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(part)) {
                if (strict) {
                    throw new IllegalArgumentException("config has no key '" + path + "'");
                }
                return null;
            }
            node = map.get(part);
        }
        return node;
    }

    /** SHA-256 of the UTF-8 bytes of {@code text}, in lower-case hex. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** Configs are equal when their canonical YAML is. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Config c && c.yaml.equals(yaml);
    }

    @Override
    public int hashCode() {
        return yaml.hashCode();
    }

    /** The config's name and hash. */
    @Override
    public String toString() {
        return "Config[" + getString("name") + ", sha256=" + sha256 + "]";
    }
}
