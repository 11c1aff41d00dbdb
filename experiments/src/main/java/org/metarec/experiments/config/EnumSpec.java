package org.metarec.experiments.config;

import java.util.List;

/**
 * One of a fixed list of words (case-sensitive), resolved to the {@link String}; a near miss gets a suggestion.
 *
 * @param values the allowed words, in the order they are documented
 */
public record EnumSpec(List<String> values) implements Spec {

    /** Requires at least one value. */
    public EnumSpec {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an enum needs at least one value");
        }
    }

    @Override
    public Object resolve(YamlNode node, String path, Problems problems) {
        if (node instanceof YamlScalar s && s.value() instanceof String v && values.contains(v)) {
            return v;
        }
        String message = mismatch(node);
        if (node instanceof YamlScalar s && s.value() != null) {
            String near = EditDistance.nearest(s.text(), values);
            if (near != null) {
                message += "; did you mean '" + near + "'?";
            }
        }
        problems.add(node.position(), path, message);
        return null;
    }

    @Override
    public String describe() {
        return "one of " + String.join(", ", values);
    }

    @Override
    public String describePlural() {
        return "values from " + String.join(", ", values);
    }
}
