package org.metarec.experiments.study.rec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metarec.core.random.Rng;

/**
 * A method's search space: the settings random search draws for each trained setting, each from its own
 * stream ({@code rng.fork(<name>)}), so adding a dimension does not change the draws of the others.
 *
 * @param dimensions the axes, at most one per setting
 */
public record SearchSpace(List<SearchDimension> dimensions) {

    /** The empty space: the method trains once, with the config's settings. */
    public static final SearchSpace EMPTY = new SearchSpace(List.of());

    /** Requires at most one axis per setting. */
    public SearchSpace {
        dimensions = List.copyOf(dimensions);
        if (dimensions.stream().map(SearchDimension::tunable).distinct().count() != dimensions.size()) {
            throw new IllegalArgumentException("tuning space: expected each setting at most once, found "
                    + dimensions.stream().map(SearchDimension::tunable).toList());
        }
    }

    /**
     * Whether there is nothing to draw.
     *
     * @return true for the empty space
     */
    public boolean isEmpty() {
        return dimensions.isEmpty();
    }

    /**
     * Draws one setting.
     *
     * @param rng the stream of this setting (forked per dimension, not advanced)
     * @return the drawn values
     */
    public TunedValues sample(Rng rng) {
        Map<Tunable, Double> values = new LinkedHashMap<>();
        for (SearchDimension d : dimensions) {
            values.put(d.tunable(), d.sample(rng.fork(d.tunable().configName())));
        }
        return new TunedValues(values);
    }
}
