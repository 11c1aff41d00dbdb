package org.metarec.algorithms.rec.implicit;

import org.metarec.algorithms.meta.TaskLoss;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.model.RecModel;
import org.metarec.autodiff.Functions;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Tensor;

/**
 * The training losses of implicit feedback, on a model's scores {@code s = f(params, u, i)} (logits, not ratings).
 * Both are composed of existing ops ({@link Ops#bceWithLogits}, {@link Ops#softplus}), so their first and second
 * derivatives are the ops' own.
 */
public final class ImplicitLoss {

    private ImplicitLoss() {
    }

    /**
     * Binary cross-entropy with sampled negatives: {@code L = mean_r [softplus(s_r) - y_r s_r] + lambda * penalty}, where
     * a row's label {@code y_r} (the batch's rating column) is 1 for an interaction and 0 for a sampled negative
     * (He et al., "Neural Collaborative Filtering", WWW 2017, eq. 7).
     *
     * @param model the scoring model
     * @param lambda weight of the model's {@link RecModel#penalty}, &ge; 0
     * @return the loss over (user, item, label) rows
     */
    public static TaskLoss<RatingBatch> bce(RecModel model, double lambda) {
        requireWeight(lambda);
        return (params, batch) -> {
            requireRows(model, batch.size());
            Tensor loss = Ops.bceWithLogits(model.apply(params, batch), batch.ratings());
            return withPenalty(loss, model.penalty(params, batch), lambda);
        };
    }

    /**
     * Bayesian personalised ranking: {@code L = mean_r softplus(s(u, j) - s(u, i)) + lambda * (penalty(pos) +
     * penalty(neg)) / 2}, that is {@code -mean ln sigmoid(s_ui - s_uj)} (Rendle et al., "BPR: Bayesian Personalized
     * Ranking from Implicit Feedback", UAI 2009, eq. 4).
     *
     * @param model the scoring model
     * @param lambda weight of the model's {@link RecModel#penalty}, &ge; 0
     * @return the loss over (user, positive, negative) triples
     */
    public static TaskLoss<PairBatch> bpr(RecModel model, double lambda) {
        requireWeight(lambda);
        return (params, batch) -> {
            requireRows(model, batch.size());
            Tensor diff = model.apply(params, batch.negatives()).sub(model.apply(params, batch.positives()));
            Tensor loss = Functions.mean(Ops.softplus(diff));
            if (lambda == 0) {
                return loss;
            }
            Tensor pos = model.penalty(params, batch.positives());
            Tensor neg = model.penalty(params, batch.negatives());
            return pos == null ? loss : withPenalty(loss, pos.add(neg).mul(0.5), lambda);
        };
    }

    private static Tensor withPenalty(Tensor loss, Tensor penalty, double lambda) {
        return lambda == 0 || penalty == null ? loss : loss.add(penalty.mul(lambda));
    }

    private static void requireWeight(double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("implicit loss: expected a weight decay >= 0, found " + lambda);
        }
    }

    private static void requireRows(RecModel model, int n) {
        if (n == 0) {
            throw new IllegalArgumentException("implicit loss of " + model.name() + ": expected at least one row, found "
                    + "an empty batch");
        }
    }
}
