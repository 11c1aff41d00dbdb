package org.metarec.algorithms.rec.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the checkpoint with the lowest validation score seen so far (earliest on ties; NaN scores,
 * when there are no validation users, count as ties so the first checkpoint offered is kept unless
 * {@link #preferLatestWhenUnscored} is set), together with whatever it stands for. Every offer spends one
 * trial of its {@link TrialBudget}; training loops ask {@link #canScore()} before scoring the next setting.
 *
 * @param <T> what a checkpoint holds (parameters, a recommender)
 */
public final class BestSoFar<T> {

    private final List<Selection.Checkpoint> history = new ArrayList<>();
    private final boolean latestWhenUnscored;
    private final TrialBudget budget;
    private Selection.Checkpoint best;
    private T bestValue;

    private BestSoFar(boolean latestWhenUnscored, TrialBudget budget) {
        this.latestWhenUnscored = latestWhenUnscored;
        this.budget = budget;
    }

    /**
     * A tracker that keeps the first of equal scores.
     *
     * @param <T> the held type
     * @return a new tracker
     */
    public static <T> BestSoFar<T> create() {
        return create(TrialBudget.unlimited());
    }

    /**
     * A tracker that keeps the first of equal scores and spends {@code budget}.
     *
     * @param budget the trials its offers spend
     * @param <T> the held type
     * @return a new tracker
     */
    public static <T> BestSoFar<T> create(TrialBudget budget) {
        return new BestSoFar<>(false, budget);
    }

    /**
     * A tracker that, without validation users (NaN scores), keeps the latest checkpoint: the end of
     * training, which is what a run without model selection would report.
     *
     * @param <T> the held type
     * @return a new tracker
     */
    public static <T> BestSoFar<T> preferLatestWhenUnscored() {
        return preferLatestWhenUnscored(TrialBudget.unlimited());
    }

    /**
     * {@link #preferLatestWhenUnscored()} spending {@code budget}.
     *
     * @param budget the trials its offers spend
     * @param <T> the held type
     * @return a new tracker
     */
    public static <T> BestSoFar<T> preferLatestWhenUnscored(TrialBudget budget) {
        return new BestSoFar<>(true, budget);
    }

    /**
     * Whether the budget allows scoring another setting.
     *
     * @return true while trials remain
     */
    public boolean canScore() {
        return budget.canScore();
    }

    /**
     * Records a checkpoint and keeps it if it is the best so far.
     *
     * @param step the training step
     * @param setting the adaptation setting scored
     * @param score the validation RMSE (lower is better)
     * @param value what the checkpoint holds
     * @return true if it became the best
     * @throws IllegalStateException when the budget is spent
     */
    public boolean offer(long step, String setting, double score, T value) {
        budget.spend();
        Selection.Checkpoint c = new Selection.Checkpoint(step, setting, score);
        history.add(c);
        boolean better = best == null
                || (Double.isNaN(score) ? latestWhenUnscored : score < best.validationRmse()
                        || Double.isNaN(best.validationRmse()));
        if (better) {
            best = c;
            bestValue = value;
        }
        return better;
    }

    /**
     * What the best checkpoint holds.
     *
     * @return the value
     * @throws IllegalStateException before the first offer
     */
    public T value() {
        if (best == null) {
            throw new IllegalStateException("selection: expected at least one checkpoint, found none");
        }
        return bestValue;
    }

    /**
     * The selection so far.
     *
     * @return the history and the chosen checkpoint
     */
    public Selection selection() {
        if (best == null) {
            throw new IllegalStateException("selection: expected at least one checkpoint, found none");
        }
        return new Selection(history, best);
    }
}
