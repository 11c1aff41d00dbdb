package org.metarec.experiments.study.implicit;

import java.util.function.IntFunction;
import org.metarec.algorithms.meta.InnerLoop;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.SlotMode;
import org.metarec.algorithms.rec.implicit.BprTraining;
import org.metarec.algorithms.rec.implicit.ImplicitBatches;
import org.metarec.algorithms.rec.implicit.ImplicitLoss;
import org.metarec.algorithms.rec.model.RecModel;
import org.metarec.algorithms.rec.model.RatingLoss;
import org.metarec.autodiff.Params;
import org.metarec.core.data.NegativeSampler;

/**
 * A ranker of a model's parameters (matrix factorisation, NeuMF): pooled parameters (one user row per user, the cold user's own row) or
 * cold-start ones (one row, the learned initialisation); with support, the user's local parameters take
 * {@code steps} SGD steps of binary cross-entropy on its support interactions plus sampled negatives.
 */
final class MfRanker implements ColdRanker {

    /** How a cold user adapts: none, or {@code steps} steps of {@code adapt}. */
    @FunctionalInterface
    interface Adaptation {
        /**
         * The user's parameters after adapting on {@code support} (cold-start form).
         *
         * @param start the user's starting parameters
         * @param support the support batch (positives and negatives)
         * @return the adapted parameters
         */
        Params adapt(Params start, RatingBatch support);
    }

    private final RecModel model;
    private final IntFunction<Params> startOf;
    private final ImplicitBatches batches;
    private final NegativeSampler negatives;
    private final int negativesPerPositive;
    private final int target;
    private final Adaptation adaptation;

    MfRanker(RecModel model, Params params, boolean pooled, ImplicitBatches batches, NegativeSampler negatives,
             int negativesPerPositive, int target, Adaptation adaptation) {
        this(model, startOf(model, params.detach(), pooled), batches, negatives, negativesPerPositive, target, adaptation);
    }

    /**
     * A ranker whose cold user starts from its own cold-start parameters, e.g. factors transferred from the source.
     *
     * @param startOf per user, its starting parameters in the cold-start form
     */
    MfRanker(RecModel model, IntFunction<Params> startOf, ImplicitBatches batches,
             NegativeSampler negatives, int negativesPerPositive, int target, Adaptation adaptation) {
        this.model = model;
        this.startOf = startOf;
        this.batches = batches;
        this.negatives = negatives;
        this.negativesPerPositive = negativesPerPositive;
        this.target = target;
        this.adaptation = adaptation;
    }

    private static IntFunction<Params> startOf(RecModel model, Params params, boolean pooled) {
        return pooled ? user -> BprTraining.userForm(model, params, user) : user -> params;
    }

    /** Fine-tuning by SGD on the local parameters (user vector and bias), as a pooled model's cold user adapts. */
    static Adaptation fineTuning(RecModel model, double weightDecay, int steps, double lr) {
        InnerLoop<RatingBatch> inner = new InnerLoop<>(ImplicitLoss.bce(model, weightDecay), model.localParams());
        return (start, support) -> steps == 0 || lr == 0 ? start
                : inner.run(start.asVariables(), support, steps, lr, false).detach();
    }

    @Override
    public org.metarec.core.metrics.ItemScorer adapt(int user, int[] support) {
        Params start = startOf.apply(user);
        Params phi = start;
        if (support.length > 0) {
            int[] neg = new int[support.length * negativesPerPositive];
            for (int k = 0; k < support.length; k++) {
                int[] drawn = negatives.sample(user, negativesPerPositive, support[k]);
                System.arraycopy(drawn, 0, neg, k * negativesPerPositive, negativesPerPositive);
            }
            phi = adaptation.adapt(start, batches.labelled(support, neg, SlotMode.SINGLE));
        }
        Params fixed = phi.detach();
        return (u, items) -> RatingLoss.predict(model, fixed, batches.candidates(u, 0, target, items));
    }
}
