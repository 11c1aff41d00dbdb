package org.metarec.algorithms.rec.train;

import java.util.List;

/**
 * How a method's parameters were chosen on the validation users: every checkpoint that was scored
 * and the one kept (the lowest mean validation RMSE; the earliest on ties).
 *
 * @param history the scored checkpoints, in training order
 * @param chosen the kept checkpoint
 */
public record Selection(List<Checkpoint> history, Checkpoint chosen) {

    /**
     * One scored checkpoint.
     *
     * @param step the training step (meta-iteration, epoch, ...) after which it was scored; 0 = before training
     * @param setting a short description of the adaptation setting scored (e.g. a fine-tuning rate), or ""
     * @param validationRmse the mean per-user RMSE on the validation users (NaN when there are none)
     */
    public record Checkpoint(long step, String setting, double validationRmse) {}

    /** Validates and copies the history. */
    public Selection {
        history = List.copyOf(history);
        if (chosen == null) {
            throw new IllegalArgumentException("selection: expected a chosen checkpoint, found null");
        }
    }
}
