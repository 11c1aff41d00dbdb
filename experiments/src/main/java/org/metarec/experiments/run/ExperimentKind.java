package org.metarec.experiments.run;

import java.util.List;
import org.metarec.experiments.config.ObjectRule;
import org.metarec.experiments.config.ObjectSpec;

/**
 * One kind of experiment (the {@code experiment:} key of a config), e.g. the sinusoid meta-learning study.
 * Kinds are registered in {@link org.metarec.experiments.ExperimentKinds}.
 *
 * <p>Contract for {@link #run}: draw all randomness from {@link RunContext#rng(String)}; when
 * {@link RunContext#checkpoints()} has a checkpoint, continue from it exactly (restoring parameters, optimiser
 * state and RNG states); save checkpoints through the context so the training log stays consistent; check losses
 * and gradients with {@link RunContext#checkFinite}; record test metrics in {@link RunContext#results()}.
 * Results must not depend on {@link RunContext#threads()}.
 */
public interface ExperimentKind {

    /** The name used in configs, lower_snake_case. */
    String name();

    /** One sentence for help texts and docs. */
    String description();

    /** The kind's own settings section (root key {@link #name()}), or null when it has none. */
    default ObjectSpec settings() {
        return null;
    }

    /**
     * Checks across the whole config that apply when this kind runs it (keys as dotted paths from the top level,
     * e.g. {@code data.source}); validation reports a violation at that key like any other config error.
     */
    default List<ObjectRule> rules() {
        return List.of();
    }

    /**
     * Runs (or continues) the experiment.
     *
     * @throws Exception any failure; the runner reports it and keeps the last checkpoint
     */
    void run(RunContext context) throws Exception;
}
