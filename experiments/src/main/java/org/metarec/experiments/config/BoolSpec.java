package org.metarec.experiments.config;

/** {@code true} or {@code false}, resolved to a {@link Boolean}. */
public record BoolSpec() implements Spec {

    @Override
    public Object resolve(YamlNode node, String path, Problems problems) {
        if (node instanceof YamlScalar s && s.value() instanceof Boolean b) {
            return b;
        }
        problems.add(node.position(), path, mismatch(node));
        return null;
    }

    @Override
    public String describe() {
        return "true or false";
    }

    @Override
    public String describePlural() {
        return "booleans";
    }
}
