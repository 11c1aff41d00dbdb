package org.metarec.algorithms.rec.train;

/**
 * How many more settings may be scored on the validation users: every scoring of a checkpoint, an epoch, a
 * fine-tuning rate or a shrinkage is one trial, whatever it stands for, so early stopping, checkpoint choice
 * and adaptation settings all come out of one budget. {@link BestSoFar} spends a trial per offer, and the
 * training loops stop as soon as nothing is left (a loop never trains on past its last scorable checkpoint).
 *
 * <p>Not thread-safe: selection offers checkpoints one at a time (the scoring itself may run in parallel).
 */
public final class TrialBudget {

    private final long limit;
    private long spent;

    private TrialBudget(long limit) {
        this.limit = limit;
    }

    /**
     * A budget that never runs out: the selection of a study without tuning.
     *
     * @return a new budget
     */
    public static TrialBudget unlimited() {
        return new TrialBudget(Long.MAX_VALUE);
    }

    /**
     * A budget of {@code trials} scorings.
     *
     * @param trials the number of scorings allowed, &ge; 1
     * @return a new budget
     */
    public static TrialBudget of(long trials) {
        if (trials < 1) {
            throw new IllegalArgumentException("trial budget: expected at least 1 trial, found " + trials);
        }
        return new TrialBudget(trials);
    }

    /**
     * Whether another setting may be scored.
     *
     * @return true while trials remain
     */
    public boolean canScore() {
        return spent < limit;
    }

    /**
     * Spends one trial.
     *
     * @throws IllegalStateException when none is left
     */
    public void spend() {
        if (!canScore()) {
            throw new IllegalStateException("trial budget: expected a trial left to score a setting, found all "
                    + limit + " spent");
        }
        spent++;
    }

    /**
     * Spends {@code n} trials at once: a step that scored several settings elsewhere (a stage trained on its own
     * budget, the folds of one setting) charges them here.
     *
     * @param n the trials to spend, &ge; 0
     * @throws IllegalArgumentException for a negative {@code n}
     * @throws IllegalStateException when fewer than {@code n} are left (nothing is spent then)
     */
    public void spend(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("trial budget: expected a number of trials >= 0 to spend, found " + n);
        }
        if (n > remaining()) {
            throw new IllegalStateException("trial budget: expected " + n + " trials left to spend, found "
                    + remaining() + " of " + limit);
        }
        spent += n;
    }

    /**
     * The trials spent so far.
     *
     * @return the count
     */
    public long spent() {
        return spent;
    }

    /**
     * The trials left ({@link Long#MAX_VALUE} minus the spent ones for an unlimited budget).
     *
     * @return the count
     */
    public long remaining() {
        return limit - spent;
    }
}
