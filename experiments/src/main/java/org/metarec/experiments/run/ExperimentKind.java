package org.metarec.experiments.run;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.metarec.core.data.Dataset;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.config.ObjectRule;
import org.metarec.experiments.config.ObjectSpec;

/**
 * One kind of experiment (the {@code experiment:} key of a config), e.g. the sinusoid meta-learning study.
 * The built-in kinds are listed in {@link org.metarec.experiments.ExperimentKinds}; others are found with
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/org.metarec.experiments.run.ExperimentKind} file naming
 * the class), so a study can live in its own jar.
 *
 * <p>A kind accepts exactly the config keys it reads: {@link #reads()} from the common sections, {@link #methods()}
 * under {@code methods}, and its own {@link #settings()}. Any other key in a config it runs is an error before
 * anything runs, and a test checks that each key it accepts is one it reads.
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

    /**
     * The keys of the common sections ({@code data}, {@code protocol}, {@code model}, {@code meta}, {@code optimizer},
     * {@code budget}, {@code evaluation}) that this kind reads, as dotted paths: a section name for all of its keys,
     * {@code meta.inner_lr} for one. {@code name}, {@code seed} and {@code experiment} are always read.
     */
    List<String> reads();

    /** The values {@code methods} may list for this kind, in documentation order; empty when it does not read it. */
    default List<String> methods() {
        return List.of();
    }

    /**
     * The result rows (methods) a run of {@code config} reports: what {@code evaluation.reference} may name. By
     * default the config's {@code methods}.
     *
     * @param config the resolved config, as nested maps
     */
    default List<String> rows(Map<String, Object> config) {
        return ((List<?>) config.get("methods")).stream().map(String.class::cast).toList();
    }

    /**
     * The metrics a run of {@code config} reports, before any setting is appended to their names (a row's metric
     * is one of them, or one followed by {@code _} and its setting): what {@code evaluation.primary_metrics} is
     * checked against before the run. Empty by default: the kind cannot tell, and the summary checks the names
     * against the recorded rows instead.
     *
     * @param config the resolved config, as nested maps
     */
    default Optional<List<String>> metrics(Map<String, Object> config) {
        return Optional.empty();
    }

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
     * What this kind makes of a loaded data set before it trains, for {@code metarec data CONFIG} to print after the
     * load report: for example the cold-start users of each split. Empty by default.
     *
     * @param config the config
     * @param data its data set
     * @return readable lines ending with a newline, or an empty string
     */
    default String dataSummary(Config config, Dataset data) {
        return "";
    }

    /**
     * Runs (or continues) the experiment.
     *
     * @throws Exception any failure; the runner reports it and keeps the last checkpoint
     */
    void run(RunContext context) throws Exception;
}
