package org.metarec.algorithms.rec.baseline;

import java.util.Locale;
import org.metarec.algorithms.meta.TaskLoss;
import org.metarec.algorithms.rec.ColdStartRecommender;
import org.metarec.algorithms.rec.GradientRecommender;
import org.metarec.algorithms.rec.TaskEvaluator;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.UserContext;
import org.metarec.algorithms.rec.model.RecModel;
import org.metarec.algorithms.rec.model.UserTables;
import org.metarec.algorithms.rec.train.BestSoFar;
import org.metarec.algorithms.rec.train.FineTuning;
import org.metarec.algorithms.rec.train.PooledTraining;
import org.metarec.algorithms.rec.train.Selection;
import org.metarec.algorithms.rec.train.TrainingContext;
import org.metarec.autodiff.Params;

/**
 * "Pretrain, then fine-tune": ordinary training of the model on pooled rows (one user-table row per
 * user), then, for a cold-start user, SGD on their K support ratings starting from their own trained
 * row (a test user's row was trained on their source-domain ratings: collective factorisation with
 * shared user factors) or, for a user the rows never mention, from the average row. With the rows of
 * all domains this is the {@code pretrained} baseline; with the target domain's rows alone and no
 * profile it is {@code target_only}.
 *
 * <p>The epoch and the fine-tuning rate (0 = none) are chosen together on the validation users; each
 * (epoch, rate) scored spends one trial of the context's {@link org.metarec.algorithms.rec.train.TrialBudget},
 * and training stops when none is left.
 */
public final class PooledFineTuning {

    /**
     * The outcome.
     *
     * @param recommender the chosen recommender
     * @param selection the validation history
     */
    public record Result(ColdStartRecommender recommender, Selection selection) {}

    private PooledFineTuning() {
    }

    /**
     * Trains and selects: after every epoch, each fine-tuning rate is scored on the validation users.
     *
     * @param method the method's name (pretrained or target_only)
     * @param model the model
     * @param loss its training loss
     * @param factory builds the training batches
     * @param rows the pooled training rows
     * @param pooled epochs, minibatch size and Adam's rate
     * @param fineTune fine-tuning steps and candidate rates
     * @param ctx streams {@code init} and {@code pooled-order}, the pool and the validation users
     * @return the chosen recommender
     */
    public static Result train(String method, RecModel model, TaskLoss<RatingBatch> loss, BatchFactory factory,
            int[] rows, PooledTraining.Settings pooled, FineTuning fineTune, TrainingContext ctx) {
        return train(method, model, loss, factory, rows, pooled, fineTune, ctx, true);
    }

    /**
     * As {@link #train(String, RecModel, TaskLoss, BatchFactory, int[], PooledTraining.Settings, FineTuning,
     * TrainingContext)}, with the choice of where a cold user starts: from their own trained row (the
     * {@code pretrained} baseline), or, with {@code personalRows} false, from the average row for everyone, so
     * that what tells users apart is their profile alone (the per-user rows are trained, never read at test time).
     *
     * @param method the method's name
     * @param model the model
     * @param loss its training loss
     * @param factory builds the training batches
     * @param rows the pooled training rows
     * @param pooled epochs, minibatch size and Adam's rate
     * @param fineTune fine-tuning steps and candidate rates
     * @param ctx streams {@code init} and {@code pooled-order}, the pool and the validation users
     * @param personalRows whether a user starts from their own trained row
     * @return the chosen recommender
     */
    public static Result train(String method, RecModel model, TaskLoss<RatingBatch> loss, BatchFactory factory,
            int[] rows, PooledTraining.Settings pooled, FineTuning fineTune, TrainingContext ctx,
            boolean personalRows) {
        int users = factory.data().userCount();
        boolean[] trained = new boolean[users];
        for (int r : rows) {
            trained[factory.data().user(r)] = true;
        }
        Params init = model.initPooled(ctx.rng("init"), users);
        BestSoFar<ColdStartRecommender> best = BestSoFar.preferLatestWhenUnscored(ctx.trials());
        TaskEvaluator validation = ctx.validation();
        PooledTraining.train(loss, init, factory, rows, pooled, ctx.rng("pooled-order"), (epoch, params) -> {
            UserTables tables = new UserTables(model, params, trained);
            for (double lr : validation.scorable(fineTune.lrs())) {
                if (!best.canScore()) {
                    break;
                }
                ColdStartRecommender rec = new GradientRecommender(method, model,
                        user -> tables.forUser(personalRows ? user.user() : UserContext.NEW_USER),
                        GradientRecommender.sgd(loss, model.localParams(), lr, fineTune.steps()));
                best.offer(epoch, String.format(Locale.ROOT, "fineTuneLr=%g", lr),
                        validation.meanRmse(rec, ctx.pool()), rec);
            }
        }, () -> !best.canScore());
        return new Result(best.value(), best.selection());
    }
}
