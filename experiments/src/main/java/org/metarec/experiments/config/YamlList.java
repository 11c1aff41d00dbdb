package org.metarec.experiments.config;

import java.util.List;
import java.util.Objects;

/**
 * A YAML sequence with its position.
 *
 * @param position where the sequence starts
 * @param items    the elements in file order
 */
public record YamlList(Position position, List<YamlNode> items) implements YamlNode {

    /** Copies the element list so the node stays immutable. */
    public YamlList {
        Objects.requireNonNull(position, "position");
        items = List.copyOf(items);
    }

    /** Always "a list": the elements are reported separately. */
    @Override
    public String describe() {
        return "a list";
    }
}
