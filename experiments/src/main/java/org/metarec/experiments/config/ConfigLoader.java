package org.metarec.experiments.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a config file, follows its {@code extends} chain, applies overrides and validates the result against a
 * schema, reporting every problem at once as a {@link ConfigException}.
 *
 * <p>Merging: a file's keys replace those of the file it extends; mappings merge key by key, lists and scalars
 * are replaced whole. Overrides are applied last, in order.
 */
public final class ConfigLoader {

    /** The key naming the file a config extends (resolved relative to the extending file). */
    public static final String EXTENDS = "extends";

    /** The key whose value picks the schema of the rest. */
    public static final String EXPERIMENT = "experiment";

    private final ObjectSpec schema;
    private final Map<String, ObjectSpec> byKind;

    /** A loader validating every config against {@code schema}. */
    public ConfigLoader(ObjectSpec schema) {
        this(schema, Map.of());
    }

    /**
     * A loader validating a config against the schema of the kind its {@code experiment} key names, or against
     * {@code fallback} when that key is missing or names no kind (so that every other problem is reported too).
     */
    public ConfigLoader(ObjectSpec fallback, Map<String, ObjectSpec> byKind) {
        this.schema = Objects.requireNonNull(fallback, "fallback");
        this.byKind = Map.copyOf(byKind);
    }

    /** Loads {@code file} (named in messages as given), applies {@code overrides}, validates and resolves it. */
    public Config load(Path file, List<ConfigOverride> overrides) {
        Problems problems = new Problems();
        YamlMap tree = readWithExtends(file, file.toString(), new ArrayList<>(), problems);
        if (tree == null) {
            problems.throwIfAny();
        }
        for (ConfigOverride o : overrides) {
            tree = apply(tree, o.path().split("\\."), 0, o.value());
        }
        Object resolved = schemaOf(tree).resolve(tree, "", problems);
        problems.throwIfAny();
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) resolved;
        return new Config(values);
    }

    private ObjectSpec schemaOf(YamlMap tree) {
        YamlNode kind = tree.get(EXPERIMENT);
        if (kind instanceof YamlScalar s && s.value() instanceof String name && byKind.containsKey(name)) {
            return byKind.get(name);
        }
        return schema;
    }

    private YamlMap readWithExtends(Path file, String display, List<Path> chain, Problems problems) {
        YamlNode node;
        try {
            node = YamlReader.readFile(file, display, problems);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return null;
        }
        if (!(node instanceof YamlMap map)) {
            String found = node instanceof YamlScalar s && s.isNull() ? "an empty document" : node.describe();
            problems.add(node.position(), "", "expected a mapping of config keys, found " + found);
            return null;
        }
        YamlMap.Entry ext = map.entries().get(EXTENDS);
        if (ext == null) {
            return map;
        }
        Map<String, YamlMap.Entry> own = new LinkedHashMap<>(map.entries());
        own.remove(EXTENDS);
        YamlMap child = new YamlMap(map.position(), own);
        YamlNode target = ext.value();
        if (!(target instanceof YamlScalar s) || !(s.value() instanceof String name) || name.isEmpty()) {
            problems.add(target.position(), EXTENDS, "expected the path of another YAML config file, found " + target.describe());
            return null;
        }
        Path parentFile = file.toAbsolutePath().getParent().resolve(name).normalize();
        String parentDisplay = Path.of(display).resolveSibling(name).normalize().toString();
        if (!Files.isRegularFile(parentFile)) {
            problems.add(target.position(), EXTENDS, "expected an existing YAML file, found '" + name + "' (no such file: " + parentFile + ")");
            return null;
        }
        List<Path> nextChain = new ArrayList<>(chain);
        nextChain.add(realPath(file));
        if (nextChain.contains(realPath(parentFile))) {
            StringBuilder cycle = new StringBuilder();
            for (Path p : nextChain) {
                cycle.append(p.getFileName()).append(" -> ");
            }
            problems.add(target.position(), EXTENDS, "expected a file that does not extend back, found the cycle "
                    + cycle + parentFile.getFileName());
            return null;
        }
        YamlMap parent = readWithExtends(parentFile, parentDisplay, nextChain, problems);
        // A broken parent would make every key it provides look missing, so validation stops at the broken link.
        return parent == null ? null : merge(parent, child);
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /** {@code over} on top of {@code base}: mappings merge recursively, anything else is replaced. */
    static YamlMap merge(YamlMap base, YamlMap over) {
        Map<String, YamlMap.Entry> out = new LinkedHashMap<>(base.entries());
        for (Map.Entry<String, YamlMap.Entry> e : over.entries().entrySet()) {
            YamlMap.Entry old = out.get(e.getKey());
            YamlMap.Entry mine = e.getValue();
            if (old != null && old.value() instanceof YamlMap oldMap && mine.value() instanceof YamlMap newMap) {
                out.put(e.getKey(), new YamlMap.Entry(mine.keyPosition(), merge(oldMap, newMap)));
            } else {
                out.put(e.getKey(), mine);
            }
        }
        return new YamlMap(over.position(), out);
    }

    private static YamlMap apply(YamlMap map, String[] path, int i, YamlNode value) {
        Map<String, YamlMap.Entry> out = new LinkedHashMap<>(map.entries());
        if (i == path.length - 1) {
            out.put(path[i], new YamlMap.Entry(value.position(), value));
        } else {
            YamlMap.Entry old = out.get(path[i]);
            YamlMap child = old != null && old.value() instanceof YamlMap m ? m : YamlMap.empty(value.position());
            out.put(path[i], new YamlMap.Entry(old != null ? old.keyPosition() : value.position(),
                    apply(child, path, i + 1, value)));
        }
        return new YamlMap(map.position(), out);
    }
}
