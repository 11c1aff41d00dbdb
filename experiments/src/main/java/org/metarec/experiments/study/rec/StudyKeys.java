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
import java.util.function.Function;
import org.metarec.algorithms.meta.ImplicitMAML;
import org.metarec.algorithms.meta.MAMLPlusPlus;
import org.metarec.algorithms.rec.coldstart.ColdStartMetaMethod;
import org.metarec.algorithms.rec.coldstart.MAMO;
import org.metarec.algorithms.rec.coldstart.TaNP;
import org.metarec.algorithms.rec.model.RecModels;
import org.metarec.algorithms.rec.train.FineTuning;
import org.metarec.algorithms.rec.train.MetaLearning;
import org.metarec.algorithms.rec.train.PooledTraining;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.config.KeySpec;
import org.metarec.experiments.config.ConfigSchema;
import org.metarec.experiments.config.ObjectRule;
import org.metarec.experiments.data.DataSources;

/**
 * The settings keys that the recommendation kinds declare alike in their own sections (seeds, the L2 penalty,
 * pooled training and fine-tuning), and how they and the common keys are read (the meta-learners' settings
 * among them, MAML++'s and iMAML's included).
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
                .doc("Seeds to run, each with its own split and training; empty means `seed` alone. The summary "
                        + "averages per seed and counts each test user once (`per_seed.csv`, `per_user.csv`).");
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
     * The rule that, under random search with equal budgets, every method of the run that reads a tunable setting
     * has a search space. Without one it trains once with the config's values and spends only its checkpoints, a
     * smaller budget than its neighbours' that no budget check would otherwise see (found in the MeLU-states run
     * of 2026-12-03, where MAML++ and iMAML had none). A variant such as {@code maml.src} is tuned as its method.
     *
     * @param section the kind's section, which holds {@code tuning}
     * @return the rule
     */
    public static ObjectRule tunedMethodsHaveASpace(String section) {
        return tunedMethodsHaveASpace(section, name -> RecMethod.byName(name).map(Tunable::readBy).orElse(List.of()));
    }

    /**
     * {@link #tunedMethodsHaveASpace(String)} for a kind with its own methods ({@code implicit}).
     *
     * @param section the kind's section, which holds {@code tuning}
     * @param readable the settings the method of a config name reads (empty: nothing to tune, or not a method of
     *     the kind, which another rule reports)
     * @return the rule
     */
    public static ObjectRule tunedMethodsHaveASpace(String section, Function<String, List<Tunable>> readable) {
        return new ObjectRule("under `" + section + ".tuning.strategy: random`, every tunable method has a `space` "
                + "unless `unequal_budgets`", List.of("methods", section), root -> {
                    if (!(((Map<?, ?>) root.get(section)).get("tuning") instanceof Map<?, ?> tuning)
                            || !"random".equals(tuning.get("strategy")) || Boolean.TRUE.equals(tuning.get("unequal_budgets"))) {
                        return null;
                    }
                    Map<?, ?> perMethod = tuning.get("methods") instanceof Map<?, ?> m ? m : Map.of();
                    for (Object name : (List<?>) root.get("methods")) {
                        String base = String.valueOf(name).split("\\.")[0];
                        List<Tunable> own = readable.apply(base);
                        if (own.isEmpty()) {
                            continue;
                        }
                        Object space = perMethod.get(base) instanceof Map<?, ?> part ? part.get("space") : null;
                        if (!(space instanceof List<?> dims) || dims.isEmpty()) {
                            return new ObjectRule.Violation(section + ".tuning.methods." + base + ".space", "expected a "
                                    + "search space over some of " + own + " for " + base + " (without "
                                    + "one it trains once with the config's values and chooses only among its checkpoints, "
                                    + "a smaller budget than the other methods'); set " + section
                                    + ".tuning.unequal_budgets: true to run it so (summary.md then says so)");
                        }
                    }
                    return null;
                });
    }

    /**
     * The rule that MAMO in the cross-domain kind has a user profile to key its memories by: user features (which
     * the delimited, Douban and RecBole sources do not load) or the cross-domain profile ({@code use_sources}).
     *
     * @param section the kind's section, which holds {@code use_sources}
     * @return the rule
     */
    public static ObjectRule mamoNeedsAUserProfile(String section) {
        List<String> featureless = List.of("delimited", "douban", "recbole");
        return new ObjectRule("`mamo` only with user features or the cross-domain profile", List.of("methods", "data", section),
                root -> {
                    boolean mamo = ((List<?>) root.get("methods")).contains(RecMethod.MAMO.configName());
                    Object source = ((Map<?, ?>) root.get("data")).get("source");
                    boolean sources = Boolean.TRUE.equals(((Map<?, ?>) root.get(section)).get("use_sources"));
                    return !mamo || sources || !featureless.contains(source) ? null : new ObjectRule.Violation("methods",
                            "expected no mamo with data.source " + source + " and " + section + ".use_sources false (MAMO "
                                    + "keys its memories by the user profile: user features, which this source has none "
                                    + "of, or the cross-domain profile, which use_sources false leaves out)");
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
                    + "ratings for the " + kind + " kind (" + String.join(", ", ConfigSchema.DATA_SOURCES.stream()
                    .filter(x -> !x.equals("sinusoid")).toList()) + "), found sinusoid");
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
     * The meta-learners' settings of a recommendation kind: budget, meta-batch, inner loop, outer rate, clipping,
     * validation interval, and the keys of {@code meta.mamlpp} and {@code meta.imaml} ({@link #variants}).
     *
     * @param c the config
     * @return the settings
     */
    public static MetaLearning.Settings metaLearning(Config c) {
        return metaLearning(c, TunedValues.NONE);
    }

    /**
     * The meta-learners' settings as {@link #metaLearning(Config)}, with a tuning trial's drawn values (meta-iterations,
     * inner rate, outer rate) in place of the config's.
     *
     * @param c the config
     * @param values the trial's values ({@link TunedValues#NONE}: the config's)
     * @return the settings
     */
    public static MetaLearning.Settings metaLearning(Config c, TunedValues values) {
        return new MetaLearning.Settings(values.integer(Tunable.META_ITERATIONS, c.getInt("budget.meta_iterations")),
                c.getInt("meta.meta_batch"), values.real(Tunable.INNER_LR, c.getDouble("meta.inner_lr")),
                c.getInt("meta.inner_steps"), values.real(Tunable.META_LR, c.getDouble("optimizer.lr")), clipNorm(c),
                Math.max(1, c.getInt("budget.validate_every")), variants(c));
    }

    /**
     * MAML++'s switches ({@code meta.mamlpp}) and implicit MAML's settings ({@code meta.imaml}).
     *
     * @param c the config
     * @return the settings of both
     */
    public static MetaLearning.Variants variants(Config c) {
        MAMLPlusPlus.Switches mamlpp = MAMLPlusPlus.Switches.of(c.getBoolean("meta.mamlpp.learned_rates"),
                c.getBoolean("meta.mamlpp.multi_step_loss"), c.getLong("meta.mamlpp.msl_iterations"),
                c.getLong("meta.mamlpp.first_order_iterations"));
        ImplicitMAML.Settings imaml = new ImplicitMAML.Settings(c.getDouble("meta.imaml.lambda"),
                c.getInt("meta.imaml.cg_iterations"), c.getDouble("meta.imaml.cg_tolerance"),
                c.getBoolean("meta.imaml.line_search"));
        return new MetaLearning.Variants(mamlpp, imaml);
    }

    /**
     * MAMO's and TaNP's settings, from {@code meta.mamo} and {@code meta.tanp}.
     *
     * @param c the config
     * @return the settings
     */
    public static ColdStartMetaMethod.Settings coldStartMeta(Config c) {
        MAMO.Settings mamo = new MAMO.Settings(c.getInt("meta.mamo.memory_size"), c.getDouble("meta.mamo.tau"),
                c.getDouble("meta.mamo.alpha"), c.getDouble("meta.mamo.beta"), c.getDouble("meta.mamo.gamma"));
        TaNP.Settings tanp = new TaNP.Settings(c.getInt("meta.tanp.z_dim"), c.getInt("meta.tanp.task_dim"),
                c.getInt("meta.tanp.clusters"), c.getDouble("meta.tanp.temperature"), c.getBoolean("meta.tanp.gating"),
                new TaNP.Clustering(c.getDouble("meta.tanp.cluster_weight"), c.getDouble("meta.tanp.cluster_alpha")));
        return new ColdStartMetaMethod.Settings(mamo, tanp);
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

    /**
     * The fine-tuning of {@code <section>.fine_tune_steps} at the drawn rate, or at the rates
     * {@code <section>.fine_tune_lrs} when none was drawn.
     *
     * @param c the config
     * @param section the kind's section
     * @param values the drawn values
     * @return the fine-tuning settings
     */
    public static FineTuning fineTuning(Config c, String section, TunedValues values) {
        double[] grid = c.getDoubleArray(section + ".fine_tune_lrs");
        return new FineTuning(c.getInt(section + ".fine_tune_steps"), values.has(Tunable.FINE_TUNE_LR)
                ? new double[] {values.real(Tunable.FINE_TUNE_LR, 0)} : grid);
    }

    /**
     * item_bias's shrinkages: the drawn ones, each in place of the default grid.
     *
     * @param values the drawn values
     * @return the shrinkages to score
     */
    public static BaselineSelection.Shrinkages shrinkages(TunedValues values) {
        BaselineSelection.Shrinkages grid = BaselineSelection.Shrinkages.DEFAULT;
        return new BaselineSelection.Shrinkages(
                values.has(Tunable.ITEM_SHRINKAGE) ? new double[] {values.real(Tunable.ITEM_SHRINKAGE, 0)} : grid.item(),
                values.has(Tunable.USER_SHRINKAGE) ? new double[] {values.real(Tunable.USER_SHRINKAGE, 0)} : grid.user());
    }
}
