package org.metarec.algorithms.rec.train;

import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.TaskEvaluator;
import org.metarec.core.random.Rng;

/**
 * What a training loop of a recommendation study is given besides its settings: where its random numbers
 * come from, the pool that runs its tasks, and the validation users who choose among its checkpoints.
 *
 * <p>The random streams are named by the study: {@link #rng(String) rng("init")} is the stream
 * {@code <streams>/init} derived from {@code seed}, so the study that owns the names says what they are.
 *
 * @param seed the run's seed
 * @param streams the prefix of the stream names, e.g. {@code crossdomain}
 * @param pool runs tasks (meta-batches, validation users) in parallel; results do not depend on its threads
 * @param validation scores checkpoints on the validation users (never on test users)
 * @param trials the scorings the selection may spend ({@link TrialBudget}); shared, so a tuner that trains
 *     several settings sees what each spent
 */
public record TrainingContext(long seed, String streams, TaskPool pool, TaskEvaluator validation, TrialBudget trials) {

    /** Requires every part. */
    public TrainingContext {
        if (streams == null || pool == null || validation == null || trials == null) {
            throw new IllegalArgumentException("training context: expected stream names, a pool, validation "
                    + "users and a trial budget, found a null");
        }
    }

    /**
     * A context whose selection may score as many settings as it likes (no tuning budget).
     *
     * @param seed the run's seed
     * @param streams the prefix of the stream names
     * @param pool runs tasks in parallel
     * @param validation scores checkpoints on the validation users
     */
    public TrainingContext(long seed, String streams, TaskPool pool, TaskEvaluator validation) {
        this(seed, streams, pool, validation, TrialBudget.unlimited());
    }

    /** The stream {@code <streams>/<purpose>} of this run's seed. */
    public Rng rng(String purpose) {
        return Rng.derive(seed, streams + "/" + purpose);
    }

    /** This context with other validation users (e.g. seen through a factory without profiles). */
    public TrainingContext withValidation(TaskEvaluator v) {
        return new TrainingContext(seed, streams, pool, v, trials);
    }

    /** This context with another trial budget. */
    public TrainingContext withTrials(TrialBudget t) {
        return new TrainingContext(seed, streams, pool, validation, t);
    }
}
