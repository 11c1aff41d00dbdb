package org.metarec.experiments;

import java.util.List;
import org.metarec.experiments.config.ConfigLoader;
import org.metarec.experiments.config.ConfigSchema;
import org.metarec.experiments.config.ObjectSpec;
import org.metarec.experiments.run.ExperimentKind;
import org.metarec.experiments.study.coldstart.ColdStartExperiment;
import org.metarec.experiments.study.crossdomain.CrossDomainExperiment;
import org.metarec.experiments.study.sinusoid.SinusoidExperiment;
import org.metarec.experiments.toy.ToyExperiment;

/**
 * The registry of experiment kinds: the one place where a new kind is added. The registered names are the
 * allowed values of the config key {@code experiment}, and each kind's settings become a config section.
 */
public final class ExperimentKinds {

    private static final List<ExperimentKind> KINDS = List.of(
            new SinusoidExperiment(),
            new CrossDomainExperiment(),
            new ColdStartExperiment(),
            new ToyExperiment());

    private ExperimentKinds() {
    }

    /** Every registered kind, in registration order. */
    public static List<ExperimentKind> all() {
        return KINDS;
    }

    /** The kind named {@code name}; the config schema guarantees it exists for a validated config. */
    public static ExperimentKind get(String name) {
        for (ExperimentKind k : KINDS) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("experiment: expected one of " + KINDS.stream().map(ExperimentKind::name).toList()
                + ", found '" + name + "'");
    }

    /** The full config schema: the common sections plus one section per kind that has settings. */
    public static ObjectSpec schema() {
        return ConfigSchema.root(KINDS.stream()
                .map(k -> new ConfigSchema.Kind(k.name(), k.description(), k.settings(), k.rules())).toList());
    }

    /** A loader validating against {@link #schema()}. */
    public static ConfigLoader loader() {
        return new ConfigLoader(schema());
    }
}
