package org.metarec.experiments.study.rec;

import java.util.ArrayList;
import java.util.List;
import org.metarec.algorithms.rec.ColdStartRecommender;
import org.metarec.algorithms.rec.train.Selection;
import org.metarec.algorithms.rec.train.TrialBudget;
import org.metarec.algorithms.train.NonFiniteException;
import org.metarec.core.random.Rng;

/**
 * Random search (Bergstra and Bengio, JMLR 2012) with a budget of validation scorings: a method's trials are
 * the settings scored on the validation users, whatever they are.
 *
 * <p>How a trial is spent: setting 1 is drawn from the space ({@code rng.fork("setting-1")}), the method
 * trains once with it and scores its checkpoints as it goes (after each epoch of pooled training, each
 * {@code validate_every} meta-iterations or mapping steps, each fine-tuning rate or shrinkage scored at a
 * checkpoint); every scoring spends one trial, and training stops when the budget is spent. While trials
 * remain, setting 2 is drawn and trained, and so on. So early stopping, the checkpoint, the fine-tuning rate
 * and the drawn values are all chosen in one budget, equal for every method. A method with an empty space
 * trains once (it may spend fewer trials than the budget: it has nothing else to try). The chosen trial is
 * the one with the lowest mean validation RMSE over every trial, the earliest on ties. A drawn setting whose
 * training diverges (a NaN or infinite loss) keeps the trials it spent, at least one, without a score
 * ({@link #DIVERGED}); the run fails only when every setting diverges.
 *
 * <p>Only validation users decide: the training is given the study's training factory and validation tasks,
 * which never hold a test user's target rating (the factory throws on one).
 */
public final class Tuner {

    /** One training of a drawn setting, limited by the budget. */
    @FunctionalInterface
    public interface Training {
        /**
         * Trains with {@code values} and scores checkpoints until its own end or the budget's.
         *
         * @param values the drawn values (the config's for the others)
         * @param budget the trials left; every scoring spends one
         * @return the chosen checkpoint of this training and every scored one
         */
        Trained train(TunedValues values, TrialBudget budget);
    }

    /** One training of a drawn setting on one fold of k-fold validation, limited by the budget. */
    @FunctionalInterface
    public interface FoldTraining {
        /**
         * Trains with {@code values} on every user but those of fold {@code fold} and scores checkpoints on that
         * fold's users, until its own end or the budget's.
         *
         * @param values the drawn values
         * @param budget the trials left; every scoring spends one
         * @param fold the held-out fold, 0-based
         * @return the chosen checkpoint of this training and every scored one
         */
        Trained train(TunedValues values, TrialBudget budget, int fold);
    }

    /**
     * What a training returns.
     *
     * @param recommender its best checkpoint
     * @param selection every checkpoint it scored and the chosen one
     */
    public record Trained(ColdStartRecommender recommender, Selection selection) {}

    /**
     * One scored setting.
     *
     * @param number 1-based, in the order scored
     * @param setting the 1-based drawn setting it belongs to
     * @param step the checkpoint's training step (epoch, meta-iteration, ...)
     * @param values the drawn values as {@code name=value} pairs ("" when nothing is drawn)
     * @param adaptation the checkpoint's own setting (a fine-tuning rate, a shrinkage pair), or ""
     * @param validationRmse the mean per-user RMSE on the validation users
     * @param chosen whether it was chosen
     * @param foldRmse with k-fold validation, the validation RMSE of each fold (their mean is {@code validationRmse});
     *     empty for the single validation split
     */
    public record Trial(int number, int setting, long step, String values, String adaptation, double validationRmse,
            boolean chosen, List<Double> foldRmse) {

        /** Copies the fold values. */
        public Trial {
            foldRmse = List.copyOf(foldRmse);
        }

        /**
         * A trial of the single validation split (no per-fold values).
         *
         * @param number 1-based, in the order scored
         * @param setting the drawn setting
         * @param step the checkpoint's step
         * @param values the drawn values
         * @param adaptation the checkpoint's own setting
         * @param validationRmse the mean per-user RMSE on the validation users
         * @param chosen whether it was chosen
         */
        public Trial(int number, int setting, long step, String values, String adaptation, double validationRmse,
                boolean chosen) {
            this(number, setting, step, values, adaptation, validationRmse, chosen, List.of());
        }
    }

    /**
     * The result of a search.
     *
     * @param recommender the chosen recommender
     * @param selection every trial as one history (settings prefixed {@code setting-<s>}) and the chosen one
     * @param trials every trial, in order
     * @param refit with k-fold validation, the selection of the final training with the chosen values on the single
     *     split (whose recommender is {@code recommender}); null otherwise
     */
    public record Outcome(ColdStartRecommender recommender, Selection selection, List<Trial> trials, Selection refit) {

        /**
         * The outcome of a search on the single validation split, whose chosen recommender is the chosen trial's.
         *
         * @param recommender the chosen recommender
         * @param selection every trial and the chosen one
         * @param trials every trial
         */
        public Outcome(ColdStartRecommender recommender, Selection selection, List<Trial> trials) {
            this(recommender, selection, trials, null);
        }

