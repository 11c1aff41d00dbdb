package org.metarec.algorithms.rec.baseline;

import java.util.Locale;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.meta.TaskLoss;
import org.metarec.algorithms.rec.ColdStartRecommender;
import org.metarec.algorithms.rec.GradientRecommender;
import org.metarec.algorithms.rec.TaskEvaluator;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.model.RecModel;
import org.metarec.algorithms.rec.model.UserTables;
import org.metarec.algorithms.rec.train.BestSoFar;
import org.metarec.algorithms.rec.train.PooledTraining;
import org.metarec.algorithms.rec.train.Selection;
import org.metarec.autodiff.Params;
import org.metarec.core.random.Rng;

/**
 * "Pretrain, then fine-tune": ordinary training of the model on pooled rows (one user-table row per
 * user), then, for a cold-start user, SGD on their K support ratings starting from their own trained
 * row (a test user's row was trained on their source-domain ratings: collective factorisation with
 * shared user factors) or, for a user the rows never mention, from the average row. With the rows of
 * all domains this is the {@code pretrained} baseline; with the target domain's rows alone and no
 * profile it is {@code target_only}.
 *
 * <p>The epoch and the fine-tuning rate (0 = none) are chosen together on the validation users.
 */
public final class PooledFineTuning {

    /**
     * Settings.
     *
     * @param epochs pooled epochs
     * @param batchSize rows per minibatch
     * @param lr Adam's rate
     * @param fineTuneSteps SGD steps on the support set
     * @param fineTuneLrs the candidate fine-tuning rates
     */
    public record Settings(int epochs, int batchSize, double lr, int fineTuneSteps, double[] fineTuneLrs) {
        /** Copies the rates. */
        public Settings {
            fineTuneLrs = fineTuneLrs.clone();
        }

        /** The candidate rates (a copy). */
        @Override
        public double[] fineTuneLrs() {
            return fineTuneLrs.clone();
        }
    }

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
     * Trains and selects.
     *
     * @param method the method's name (pretrained or target_only)
     * @param model the model
     * @param loss its training loss
     * @param factory builds the training batches
     * @param rows the pooled training rows
     * @param s the settings
     * @param seed the run's seed: streams {@code crossdomain/init} and {@code crossdomain/pooled-order}
     * @param pool runs validation tasks in parallel
     * @param validation scores checkpoints on the validation users
     * @return the chosen recommender
     */
    public static Result train(String method, RecModel model, TaskLoss<RatingBatch> loss, BatchFactory factory,
            int[] rows, Settings s, long seed, TaskPool pool, TaskEvaluator validation) {
        int users = factory.data().userCount();
        boolean[] trained = new boolean[users];
        for (int r : rows) {
            trained[factory.data().user(r)] = true;
        }
        Params init = model.initPooled(Rng.derive(seed, "crossdomain/init"), users);
        BestSoFar<ColdStartRecommender> best = BestSoFar.preferLatestWhenUnscored();
        PooledTraining.train(loss, init, factory, rows, s.epochs(), s.batchSize(), s.lr(),
                Rng.derive(seed, "crossdomain/pooled-order"), (epoch, params) -> {
                    UserTables tables = new UserTables(model, params, trained);
                    for (double lr : validation.scorable(s.fineTuneLrs())) {
                        ColdStartRecommender rec = new GradientRecommender(method, model,
                                user -> tables.forUser(user.user()),
                                GradientRecommender.sgd(loss, model.localParams(), lr, s.fineTuneSteps()));
                        best.offer(epoch, String.format(Locale.ROOT, "fineTuneLr=%g", lr),
                                validation.meanRmse(rec, pool), rec);
                    }
                });
        return new Result(best.value(), best.selection());
    }
}
