package org.metarec.algorithms.meta;

/**
 * A few-shot task: adapt on {@code support}, then evaluate on {@code query}.
 *
 * @param <B> the batch type the model's loss takes (a feature matrix and targets, rating rows, ...)
 * @param support the examples adapted on
 * @param query the examples the adapted parameters are scored on
 */
public record Task<B>(B support, B query) {
    /** Validates that both sets are present. */
    public Task {
        if (support == null || query == null) {
            throw new IllegalArgumentException("Task: support and query sets are both required");
        }
    }
}