        /**
         * The chosen trial.
         *
         * @return it
         */
        public Trial chosen() {
            return trials.stream().filter(Trial::chosen).findFirst().orElseThrow();
        }
    }

    /** The adaptation column of the trials of a drawn setting whose training diverged (a NaN or infinite loss). */
    public static final String DIVERGED = "diverged";

    private Tuner() {
    }

    /**
     * Runs random search.
     *
     * @param space what to draw
     * @param trials the budget, &ge; 1
     * @param rng the search's stream ({@code tuning/<method>/<cell>}); setting s draws from {@code fork("setting-s")}
     * @param training trains one drawn setting
     * @return the chosen recommender and every trial
     */
    public static Outcome randomSearch(SearchSpace space, int trials, Rng rng, Training training) {
        TrialBudget budget = TrialBudget.of(trials);
        List<Selection.Checkpoint> history = new ArrayList<>();
        List<Trial> rows = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<String> adaptations = new ArrayList<>();
        List<Integer> settings = new ArrayList<>();
        ColdStartRecommender best = null;
        int bestIndex = -1;
        NonFiniteException diverged = null;
        for (int s = 1; budget.canScore(); s++) {
            TunedValues drawn = space.isEmpty() ? TunedValues.NONE : space.sample(rng.fork("setting-" + s));
            long before = budget.spent();
            Trained t;
            try {
                t = training.train(drawn, budget);
            } catch (NonFiniteException e) {
                // A drawn rate that diverges is a bad setting, not a failed run: its scorings (at least one, so the
                // search moves on) are trials without a score, and the next setting is drawn.
                diverged = e;
                if (budget.spent() == before) {
                    budget.spend();
                }
                addDiverged(budget.spent() - before, e, s, drawn, history, values, adaptations, settings);
                if (space.isEmpty()) {
                    break;
                }
                continue;
            }
            List<Selection.Checkpoint> scored = t.selection().history();
            if (scored.size() != budget.spent() - before || scored.isEmpty()) {
                throw new IllegalStateException("tuning: expected a training to score at least one checkpoint, each "
                        + "spending one trial, found " + scored.size() + " scored and " + (budget.spent() - before)
                        + " spent");
            }
            int chosenHere = -1;
            for (int i = 0; i < scored.size(); i++) {
                Selection.Checkpoint c = scored.get(i);
                if (c == t.selection().chosen()) {
                    chosenHere = history.size();
                }
                history.add(new Selection.Checkpoint(c.step(), label(s, c.setting()),
                        c.validationRmse()));
                values.add(drawn.describe());
                adaptations.add(c.setting());
                settings.add(s);
            }
            if (chosenHere < 0) {
                throw new IllegalStateException("tuning: expected the chosen checkpoint among the scored ones");
            }
            if (best == null || better(history.get(chosenHere).validationRmse(), history.get(bestIndex).validationRmse())) {
                best = t.recommender();
                bestIndex = chosenHere;
            }
            if (space.isEmpty()) {
                break;   // nothing else to draw: another training would repeat this one
            }
        }
        if (best == null) {
            throw diverged;   // every drawn setting diverged: the run's own failure, naming the step
        }
        for (int i = 0; i < history.size(); i++) {
            Selection.Checkpoint c = history.get(i);
            rows.add(new Trial(i + 1, settings.get(i), c.step(), values.get(i), adaptations.get(i), c.validationRmse(),
                    i == bestIndex));
        }
        return new Outcome(best, new Selection(history, history.get(bestIndex)), rows);
    }

