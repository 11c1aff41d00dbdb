package org.metarec.experiments.results;

import java.util.Objects;

/**
 * What a recorded value measures: a metric ({@code rmse_user}), the setting it was measured in ({@code k5_beta20},
 * empty when the kind has none) and the adaptation steps (or null). The table names it {@link #key()}:
 * {@code rmse_user_k5_beta20}.
 *
 * @param metric  the metric, e.g. {@code rmse_user}
 * @param setting the setting, e.g. {@code k5_beta20}, or empty
 * @param steps   adaptation steps, or null
 */
public record Measure(String metric, String setting, Integer steps) {

    /** Requires a metric; the setting may be empty, not null. */
    public Measure {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(setting, "setting");
        if (!setting.isEmpty() && !setting.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("settings use letters, digits, '_', '.', '-'; found '" + setting + "'");
        }
    }

    /**
     * The table's name of this measure.
     *
     * @return {@code metric_setting} (or {@code metric} without a setting) with the steps
     */
    public MetricKey key() {
        return new MetricKey(setting.isEmpty() ? metric : metric + "_" + setting, steps);
    }
}
