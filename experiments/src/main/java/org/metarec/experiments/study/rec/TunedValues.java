package org.metarec.experiments.study.rec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.metarec.experiments.config.Specs;

/**
 * The values one trial draws, each replacing the config's value of its {@link Tunable}; a setting not drawn
 * keeps the config's value.
 *
 * @param values the drawn values, in the order of the search space
 */
public record TunedValues(Map<Tunable, Double> values) {

    /** No drawn values: the config's settings. */
    public static final TunedValues NONE = new TunedValues(Map.of());

    /** Copies the values, keeping their order. */
    public TunedValues {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Whether {@code t} was drawn.
     *
     * @param t the setting
     * @return true if drawn
     */
    public boolean has(Tunable t) {
        return values.containsKey(t);
    }

    /**
     * The drawn value of {@code t}, or the config's.
     *
     * @param t the setting
     * @param config the config's value
     * @return the value to train with
     */
    public double real(Tunable t, double config) {
        return values.getOrDefault(t, config);
    }

    /**
     * The drawn value of a whole-number setting, or the config's.
     *
     * @param t the setting
     * @param config the config's value
     * @return the value to train with
     */
    public int integer(Tunable t, int config) {
        return has(t) ? Math.toIntExact(Math.round(values.get(t))) : config;
    }

    /**
     * The values as {@code name=value} pairs separated by spaces ({@code inner_lr=0.05 meta_lr=0.003}), or "".
     *
     * @return the text
     */
    public String describe() {
        return values.entrySet().stream().map(e -> e.getKey().configName() + "=" + Specs.format(e.getValue()))
                .collect(Collectors.joining(" "));
    }
}
