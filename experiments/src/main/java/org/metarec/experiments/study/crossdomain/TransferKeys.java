package org.metarec.experiments.study.crossdomain;

import static org.metarec.experiments.config.Specs.integer;
import static org.metarec.experiments.config.Specs.key;
import static org.metarec.experiments.config.Specs.oneOf;

import java.util.List;
import java.util.Map;
import org.metarec.algorithms.rec.model.RecModels;
import org.metarec.core.data.Dataset;
import org.metarec.core.tasks.SupportOrder;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.config.KeySpec;
import org.metarec.experiments.config.ObjectRule;

/**
 * The crossdomain keys that control transfer: the support order, the warm users, and the rule on the
 * method variants of {@link MethodVariant} (a source-embedding start needs per-user parameters and the sources).
 */
final class TransferKeys {

    private TransferKeys() {
    }

    /** {@code support_order} and {@code warm_users}. */
    static List<KeySpec> keys() {
        return List.of(
                key("support_order", oneOf(SupportOrder.names())).defaultTo(SupportOrder.RANDOM.configName())
                        .doc("Which K target ratings of a test or validation user are the support set: `random`, or "
                                + "`temporal` (the user's first K by time, the query the next ones; needs data with "
                                + "timestamps, as MovieLens has)."),
                key("warm_users", integer().atLeast(0)).defaultTo(0)
                        .doc("Training overlap users whose target ratings are partly held out (" + Math.round(
                                WarmUsers.HOLDOUT_SHARE * 100) + "%, hidden from training and selection) and scored as "
                                + "`<metric>_warm_k<K>` next to the cold users; 0 for none."));
    }

    /** The setup options of a config. */
    static CrossDomainSetup.Options options(Config c) {
        return new CrossDomainSetup.Options(SupportOrder.named(c.getString("crossdomain.support_order")),
                c.getInt("crossdomain.warm_users"));
    }

    /** A temporal support order needs timestamps: say so naming the key, before any training. */
    static void requireTimestamps(Config c, Dataset data) {
        if (options(c).supportOrder() == SupportOrder.TEMPORAL && !data.interactions().hasTimestamps()) {
            throw new IllegalArgumentException("crossdomain.support_order: expected data with timestamps for 'temporal', "
                    + "found data.source " + c.getString("data.source") + " without them");
        }
    }

    /**
     * The rule that a variant with a start other than its method's default runs with {@code crossdomain.use_sources}
     * true, and a source-embedding one ({@code .src}, {@code .both}) with a model of per-user parameters.
     *
     * @return the rule
     */
    static ObjectRule variantsNeedUserTablesAndSources() {
        return new ObjectRule("a method with another user start (`.src`, `.both`, `.profile`) only with "
                + "`crossdomain.use_sources` true, and `.src` or `.both` only with a model of per-user parameters ("
                + RecModels.WITH_USER_PARAMETERS + ")",
                List.of("methods", "model", "crossdomain"), root -> {
                    Object type = ((Map<?, ?>) root.get("model")).get("type");
                    Object section = root.get("crossdomain");
                    Object use = section instanceof Map<?, ?> m ? m.get("use_sources") : null;
                    for (Object name : (List<?>) root.get("methods")) {
                        MethodVariant v = MethodVariant.named((String) name, CrossDomainProtocol.METHODS);
                        boolean ownStart = v.start() == UserStart.defaultFor(v.method());
                        if (!ownStart && Boolean.FALSE.equals(use)) {
                            return new ObjectRule.Violation("methods", "expected no " + name + " with "
                                    + "crossdomain.use_sources false (without the sources there is neither a profile nor "
                                    + "a source embedding to start from)");
                        }
                        if (!ownStart && v.needsUserTables() && !RecModels.WITH_USER_PARAMETERS.contains(type)) {
                            return new ObjectRule.Violation("methods", "expected no " + name + " with model.type " + type
                                    + " (its users start from their own pretrained row, and only "
                                    + RecModels.WITH_USER_PARAMETERS + " have one)");
                        }
                    }
                    return null;
                });
    }
}
