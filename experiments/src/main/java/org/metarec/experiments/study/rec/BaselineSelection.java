package org.metarec.experiments.study.rec;

import java.util.Locale;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.ColdStartRecommender;
import org.metarec.algorithms.rec.TaskEvaluator;
import org.metarec.algorithms.rec.baseline.GlobalMean;
import org.metarec.algorithms.rec.baseline.ItemBias;
import org.metarec.algorithms.rec.baseline.TransferBias;
import org.metarec.algorithms.rec.train.BestSoFar;
import org.metarec.core.data.Interactions;

/**
 * The closed-form baselines of the studies, fitted on training rows and scored on the validation users:
 * {@code global_mean} (nothing to choose), {@code item_bias} (its two shrinkages chosen on a 3 x 3 grid of
 * 1, 5 and 25 pseudo-ratings) and {@code transfer_bias} (its item shrinkage and user damping on the same grid).
 */
public final class BaselineSelection {

    private BaselineSelection() {
    }

    /**
     * The global mean of the rows, scored once.
     *
     * @param data the interactions
     * @param rows the training rows it averages
     * @param validation scores it on the validation users
     * @param pool runs validation tasks in parallel
     * @return the baseline and its (single) validation score
     */
    public static BestSoFar<ColdStartRecommender> globalMean(Interactions data, int[] rows, TaskEvaluator validation,
            TaskPool pool) {
        GlobalMean gm = GlobalMean.fit(data, rows);
        BestSoFar<ColdStartRecommender> best = BestSoFar.create();
        best.offer(0, "", validation.meanRmse(gm, pool), gm);
        return best;
    }

    /**
     * The item-bias baseline with the shrinkages that score best on the validation users.
     *
     * @param data the interactions
     * @param rows the training rows of its item biases
     * @param validation scores each setting on the validation users
     * @param pool runs validation tasks in parallel
     * @return the chosen baseline and the scores of all nine settings
     */
    public static BestSoFar<ColdStartRecommender> itemBias(Interactions data, int[] rows, TaskEvaluator validation,
            TaskPool pool) {
        BestSoFar<ColdStartRecommender> best = BestSoFar.create();
        for (double li : new double[] {1, 5, 25}) {
            for (double lu : new double[] {1, 5, 25}) {
                ItemBias ib = ItemBias.fit(data, rows, li, lu);
                best.offer(0, String.format(Locale.ROOT, "lambdaItem=%g lambdaUser=%g", li, lu),
                        validation.meanRmse(ib, pool), ib);
            }
        }
        return best;
    }

    /**
     * The transfer-bias baseline with the item shrinkage and user damping that score best on the validation users
     * (the same 3 x 3 grid as {@link #itemBias}).
     *
     * @param data the interactions
     * @param targetRows the target domain's training rows
     * @param sourceRows the source domains' training rows (empty: the item-bias baseline with its grid)
     * @param validation scores each setting on the validation users
     * @param pool runs validation tasks in parallel
     * @return the chosen baseline and the scores of all nine settings
     */
    public static BestSoFar<ColdStartRecommender> transferBias(Interactions data, int[] targetRows, int[] sourceRows,
            TaskEvaluator validation, TaskPool pool) {
        BestSoFar<ColdStartRecommender> best = BestSoFar.create();
        for (double li : new double[] {1, 5, 25}) {
            for (double lu : new double[] {1, 5, 25}) {
                TransferBias tb = TransferBias.fit(data, targetRows, sourceRows, li, lu);
                best.offer(0, String.format(Locale.ROOT, "lambdaItem=%g lambdaUser=%g", li, lu),
                        validation.meanRmse(tb, pool), tb);
            }
        }
        return best;
    }
}
