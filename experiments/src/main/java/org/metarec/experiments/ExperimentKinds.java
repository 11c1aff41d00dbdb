package org.metarec.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.metarec.experiments.config.ConfigDocs;
import org.metarec.experiments.config.ConfigLoader;
import org.metarec.experiments.config.ConfigSchema;
import org.metarec.experiments.config.ObjectSpec;
import org.metarec.experiments.run.ExperimentKind;
import org.metarec.experiments.study.coldstart.ColdStartExperiment;
import org.metarec.experiments.study.crossdomain.CrossDomainExperiment;
import org.metarec.experiments.study.implicit.ImplicitExperiment;
import org.metarec.experiments.study.fewshot.FewShotExperiment;
import org.metarec.experiments.study.sinusoid.SinusoidExperiment;

/**
 * The registry of experiment kinds: the built-in ones listed here, then any others that {@link ServiceLoader} finds on
 * the class path (a {@code META-INF/services/org.metarec.experiments.run.ExperimentKind} file; the tests register a
 * toy kind this way). The names are the allowed values of the config key {@code experiment}; each kind validates a
 * config against its own schema ({@link ConfigSchema#forKind}).
 */
public final class ExperimentKinds {

    private static final List<ExperimentKind> BUILT_IN = List.of(
            new SinusoidExperiment(),
            new CrossDomainExperiment(),
            new ColdStartExperiment(),
            new FewShotExperiment(),
            new ImplicitExperiment());

    private static final List<ExperimentKind> KINDS = discover();

    private ExperimentKinds() {
    }

    private static List<ExperimentKind> discover() {
        List<ExperimentKind> kinds = new ArrayList<>(BUILT_IN);
        for (ExperimentKind k : ServiceLoader.load(ExperimentKind.class)) {
            if (kinds.stream().anyMatch(known -> known.name().equals(k.name()))) {
                throw new IllegalStateException("two experiment kinds are named '" + k.name() + "': "
                        + kinds.stream().filter(known -> known.name().equals(k.name())).findFirst().orElseThrow().getClass()
                        .getName() + " and " + k.getClass().getName());
            }
            kinds.add(k);
        }
        return List.copyOf(kinds);
    }

    /** Every registered kind: the built-in ones, then those found on the class path. */
    public static List<ExperimentKind> all() {
        return KINDS;
    }

    /** The kinds that ship with metarec (what docs/configs.md documents). */
    public static List<ExperimentKind> builtIn() {
        return BUILT_IN;
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

    /** The schema of a config that {@code kind} runs: the keys it reads and its own section. */
    public static ObjectSpec schema(ExperimentKind kind) {
        return schema(KINDS, kind);
    }

    /** The schema when {@code experiment} is missing or unknown: every key of every kind. */
    public static ObjectSpec anyKindSchema() {
        return ConfigSchema.root(describe(KINDS));
    }

    /** A loader validating each config against the schema of its kind. */
    public static ConfigLoader loader() {
        List<ConfigSchema.Kind> described = describe(KINDS);   // once: each kind's schema needs all kinds' names
        Map<String, ObjectSpec> byKind = new LinkedHashMap<>();
        for (int i = 0; i < KINDS.size(); i++) {
            byKind.put(KINDS.get(i).name(), ConfigSchema.forKind(described, described.get(i)));
        }
        return new ConfigLoader(ConfigSchema.root(described), byKind);
    }

    /** The configuration reference of the built-in kinds (docs/configs.md). */
    public static String docs() {
        List<ConfigSchema.Kind> described = describe(BUILT_IN);
        List<ConfigDocs.KindSchema> kinds = new ArrayList<>();
        for (int i = 0; i < BUILT_IN.size(); i++) {
            ExperimentKind k = BUILT_IN.get(i);
            kinds.add(new ConfigDocs.KindSchema(k.name(), k.description(), ConfigSchema.forKind(described, described.get(i))));
        }
        return ConfigDocs.markdown(kinds);
    }

    private static ObjectSpec schema(List<ExperimentKind> among, ExperimentKind kind) {
        List<ConfigSchema.Kind> described = describe(among);
        return ConfigSchema.forKind(described, described.get(among.indexOf(kind)));
    }

    private static List<ConfigSchema.Kind> describe(List<ExperimentKind> kinds) {
        return kinds.stream().map(k -> new ConfigSchema.Kind(k.name(), k.description(), k.settings(), k.rules(), k.reads(),
                k.methods(), k::rows, k::metrics)).toList();
    }
}
