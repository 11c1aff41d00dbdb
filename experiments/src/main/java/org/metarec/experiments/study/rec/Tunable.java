package org.metarec.experiments.study.rec;

import java.util.Arrays;
import java.util.List;

/**
 * A setting that a {@code tuning} search space may draw, named as in the config ({@code inner_lr}), with the
 * config value it replaces and the methods that read it. A drawn value replaces the config's value for one
 * trial of one method; settings that the space does not draw keep their config values.
 */
public enum Tunable {

    /** The inner learning rate: {@code meta.inner_lr} ({@code meta.reptile.inner_lr} for Reptile). */
    INNER_LR("inner_lr", false, "the inner learning rate `meta.inner_lr` (Reptile: `meta.reptile.inner_lr`)"),
    /** The meta-learners' outer Adam rate: {@code optimizer.lr}. */
    META_LR("meta_lr", false, "the outer Adam rate `optimizer.lr`"),
    /** The meta-learners' outer steps: {@code budget.meta_iterations}. */
    META_ITERATIONS("meta_iterations", true, "the outer steps `budget.meta_iterations`"),
    /** Adam's rate in pooled training: {@code <kind>.pooled_lr}. */
    POOLED_LR("pooled_lr", false, "Adam's rate in pooled training `pooled_lr`"),
    /** Epochs of pooled training: {@code <kind>.pooled_epochs}. */
    POOLED_EPOCHS("pooled_epochs", true, "the epochs of pooled training `pooled_epochs`"),
    /** One fine-tuning rate, in place of the grid {@code <kind>.fine_tune_lrs}. */
    FINE_TUNE_LR("fine_tune_lr", false, "one fine-tuning rate in place of the grid `fine_tune_lrs` (0: none)"),
    /** The L2 penalty of the training loss: {@code <kind>.weight_decay}. */
    WEIGHT_DECAY("weight_decay", false, "the L2 penalty `weight_decay`"),
    /** item_bias's shrinkage of item biases, in pseudo-ratings (the grid 1, 5, 25 otherwise). */
    ITEM_SHRINKAGE("item_shrinkage", false, "the item-bias shrinkage in pseudo-ratings (otherwise the grid 1, 5, 25)"),
    /** item_bias's shrinkage of user biases, in pseudo-ratings (the grid 1, 5, 25 otherwise). */
    USER_SHRINKAGE("user_shrinkage", false, "the user-bias shrinkage in pseudo-ratings (otherwise the grid 1, 5, 25)"),
    /** Adam's rate of a learned transfer (EMCDR's mapping, PTUPCDR's bridge); the implicit kind's {@code mapping_lr}. */
    MAPPING_LR("mapping_lr", false, "Adam's rate of the mapping and the bridge `mapping_lr`"),
    /** Adam steps of a learned transfer; the implicit kind's {@code mapping_iterations}. */
    MAPPING_ITERATIONS("mapping_iterations", true, "the steps of the mapping and the bridge `mapping_iterations`");

    private final String configName;
    private final boolean integer;
    private final String replaces;

    Tunable(String configName, boolean integer, String replaces) {
        this.configName = configName;
        this.integer = integer;
        this.replaces = replaces;
    }

    /** The name a search space uses. */
    public String configName() {
        return configName;
    }

    /** Whether the values are whole numbers. */
    public boolean integer() {
        return integer;
    }

    /** What a drawn value replaces, for the docs. */
    public String replaces() {
        return replaces;
    }

    /**
     * The settings {@code method} reads, so the only ones its space may draw.
     *
     * @param method the method
     * @return the settings, in declaration order
     */
    public static List<Tunable> readBy(RecMethod method) {
        return switch (method.family()) {
            case META -> List.of(INNER_LR, META_LR, META_ITERATIONS, WEIGHT_DECAY);
            case COLD_START_META -> List.of(INNER_LR, META_LR, META_ITERATIONS);
            case POOLED, MAPPING -> List.of(POOLED_LR, POOLED_EPOCHS, FINE_TUNE_LR, WEIGHT_DECAY);
            case CLOSED_FORM -> method == RecMethod.ITEM_BIAS || method == RecMethod.TRANSFER_BIAS
                    ? List.of(ITEM_SHRINKAGE, USER_SHRINKAGE) : List.of();
        };
    }

    /**
     * The setting named {@code name}.
     *
     * @param name a config name
     * @return the setting
     * @throws IllegalArgumentException for an unknown name
     */
    public static Tunable named(String name) {
        return Arrays.stream(values()).filter(t -> t.configName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("tunable: expected one of "
                        + Arrays.stream(values()).map(Tunable::configName).toList() + ", found '" + name + "'"));
    }

    @Override
    public String toString() {
        return configName;
    }
}
