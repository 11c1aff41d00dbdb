package org.metarec.core.data;

/** The part of a released split a row belongs to: training, validation (model selection) or test. */
public enum SplitPart {
    /** Rows a method may train on. */
    TRAIN,
    /** Held-out rows for model selection. */
    VALID,
    /** Held-out rows for the reported scores. */
    TEST
}
