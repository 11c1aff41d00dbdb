package org.metarec.experiments.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A YAML mapping with string keys, kept in file order, with the position of every key.
 *
 * @param position where the mapping starts
 * @param entries  key to entry, in file order
 */
public record YamlMap(Position position, Map<String, Entry> entries) implements YamlNode {

    /**
     * One key of a mapping.
     *
     * @param keyPosition where the key is written
     * @param value       its value
     */
    public record Entry(Position keyPosition, YamlNode value) {
        /** Requires both parts. */
        public Entry {
            Objects.requireNonNull(keyPosition, "keyPosition");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Copies the entries (keeping their order) so the node stays immutable. */
    public YamlMap {
        Objects.requireNonNull(position, "position");
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** An empty mapping standing at {@code position}: used for a section the file leaves out. */
    public static YamlMap empty(Position position) {
        return new YamlMap(position, Map.of());
    }

    /** The value of {@code key}, or null when absent. */
    public YamlNode get(String key) {
        Entry e = entries.get(key);
        return e == null ? null : e.value();
    }

    /** Always "a mapping": the keys are reported separately. */
    @Override
    public String describe() {
        return "a mapping";
    }
}
