package org.metarec.experiments.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A list whose elements each match {@code element}, with a size range and optionally no repeats;
 * resolves to an unmodifiable {@link List}.
 *
 * @param element  spec of every element
 * @param minSize  fewest elements allowed
 * @param maxSize  most elements allowed
 * @param unique   whether repeated elements are an error
 */
public record ListSpec(Spec element, int minSize, int maxSize, boolean unique) implements Spec {

    /** Requires an element spec and {@code 0 <= minSize <= maxSize}. */
    public ListSpec {
        Objects.requireNonNull(element, "element");
        if (minSize < 0 || minSize > maxSize) {
            throw new IllegalArgumentException("bad sizes " + minSize + ".." + maxSize);
        }
    }

    /** The same spec requiring at least one element. */
    public ListSpec nonEmpty() {
        return new ListSpec(element, Math.max(1, minSize), maxSize, unique);
    }

    /** The same spec requiring exactly {@code n} elements. */
    public ListSpec size(int n) {
        return new ListSpec(element, n, n, unique);
    }

    /** The same spec rejecting repeated elements. */
    public ListSpec distinct() {
        return new ListSpec(element, minSize, maxSize, true);
    }

    @Override
    public Object resolve(YamlNode node, String path, Problems problems) {
        if (!(node instanceof YamlList list) || list.items().size() < minSize || list.items().size() > maxSize) {
            String found = node instanceof YamlList l ? "a list of " + l.items().size() + " element" + (l.items().size() == 1 ? "" : "s") : node.describe();
            problems.add(node.position(), path, "expected " + describe() + ", found " + found);
            return null;
        }
        int before = problems.count();
        List<Object> out = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < list.items().size(); i++) {
            YamlNode item = list.items().get(i);
            String itemPath = path + "[" + i + "]";
            if (item instanceof YamlScalar s && s.isNull()) {
                problems.add(item.position(), itemPath, "expected " + element.describe() + ", found null");
                continue;
            }
            Object v = element.resolve(item, itemPath, problems);
            if (v != null && unique && !seen.add(v)) {
                problems.add(item.position(), itemPath, "expected no repeated elements, found " + item.describe() + " again");
            }
            out.add(v);
        }
        return problems.count() == before ? List.copyOf(out) : null;
    }

    @Override
    public String describe() {
        String of = (unique ? "distinct " : "") + element.describePlural();
        if (minSize == maxSize) {
            return "a list of " + minSize + " " + of;
        }
        String base = (minSize == 1 ? "a non-empty list of " : "a list of ") + of;
        if (minSize > 1) {
            base += " (at least " + minSize + ")";
        }
        return maxSize < Integer.MAX_VALUE ? base + " (at most " + maxSize + ")" : base;
    }

    @Override
    public String describePlural() {
        return "lists of " + element.describePlural();
    }
}
