package org.metarec.experiments.study.rec;

import static org.metarec.experiments.config.Specs.integer;
import static org.metarec.experiments.config.Specs.key;
import static org.metarec.experiments.config.Specs.listOf;
import static org.metarec.experiments.config.Specs.longInteger;
import static org.metarec.experiments.config.Specs.real;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.metarec.algorithms.rec.model.RecModels;
import org.metarec.algorithms.rec.train.FineTuning;
import org.metarec.algorithms.rec.train.PooledTraining;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.config.KeySpec;
import org.metarec.experiments.config.ObjectRule;
import org.metarec.experiments.data.DataSources;

/**
 * The settings keys that the recommendation kinds declare alike in their own sections (seeds, the L2 penalty,
 * pooled training and fine-tuning), and how they and the common keys are read.
 */
public final class StudyKeys {

    private StudyKeys() {
    }

    /**
     * {@code seeds}: the seeds to run, each with its own split and training; empty means {@code seed} alone.
     *
     * @return the key
     */
    public static KeySpec seeds() {
        return key("seeds", listOf(longInteger()).distinct()).defaultTo(List.of())
                .doc("Seeds to run, each with its own split and training; empty means `seed` alone. Test users of "
                        + "all seeds are pooled as tasks.");
    }

    /**
     * {@code weight_decay}: the L2 penalty on embeddings in every training loss.
     *
     * @return the key
     */
    public static KeySpec weightDecay() {
        return key("weight_decay", real().atLeast(0)).defaultTo(0.01)
                .doc("L2 penalty weight on the user and item embeddings of `mf` and `neumf` in every training loss "
                        + "(`melu` and the feature MLP have no penalty).");
    }

    /**
     * The pooled-training keys: {@code pooled_epochs}, {@code pooled_batch}, {@code pooled_lr},
     * {@code fine_tune_steps}, {@code fine_tune_lrs}.
     *
     * @param epochsDoc what {@code pooled_epochs} trains, for its description
     * @return the keys, in that order
     */
    public static List<KeySpec> pooledTraining(String epochsDoc) {
        return List.of(
                key("pooled_epochs", integer().atLeast(1)).defaultTo(PooledTraining.Settings.DEFAULT.epochs())
                        .doc("Epochs of pooled training (" + epochsDoc + ")."),
                key("pooled_batch", integer().atLeast(1)).defaultTo(PooledTraining.Settings.DEFAULT.batchSize()).doc("Rows per pooled minibatch."),
                key("pooled_lr", real().above(0)).defaultTo(PooledTraining.Settings.DEFAULT.lr()).doc("Adam's learning rate in pooled training."),
                key("fine_tune_steps", integer().atLeast(0)).defaultTo(FineTuning.DEFAULT.steps())
                        .doc("SGD steps when a pooled or mapped model is fine-tuned on a test user's support ratings."),
                key("fine_tune_lrs", listOf(real().atLeast(0)).nonEmpty()).defaultTo(java.util.Arrays.stream(FineTuning.DEFAULT.lrs()).boxed().toList())
                        .doc("Fine-tuning rates among which validation users choose (0 means no fine-tuning)."));
    }

    /**
     * The rule that CAVIA runs only with a model that has per-user parameters (its context).
     *
     * @return the rule
     */
    public static ObjectRule caviaNeedsUserParameters() {
        return new ObjectRule("`cavia` only with a model of per-user parameters (" + RecModels.WITH_USER_PARAMETERS + ")",
                List.of("methods", "model"), root -> {
                    Object type = ((Map<?, ?>) root.get("model")).get("type");
                    boolean cavia = ((List<?>) root.get("methods")).contains(RecMethod.CAVIA.configName());
                    return !cavia || RecModels.WITH_USER_PARAMETERS.contains(type) ? null : new ObjectRule.Violation("methods",
                            "expected no cavia with model.type " + type + " (CAVIA adapts a user vector from zero, and only "
                                    + RecModels.WITH_USER_PARAMETERS + " have one)");
                });
    }

    /**
     * The rule that {@code data.source} holds ratings (not the sinusoid task family).
     *
     * @param kind the kind's name, for the message
     * @return the rule
     */
    public static ObjectRule ratingsSource(String kind) {
        return new ObjectRule("`data.source` is a source of ratings", List.of("data"), root -> {
            Object source = ((Map<?, ?>) root.get("data")).get("source");
            if ("cdrib".equals(source)) {
                return new ObjectRule.Violation("data.source", "expected a source of ratings for the " + kind + " kind, found "
                        + "cdrib (implicit feedback: run it with experiment: implicit)");
            }
            return !"sinusoid".equals(source) ? null : new ObjectRule.Violation("data.source", "expected a source of "
                    + "ratings for the " + kind + " kind (synthetic, movielens100k, movielens1m or delimited), found sinusoid");
        });
    }

    /**
     * The rule that {@code protocol.source_domains} and {@code protocol.target_domain} name domains of the data,
     * checked before training whenever the names are known without loading the ratings
     * ({@link DataSources#domainNames}).
     *
     * @return the rule
     */
    public static ObjectRule knownDomains() {
        return new ObjectRule("`protocol.source_domains` and `protocol.target_domain` are domains of the data",
                List.of("data", "protocol"), root -> {
                    Optional<List<String>> known = DataSources.domainNames((Map<?, ?>) root.get("data"));
                    if (known.isEmpty()) {
                        return null;
                    }
                    List<String> names = known.get();
                    Map<?, ?> protocol = (Map<?, ?>) root.get("protocol");
                    Object target = protocol.get("target_domain");
                    if (target != null && !names.contains(target)) {
                        return new ObjectRule.Violation("protocol.target_domain", "expected a domain of the data "
                                + names + ", found '" + target + "'");
                    }
                    for (Object d : (List<?>) protocol.get("source_domains")) {
                        if (!names.contains(d)) {
                            return new ObjectRule.Violation("protocol.source_domains", "expected domains of the data "
                                    + names + ", found '" + d + "'");
                        }
                    }
                    if (names.size() < 2) {
                        return new ObjectRule.Violation("data", "expected data with at least two domains (a source and a "
                                + "target), found only " + names);
                    }
                    return null;
                });
    }

    /**
     * The seeds of {@code <section>.seeds}, or the config's {@code seed} when the list is empty.
     *
     * @param c the config
     * @param section the kind's section
     * @return the seeds, in order
     */
    public static List<Long> seeds(Config c, String section) {
        List<Long> seeds = new ArrayList<>();
        for (Object s : c.getList(section + ".seeds")) {
            seeds.add(((Number) s).longValue());
        }
        if (seeds.isEmpty()) {
            seeds.add(c.seed());
        }
        return seeds;
    }

    /**
     * The model type of {@code model.type} as the recommender models name it ({@code mlp} is the feature MLP).
     *
     * @param c the config
     * @return a type of {@link org.metarec.algorithms.rec.model.RecModels#TYPES}
     */
    public static String modelType(Config c) {
        String type = c.getString("model.type");
        return type.equals("mlp") ? "feature_mlp" : type;
    }

    /**
     * The gradient-norm clipping of outer steps: {@code optimizer.clip_norm}, or 0 (none) when absent.
     *
     * @param c the config
     * @return the norm, 0 for none
     */
    public static double clipNorm(Config c) {
        return c.isSet("optimizer.clip_norm") ? c.getDouble("optimizer.clip_norm") : 0;
    }
}
