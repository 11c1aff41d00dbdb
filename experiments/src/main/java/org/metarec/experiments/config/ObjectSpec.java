package org.metarec.experiments.config;

import java.util.ArrayList;
import java.util.Collection;
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
 * @param keys    the keys in documentation order
 * @param rules   checks across keys
 * @param notRead keys that exist elsewhere but are not read here, each with the reason given when one is found
 *                (see {@link #restrictTo})
 */
public record ObjectSpec(List<KeySpec> keys, List<ObjectRule> rules, Map<String, String> notRead) implements Spec {

    /** A mapping that knows no other keys than its own. */
    public ObjectSpec(List<KeySpec> keys, List<ObjectRule> rules) {
        this(keys, rules, Map.of());
    }

    /** Requires unique key names and conditions that refer to earlier siblings. */
    public ObjectSpec {
        keys = List.copyOf(keys);
        rules = List.copyOf(rules);
        notRead = Collections.unmodifiableMap(new LinkedHashMap<>(notRead));
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
        return new ObjectSpec(keys, more, notRead);
    }

    /**
     * The part of this mapping that one reader uses. A path that is a key name keeps that key whole; a dotted path
     * {@code a.b} keeps section {@code a} with only its key {@code b} (and so on down). Every other key is "not read":
     * giving it is an error whose message says {@code why} (e.g. "is not read by the `sinusoid` experiment kind").
     * Rules are kept when the keys they read are; a kept key whose condition names a dropped sibling is a mistake in
     * the paths and fails here.
     *
     * @throws IllegalArgumentException when a path names no key, or a kept key depends on a dropped one
     */
    public ObjectSpec restrictTo(Collection<String> paths, String why) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (String p : paths) {
            int dot = p.indexOf('.');
            String head = dot < 0 ? p : p.substring(0, dot);
            if (key(head) == null) {
                throw new IllegalArgumentException("no key '" + head + "' to keep; the keys are " + keyNames());
            }
            List<String> rests = byKey.computeIfAbsent(head, k -> new ArrayList<>());
            rests.add(dot < 0 ? "" : p.substring(dot + 1));
        }
        List<KeySpec> kept = new ArrayList<>();
        Map<String, String> dropped = new LinkedHashMap<>(notRead);
        for (KeySpec k : keys) {
            List<String> rests = byKey.get(k.name());
            if (rests == null) {
                dropped.put(k.name(), why);
            } else if (rests.contains("")) {
                kept.add(k);
            } else if (k.spec() instanceof ObjectSpec section) {
                kept.add(new KeySpec(k.name(), section.restrictTo(rests, why), k.presence(), k.defaultValue(), k.doc(), k.when()));
            } else {
                throw new IllegalArgumentException("key '" + k.name() + "' is not a section, so '" + k.name() + "."
                        + rests.get(0) + "' names nothing");
            }
        }
        Set<String> keptNames = new HashSet<>();
        for (KeySpec k : kept) {
            if (k.when() != null && !keptNames.contains(k.when().sibling())) {
                throw new IllegalArgumentException("key '" + k.name() + "' applies depending on '" + k.when().sibling()
                        + "', so '" + k.when().sibling() + "' must be kept too");
            }
            keptNames.add(k.name());
        }
        boolean whole = kept.size() == keys.size() && kept.equals(keys);
        List<ObjectRule> keptRules = rules.stream().filter(r -> r.runsOn(keptNames, whole)).toList();
        return new ObjectSpec(kept, keptRules, dropped);
    }

    /**
     * Every key path below this mapping that holds a value rather than a section (dotted, prefixed by
     * {@code prefix}), in schema order.
     */
    public List<String> leafPaths(String prefix) {
        List<String> out = new ArrayList<>();
        for (KeySpec k : keys) {
            String path = join(prefix, k.name());
            if (k.spec() instanceof ObjectSpec section) {
                out.addAll(section.leafPaths(path));
            } else {
                out.add(path);
            }
        }
        return out;
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
                String message = notRead.containsKey(e.getKey())
                        ? "key '" + e.getKey() + "' " + notRead.get(e.getKey()) + (keys.isEmpty() ? ""
                                : "; in this section it reads: " + String.join(", ", keyNames()))
                        : unknownKey(e.getKey());
                problems.add(e.getValue().keyPosition(), join(path, e.getKey()), message);
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
        } else if (k.presence() != KeySpec.Presence.LEFT_OUT) {
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
