package org.metarec.experiments.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mapping with a fixed, documented set of keys, resolved to an unmodifiable {@link Map} in schema order
 * (so the resolved config is written in a stable order). Unknown keys are errors with a suggestion,
 * defaults are filled in, and cross-key {@link ObjectRule}s run once the keys are valid.
 *
 * @param keys  the keys in documentation order
 * @param rules checks across keys
 */
public record ObjectSpec(List<KeySpec> keys, List<ObjectRule> rules) implements Spec {

    /** Requires unique key names and conditions that refer to earlier siblings. */
    public ObjectSpec {
        keys = List.copyOf(keys);
        rules = List.copyOf(rules);
        Set<String> seen = new HashSet<>();
        for (KeySpec k : keys) {
            if (k.when() != null && !seen.contains(k.when().sibling())) {
                throw new IllegalArgumentException("key '" + k.name() + "' depends on '" + k.when().sibling()
                        + "', which must be declared before it");
            }
            if (!seen.add(k.name())) {
                throw new IllegalArgumentException("duplicate key '" + k.name() + "'");
            }
        }
    }

    /** The same mapping with one more cross-key rule. */
    public ObjectSpec rule(ObjectRule rule) {
        List<ObjectRule> more = new ArrayList<>(rules);
        more.add(rule);
        return new ObjectSpec(keys, more);
    }

    /** The spec of key {@code name}, or null. */
    public KeySpec key(String name) {
        for (KeySpec k : keys) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return null;
    }

    /** The key names in schema order. */
    public List<String> keyNames() {
        return keys.stream().map(KeySpec::name).toList();
    }

    @Override
    public Object resolve(YamlNode node, String path, Problems problems) {
        if (!(node instanceof YamlMap map)) {
            problems.add(node.position(), path, mismatch(node));
            return null;
        }
        int before = problems.count();
        for (Map.Entry<String, YamlMap.Entry> e : map.entries().entrySet()) {
            if (key(e.getKey()) == null) {
                problems.add(e.getValue().keyPosition(), join(path, e.getKey()), unknownKey(e.getKey()));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (KeySpec k : keys) {
            resolveKey(k, map, path, out, problems);
        }
        if (problems.count() == before) {
            for (ObjectRule rule : rules) {
                ObjectRule.Violation v = rule.check().apply(out);
                if (v != null) {
                    problems.add(positionOf(map, v.key()), join(path, v.key()), v.message());
                }
            }
        }
        return problems.count() == before ? Collections.unmodifiableMap(out) : null;
    }

    /**
     * Where a rule's key is: the node at a key or dotted path below {@code map} (e.g. {@code data.path}), else
     * the deepest mapping of that path that is present.
     */
    private static Position positionOf(YamlMap map, String key) {
        YamlMap current = map;
        for (String part : key.split("\\.")) {
            YamlNode next = current.get(part);
            if (next == null) {
                return current.position();
            }
            if (!(next instanceof YamlMap child)) {
                return next.position();
            }
            current = child;
        }
        return current.position();
    }

    private void resolveKey(KeySpec k, YamlMap map, String path, Map<String, Object> out, Problems problems) {
        String childPath = join(path, k.name());
        YamlMap.Entry entry = map.entries().get(k.name());
        boolean present = entry != null && !(entry.value() instanceof YamlScalar s && s.isNull());
        if (k.when() != null) {
            String sibling = k.when().sibling();
            if (!out.containsKey(sibling)) {
                return; // the sibling is itself invalid (already reported), so whether this key applies is unknown
            }
            if (!k.when().matches(out.get(sibling))) {
                if (present) {
                    problems.add(entry.keyPosition(), childPath, "applies only when " + join(path, sibling) + " is "
                            + k.when().describeValues() + ", found " + join(path, sibling) + ": " + out.get(sibling));
                }
                return;
            }
        }
        if (present) {
            Object v = k.spec().resolve(entry.value(), childPath, problems);
            if (v != null) {
                out.put(k.name(), v);
            }
        } else if (k.spec() instanceof ObjectSpec section && k.presence() != KeySpec.Presence.REQUIRED) {
            Object v = section.resolve(YamlMap.empty(entry != null ? entry.keyPosition() : map.position()), childPath, problems);
            if (v != null) {
                out.put(k.name(), v);
            }
        } else if (k.presence() == KeySpec.Presence.REQUIRED) {
            problems.add(map.position(), childPath, "expected " + k.spec().describe() + ", found nothing (the key is required)");
        } else {
            out.put(k.name(), k.defaultValue());
        }
    }

    private String unknownKey(String name) {
        String near = EditDistance.nearest(name, keyNames());
        if (near != null) {
            return "unknown key '" + name + "'; did you mean '" + near + "'?";
        }
        return "unknown key '" + name + "'; expected one of: " + String.join(", ", keyNames());
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    @Override
    public String describe() {
        return "a mapping";
    }

    @Override
    public String describePlural() {
        return "mappings";
    }
}