    /**
     * Random search with k-fold validation over the training users ({@code tuning.folds} &ge; 2). Settings are drawn
     * as in {@link #randomSearch} (same streams, so setting s has the same values); each drawn setting trains once per
     * fold, every fold with the trials left, and its j-th scored checkpoint is one trial whose validation RMSE is the
     * mean of the folds' j-th scorings (each fold's own value is kept). The folds of a setting score the same
     * checkpoints (the schedule depends on the settings and the budget, not on the data); a fold that scores a
     * different sequence is an error. The chosen trial is the one with the lowest fold mean, the earliest on ties;
     * a setting that diverges on any fold keeps its trials (at least one, the most any fold spent) without a score.
     * The final model is then trained once more with the chosen setting's values on the single split, as
     * {@link #randomSearch} trains, with a budget of the trials that setting spent: it chooses its checkpoint and
     * adaptation among the same candidates on the split's validation users ({@link Outcome#refit()}). So a drawn
     * setting costs k trainings and the method one more; the budget counts the fold-mean scorings only.
     *
     * @param space what to draw
     * @param trials the budget, &ge; 1
     * @param folds the number of folds, &ge; 2
     * @param rng the search's stream; setting s draws from {@code fork("setting-s")}
     * @param onFold trains one drawn setting on one fold
     * @param refit trains the chosen values on the single split
     * @return the final recommender, every trial, and the final training's selection
     */
    public static Outcome kFoldSearch(SearchSpace space, int trials, int folds, Rng rng, FoldTraining onFold,
            Training refit) {
        if (folds < 2) {
            throw new IllegalArgumentException("tuning.folds: expected at least 2 for k-fold search, found " + folds);
        }
        TrialBudget budget = TrialBudget.of(trials);
        List<Selection.Checkpoint> history = new ArrayList<>();
        List<Trial> rows = new ArrayList<>();
        List<List<Double>> perFold = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<String> adaptations = new ArrayList<>();
        List<Integer> settings = new ArrayList<>();
        int bestIndex = -1;
        TunedValues bestValues = null;
        long bestSpent = 0;
        NonFiniteException diverged = null;
        for (int s = 1; budget.canScore(); s++) {
            TunedValues drawn = space.isEmpty() ? TunedValues.NONE : space.sample(rng.fork("setting-" + s));
            long left = budget.remaining();
            List<Selection> scored = new ArrayList<>();
            long most = 0;
            try {
                for (int f = 0; f < folds; f++) {
                    TrialBudget own = TrialBudget.of(left);
                    try {
                        scored.add(onFold.train(drawn, own, f).selection());
                    } finally {
                        most = Math.max(most, own.spent());
                    }
                }
            } catch (NonFiniteException e) {
                // As in randomSearch: a diverging setting is a bad setting; it keeps its trials without a score.
                diverged = e;
                long n = Math.min(left, Math.max(1, most));
                budget.spend(n);
                addDiverged(n, e, s, drawn, history, values, adaptations, settings);
                for (long k = 0; k < n; k++) {
                    perFold.add(List.of());
                }
                if (space.isEmpty()) {
                    break;
                }
                continue;
            }
            List<Selection.Checkpoint> first = scored.get(0).history();
            for (int f = 0; f < folds; f++) {
                List<Selection.Checkpoint> h = scored.get(f).history();
                boolean same = h.size() == first.size() && !h.isEmpty();
                for (int j = 0; same && j < h.size(); j++) {
                    same = h.get(j).step() == first.get(j).step() && h.get(j).setting().equals(first.get(j).setting());
                }
                if (!same) {
                    throw new IllegalStateException("tuning.folds: expected every fold of setting " + s + " to score the "
                            + "same checkpoints, found " + first.size() + " on fold 1 and " + h.size() + " on fold "
                            + (f + 1));
                }
            }
            budget.spend(first.size());
            for (int j = 0; j < first.size(); j++) {
                List<Double> byFold = new ArrayList<>();
                double sum = 0;
                for (Selection sel : scored) {
                    double v = sel.history().get(j).validationRmse();
                    byFold.add(v);
                    sum += v;
                }
                Selection.Checkpoint c = first.get(j);
                history.add(new Selection.Checkpoint(c.step(), label(s, c.setting()), sum / folds));
                perFold.add(byFold);
                values.add(drawn.describe());
                adaptations.add(c.setting());
                settings.add(s);
                int index = history.size() - 1;
                if (bestIndex < 0 || better(history.get(index).validationRmse(), history.get(bestIndex).validationRmse())) {
                    bestIndex = index;
                    bestValues = drawn;
                    bestSpent = first.size();
                }
            }
            if (space.isEmpty()) {
                break;
            }
        }
        if (bestIndex < 0) {
            throw diverged;
        }
        for (int i = 0; i < history.size(); i++) {
            Selection.Checkpoint c = history.get(i);
            rows.add(new Trial(i + 1, settings.get(i), c.step(), values.get(i), adaptations.get(i), c.validationRmse(),
                    i == bestIndex, perFold.get(i)));
        }
        Trained fin = refit.train(bestValues, TrialBudget.of(bestSpent));
        return new Outcome(fin.recommender(), new Selection(history, history.get(bestIndex)), rows, fin.selection());
    }

    /**
     * Records the {@code n} trials of drawn setting {@code s} whose training diverged: each at the step that diverged,
     * without a score, its adaptation {@link #DIVERGED}.
     */
    private static void addDiverged(long n, NonFiniteException e, int s, TunedValues drawn,
            List<Selection.Checkpoint> history, List<String> values, List<String> adaptations, List<Integer> settings) {
        for (long k = 0; k < n; k++) {
            history.add(new Selection.Checkpoint(e.step(), label(s, DIVERGED), Double.NaN));
            values.add(drawn.describe());
            adaptations.add(DIVERGED);
            settings.add(s);
        }
    }

    /** A trial's setting in the search's history: {@code setting-<s>} and the checkpoint's own setting, if any. */
    private static String label(int s, String setting) {
        return ("setting-" + s + " " + setting).strip();
    }

    /** Strictly lower, or a score against none (NaN, a split without validation users). */
    private static boolean better(double score, double best) {
        return score < best || (Double.isNaN(best) && !Double.isNaN(score));
    }
}
