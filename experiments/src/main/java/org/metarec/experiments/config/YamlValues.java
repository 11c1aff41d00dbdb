package org.metarec.experiments.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts plain Java values (numbers, strings, booleans, lists, maps) to {@link YamlNode}s, e.g. schema defaults. */
public final class YamlValues {

    private YamlValues() {
    }

    /** The node for {@code value}, every part at {@code position}; integers become {@code Long}, floats {@code Double}. */
    public static YamlNode toNode(Object value, Position position) {
        if (value instanceof Map<?, ?> map) {
            Map<String, YamlMap.Entry> entries = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                entries.put(e.getKey().toString(), new YamlMap.Entry(position, toNode(e.getValue(), position)));
            }
            return new YamlMap(position, entries);
        }
        if (value instanceof List<?> list) {
            List<YamlNode> items = new ArrayList<>();
            for (Object item : list) {
                items.add(toNode(item, position));
            }
            return new YamlList(position, items);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return new YamlScalar(position, ((Number) value).longValue(), value.toString());
        }
        if (value instanceof Float || value instanceof Double) {
            double d = ((Number) value).doubleValue();
            return new YamlScalar(position, d, Double.toString(d));
        }
        if (value == null || value instanceof Boolean || value instanceof String) {
            return new YamlScalar(position, value, value == null ? "null" : value.toString());
        }
        throw new IllegalArgumentException("cannot represent " + value.getClass().getName() + " in a config");
    }
}
