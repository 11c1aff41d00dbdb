package org.metarec.experiments.sweep;

import java.util.Objects;
import org.metarec.experiments.config.Config;

/**
 * One run of a sweep: a grid point with one seed.
 *
 * @param index  position in the sweep's job list (grid points in order, seeds fastest)
 * @param name   the run folder name, e.g. {@code 003_lr=0.1_hidden=64-64_seed=2}
 * @param config the validated config of the run
 */
public record SweepJob(int index, String name, Config config) {

    /** Requires a non-negative index, a name and a config. */
    public SweepJob {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, found " + index);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
    }
}
