package org.metarec.experiments.study.rec;

import java.util.Locale;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.ColdStartRecommender;
import org.metarec.algorithms.rec.TaskEvaluator;
import org.metarec.algorithms.rec.baseline.GlobalMean;
import org.metarec.algorithms.rec.baseline.ItemBias;
import org.metarec.algorithms.rec.baseline.TransferBias;
import org.metarec.algorithms.rec.train.BestSoFar;
import org.metarec.algorithms.rec.train.TrialBudget;
import org.metarec.core.data.Interactions;

/**
 * The closed-form baselines of the studies, fitted on training rows and scored on the validation users:
 * {@code global_mean} (nothing to choose), {@code item_bias} (its two shrinkages chosen on a grid, by default
 * 3 x 3 of 1, 5 and 25 pseudo-ratings; under tuning, the drawn pair) and {@code transfer_bias} (its item shrinkage
 * and user damping on the same grid). Every scoring spends one trial.
 */
public final class BaselineSelection {

    /**
     * The item_bias shrinkages to score: every pair of an item and a user shrinkage.
     *
     * @param item item-bias shrinkages in pseudo-ratings, at least one, each &ge; 0
     * @param user user-bias shrinkages in pseudo-ratings, at least one, each &ge; 0
     */
    public record Shrinkages(double[] item, double[] user) {

        /** The default grid: 1, 5 and 25 pseudo-ratings for each. */
        public static final Shrinkages DEFAULT = new Shrinkages(new double[] {1, 5, 25}, new double[] {1, 5, 25});

        /** Validates and copies. */
        public Shrinkages {
            if (item == null || user == null || item.length == 0 || user.length == 0
                    || java.util.stream.DoubleStream.concat(java.util.Arrays.stream(item), java.util.Arrays.stream(user))
                            .anyMatch(x -> !(x >= 0) || !Double.isFinite(x))) {
                throw new IllegalArgumentException("item_bias shrinkages: expected at least one item and one user "
                        + "shrinkage, each >= 0");
            }
            item = item.clone();
            user = user.clone();
        }

        /** The item shrinkages (a copy). */
        @Override
        public double[] item() {
            return item.clone();
        }

        /** The user shrinkages (a copy). */
        @Override
        public double[] user() {
            return user.clone();
        }
    }

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
        return globalMean(data, rows, validation, pool, TrialBudget.unlimited());
    }

    /**
     * The global mean of the rows, scored once (one trial).
     *
     * @param data the interactions
     * @param rows the training rows it averages
     * @param validation scores it on the validation users
     * @param pool runs validation tasks in parallel
     * @param budget the trials (one is spent)
     * @return the baseline and its (single) validation score
     */
    public static BestSoFar<ColdStartRecommender> globalMean(Interactions data, int[] rows, TaskEvaluator validation,
            TaskPool pool, TrialBudget budget) {
        GlobalMean gm = GlobalMean.fit(data, rows);
        BestSoFar<ColdStartRecommender> best = BestSoFar.create(budget);
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
        return itemBias(data, rows, validation, pool, Shrinkages.DEFAULT, TrialBudget.unlimited());
    }

    /**
     * The item-bias baseline with the shrinkages of {@code grid} that score best on the validation users, scoring
     * pairs in grid order while the budget lasts.
     *
     * @param data the interactions
     * @param rows the training rows of its item biases
     * @param validation scores each setting on the validation users
     * @param pool runs validation tasks in parallel
     * @param grid the shrinkages to score
     * @param budget the trials (one per pair scored)
     * @return the chosen baseline and the scores of the pairs scored
     */
    public static BestSoFar<ColdStartRecommender> itemBias(Interactions data, int[] rows, TaskEvaluator validation,
            TaskPool pool, Shrinkages grid, TrialBudget budget) {
        BestSoFar<ColdStartRecommender> best = BestSoFar.create(budget);
        for (double li : grid.item()) {
            for (double lu : grid.user()) {
                if (!best.canScore()) {
                    return best;
                }
                ItemBias ib = ItemBias.fit(data, rows, li, lu);
                best.offer(0, String.format(Locale.ROOT, "lambdaItem=%g lambdaUser=%g", li, lu),
                        validation.meanRmse(ib, pool), ib);
            }
        }
        return best;
    }

    /**
     * The transfer-bias baseline with the item shrinkage and user damping that score best on the validation users
     * (the pairs of {@code grid}, by default the same 3 x 3 grid as {@link #itemBias}; under tuning, the drawn pair),
     * in grid order while the budget lasts.
     *
     * @param data the interactions
     * @param targetRows the target domain's training rows
     * @param sourceRows the source domains' training rows (empty: the item-bias baseline with its grid)
     * @param validation scores each setting on the validation users
     * @param pool runs validation tasks in parallel
     * @param grid the item shrinkages and user dampings to pair
     * @param budget the trials (one per pair scored)
     * @return the chosen baseline and the scores of the settings scored
     */
    public static BestSoFar<ColdStartRecommender> transferBias(Interactions data, int[] targetRows, int[] sourceRows,
            TaskEvaluator validation, TaskPool pool, Shrinkages grid, TrialBudget budget) {
        BestSoFar<ColdStartRecommender> best = BestSoFar.create(budget);
        for (double li : grid.item()) {
            for (double lu : grid.user()) {
                if (!best.canScore()) {
                    return best;
                }
                TransferBias tb = TransferBias.fit(data, targetRows, sourceRows, li, lu);
                best.offer(0, String.format(Locale.ROOT, "lambdaItem=%g lambdaUser=%g", li, lu),
                        validation.meanRmse(tb, pool), tb);
            }
        }
        return best;
    }
}
