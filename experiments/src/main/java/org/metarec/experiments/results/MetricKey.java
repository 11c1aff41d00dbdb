package org.metarec.experiments.results;

import java.util.Comparator;
import java.util.Objects;

/**
 * A metric name and, for metrics measured after test-time adaptation, the number of adaptation steps.
 * Ordered by name, then steps (no steps first).
 *
 * @param metric     e.g. {@code rmse}
 * @param adaptSteps adaptation steps, or null when the metric has no such dimension
 */
public record MetricKey(String metric, Integer adaptSteps) implements Comparable<MetricKey> {

    /** What a metric name may hold: letters, digits, '_', '.', '@' or '-' (a primary metric name too, {@link Families}). */
    public static final String NAME_PATTERN = "[A-Za-z0-9_.@-]+";

    private static final Comparator<MetricKey> ORDER = Comparator.comparing(MetricKey::metric)
            .thenComparing(MetricKey::adaptSteps, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** Requires a name of letters, digits, '_', '.', '@' or '-' and non-negative steps. */
    public MetricKey {
        Objects.requireNonNull(metric, "metric");
        if (!metric.matches(NAME_PATTERN)) {
            throw new IllegalArgumentException("metric names use letters, digits, '_', '.', '@', '-'; found '" + metric + "'");
        }
        if (adaptSteps != null && adaptSteps < 0) {
            throw new IllegalArgumentException("adaptation steps must be >= 0, found " + adaptSteps);
        }
    }

    @Override
    public int compareTo(MetricKey o) {
        return ORDER.compare(this, o);
    }

    /**
     * The name summary.json gives the row: the metric, with {@code _steps<S>} appended when it has steps
     * ({@code mse_k10_steps1}), so that each row's name is unique on its own.
     *
     * @return the name
     */
    public String fullName() {
        return adaptSteps == null ? metric : metric + "_steps" + adaptSteps;
    }

    /** {@code rmse} or {@code rmse after 5 steps}. */
    @Override
    public String toString() {
        return adaptSteps == null ? metric : metric + " after " + adaptSteps + " steps";
    }
}
