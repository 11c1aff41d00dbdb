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
     */
    public record Trial(int number, int setting, long step, String values, String adaptation, double validationRmse,
            boolean chosen) {}

    /**
     * The result of a search.
     *
     * @param recommender the chosen recommender
     * @param selection every trial as one history (settings prefixed {@code setting-<s>}) and the chosen one
     * @param trials every trial, in order
     */
    public record Outcome(ColdStartRecommender recommender, Selection selection, List<Trial> trials) {

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
                for (long k = before; k < budget.spent(); k++) {
                    history.add(new Selection.Checkpoint(e.step(), ("setting-" + s + " " + DIVERGED).strip(), Double.NaN));
                    values.add(drawn.describe());
                    adaptations.add(DIVERGED);
                    settings.add(s);
                }
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
                history.add(new Selection.Checkpoint(c.step(), ("setting-" + s + " " + c.setting()).strip(),
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

    /** Strictly lower, or a score against none (NaN, a split without validation users). */
    private static boolean better(double score, double best) {
        return score < best || (Double.isNaN(best) && !Double.isNaN(score));
    }
}
