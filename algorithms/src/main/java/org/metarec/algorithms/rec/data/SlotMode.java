package org.metarec.algorithms.rec.data;

/** Which row of a model's user tables each row of a batch uses (see {@link RatingBatch}). */
public enum SlotMode {
    /** Slot 0 for every row: the cold-start form, one user adapting from a learned initialisation. */
    SINGLE,
    /** Slot = user index: pooled training with one table row per user. */
    PER_USER
}
