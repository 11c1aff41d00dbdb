package org.metarec.experiments.study.rec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.metarec.algorithms.meta.MetaMethod;
import org.metarec.algorithms.rec.coldstart.ColdStartMetaMethod;

/**
 * The methods of the recommendation studies, by config name: closed-form baselines, pooled training with
 * fine-tuning, the cross-domain mappings, and the meta-learners of {@link MetaMethod}. A study asks a
 * method for its {@link #family()} (how it is trained) instead of comparing names.
 */
public enum RecMethod {

    /** Second-order MAML over user tasks. */
    MAML(MetaMethod.MAML),
    /** First-order MAML over user tasks. */
    FOMAML(MetaMethod.FOMAML),
    /** Reptile over user tasks. */
    REPTILE(MetaMethod.REPTILE),
    /** Meta-SGD over user tasks. */
    METASGD(MetaMethod.METASGD),
    /** ANIL over user tasks (the head only is adapted). */
    ANIL(MetaMethod.ANIL),
    /** CAVIA over user tasks: the user's own parameters start at zero and are the only ones adapted. */
    CAVIA(MetaMethod.CAVIA),
    /** MAML++ over user tasks (switches {@code meta.mamlpp}). */
    MAMLPP(MetaMethod.MAMLPP),
    /** Implicit MAML over user tasks (settings {@code meta.imaml}); the shared parameters get its mixed term. */
    IMAML(MetaMethod.IMAML),
    /** MAMO (Dong et al. 2020) over its own model: memories personalise the start of a MAML-style local update. */
    MAMO(ColdStartMetaMethod.MAMO),
    /** TaNP (Lin et al. 2021) over its own model: a neural process whose decoder the user's task identity modulates. */
    TANP(ColdStartMetaMethod.TANP),
    /** The model trained on all training rows pooled, then fine-tuned on a user's support ratings. */
    PRETRAINED("pretrained", Family.POOLED),
    /** The mean training rating. */
    GLOBAL_MEAN("global_mean", Family.CLOSED_FORM),
    /** Mean plus shrunk item and user biases. */
    ITEM_BIAS("item_bias", Family.CLOSED_FORM),
    /** Mean plus shrunk item bias plus a damped user bias pooled over the user's source and support ratings. */
    TRANSFER_BIAS("transfer_bias", Family.CLOSED_FORM),
    /** As {@link #PRETRAINED}, on the target domain's rows alone and without profiles. */
    TARGET_ONLY("target_only", Family.POOLED),
    /** EMCDR (Man et al. 2017): per-domain factorisations and a learned mapping of user factors. */
    EMCDR("emcdr", Family.MAPPING),
    /** PTUPCDR (Zhu et al. 2022): a meta network that makes a personalised bridge per user. */
    PTUPCDR("ptupcdr", Family.MAPPING);

    /** How a method is trained. */
    public enum Family {
        /** A closed-form baseline chosen on validation users (no gradient training). */
        CLOSED_FORM,
        /** Pooled training of the model, then fine-tuning on the support set. */
        POOLED,
        /** Per-domain factorisations and a learned transfer between them. */
        MAPPING,
        /** Meta-training over user tasks with a {@link MetaMethod}. */
        META,
        /** Meta-training of a cold-start method with its own model ({@link ColdStartMetaMethod}: MAMO, TaNP). */
        COLD_START_META
    }

    private final String configName;
    private final Family family;
    private final MetaMethod meta;
    private final ColdStartMetaMethod coldStart;

    RecMethod(MetaMethod meta) {
        this.configName = meta.configName();
        this.family = Family.META;
        this.meta = meta;
        this.coldStart = null;
    }

    RecMethod(ColdStartMetaMethod coldStart) {
        this.configName = coldStart.configName();
        this.family = Family.COLD_START_META;
        this.meta = null;
        this.coldStart = coldStart;
    }

    RecMethod(String configName, Family family) {
        this.configName = configName;
        this.family = family;
        this.meta = null;
        this.coldStart = null;
    }

    /** The name configs and tables use. */
    public String configName() {
        return configName;
    }

    /** How the method is trained. */
    public Family family() {
        return family;
    }

    /** The meta-learning method of a {@link Family#META} method; an exception for the others. */
    public MetaMethod meta() {
        if (meta == null) {
            throw new IllegalStateException(configName + " is not a meta-learning method");
        }
        return meta;
    }

    /** The cold-start method of a {@link Family#COLD_START_META} method; an exception for the others. */
    public ColdStartMetaMethod coldStart() {
        if (coldStart == null) {
            throw new IllegalStateException(configName + " is not a cold-start method with its own model");
        }
        return coldStart;
    }

    /** True for the mapping methods, which need the source domains. */
    public boolean needsSources() {
        return family == Family.MAPPING;
    }

    /** The method named {@code name}, if any. */
    public static Optional<RecMethod> byName(String name) {
        return Arrays.stream(values()).filter(m -> m.configName.equals(name)).findFirst();
    }

    /** The method named {@code name}, or an exception that lists the known names. */
    public static RecMethod named(String name) {
        return byName(name).orElseThrow(() -> new IllegalArgumentException("method: expected one of "
                + names(List.of(values())) + ", found '" + name + "'"));
    }

    /** The config names of {@code methods}, in order. */
    public static List<String> names(List<RecMethod> methods) {
        return methods.stream().map(RecMethod::configName).toList();
    }

    @Override
    public String toString() {
        return configName;
    }
}
