package org.metarec.algorithms.meta;

import java.util.List;
import java.util.function.BinaryOperator;

/**
 * What a {@link MetaMethod} needs to build its learner for a model.
 *
 * @param loss the model's loss {@code L(params, batch)}
 * @param innerLr alpha, the inner learning rate (Meta-SGD: the value its learned rates start from;
 *     the pretrained baseline: its fine-tuning rate)
 * @param innerSteps inner steps during meta-training
 * @param adapted names of the parameters the inner loop adapts, null for all (ANIL: the head)
 * @param batches the batch each inner step takes from the support set (Reptile's minibatches)
 * @param concat joins two batches; lets Reptile and the pretrained baseline train on a task's support and
 *     query sets together; null when the study has no such operation (Reptile then trains on the support set)
 * @param mamlpp MAML++'s switches (null: {@link MAMLPlusPlus.Switches#DEFAULT})
 * @param imaml implicit MAML's lambda and conjugate-gradient budget (null: {@link ImplicitMAML.Settings#DEFAULT})
 * @param <B> the batch type
 */
public record MetaLearnerSettings<B>(TaskLoss<B> loss, double innerLr, int innerSteps, List<String> adapted,
        InnerLoop.Batches<B> batches, BinaryOperator<B> concat, MAMLPlusPlus.Switches mamlpp,
        ImplicitMAML.Settings imaml) {

    /** Settings with the default MAML++ and iMAML settings. */
    public MetaLearnerSettings(TaskLoss<B> loss, double innerLr, int innerSteps, List<String> adapted,
                               InnerLoop.Batches<B> batches, BinaryOperator<B> concat) {
        this(loss, innerLr, innerSteps, adapted, batches, concat, null, null);
    }

    /** Requires a loss and steps &ge; 0; full batches and default MAML++/iMAML settings when none are given; copies the names. */
    public MetaLearnerSettings {
        if (loss == null) {
            throw new IllegalArgumentException("meta-learner settings: expected a loss, found none");
        }
        if (innerSteps < 0) {
            throw new IllegalArgumentException("meta-learner settings: inner steps must be >= 0, found " + innerSteps);
        }
        adapted = adapted == null ? null : List.copyOf(adapted);
        batches = batches == null ? InnerLoop.Batches.fullBatch() : batches;
        mamlpp = mamlpp == null ? MAMLPlusPlus.Switches.DEFAULT : mamlpp;
        imaml = imaml == null ? ImplicitMAML.Settings.DEFAULT : imaml;
    }

    /** Full-batch settings over every parameter, with no way to join batches (the reference cases). */
    public static <B> MetaLearnerSettings<B> of(TaskLoss<B> loss, double innerLr, int innerSteps) {
        return new MetaLearnerSettings<>(loss, innerLr, innerSteps, null, null, null);
    }

    /** These settings with other adapted parameters (null: all). */
    public MetaLearnerSettings<B> withAdapted(List<String> names) {
        return new MetaLearnerSettings<>(loss, innerLr, innerSteps, names, batches, concat, mamlpp, imaml);
    }

    /** These settings with another number of inner steps. */
    public MetaLearnerSettings<B> withInnerSteps(int steps) {
        return new MetaLearnerSettings<>(loss, innerLr, steps, adapted, batches, concat, mamlpp, imaml);
    }

    /** These settings with another inner learning rate. */
    public MetaLearnerSettings<B> withInnerLr(double lr) {
        return new MetaLearnerSettings<>(loss, lr, innerSteps, adapted, batches, concat, mamlpp, imaml);
    }

    /** These settings with other inner-step batches. */
    public MetaLearnerSettings<B> withBatches(InnerLoop.Batches<B> b) {
        return new MetaLearnerSettings<>(loss, innerLr, innerSteps, adapted, b, concat, mamlpp, imaml);
    }

    /** These settings with a way to join batches. */
    public MetaLearnerSettings<B> withConcat(BinaryOperator<B> c) {
        return new MetaLearnerSettings<>(loss, innerLr, innerSteps, adapted, batches, c, mamlpp, imaml);
    }

    /** These settings with other MAML++ switches. */
    public MetaLearnerSettings<B> withMamlpp(MAMLPlusPlus.Switches switches) {
        return new MetaLearnerSettings<>(loss, innerLr, innerSteps, adapted, batches, concat, switches, imaml);
    }

    /** These settings with other iMAML settings. */
    public MetaLearnerSettings<B> withImaml(ImplicitMAML.Settings settings) {
        return new MetaLearnerSettings<>(loss, innerLr, innerSteps, adapted, batches, concat, mamlpp, settings);
    }
}
