package org.metarec.core.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All metric values of one task's query set, by name ({@link MetricSpec#metricNames()} order).
 *
 * @param queryCount the number of query ratings the values were computed on
 * @param values metric name to value, in a stable order
 */
public record TaskMetrics(int queryCount, Map<String, Double> values) {

    /**
     * Validates and stores an unmodifiable, order-preserving copy of the values.
     *
     * @throws IllegalArgumentException if queryCount &lt; 1 or a value is not finite
     */
    public TaskMetrics {
        if (queryCount < 1) {
            throw new IllegalArgumentException("task metrics: expected queryCount >= 1, found " + queryCount);
        }
        if (values == null) {
            throw new IllegalArgumentException("task metrics: expected a map of values, found null");
        }
        Map<String, Double> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : values.entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("task metric " + e.getKey() + ": expected a finite number, found "
                        + e.getValue());
            }
            copy.put(e.getKey(), e.getValue());
        }
        values = Collections.unmodifiableMap(copy);
    }

    /**
     * Computes every metric of {@code spec} for one task.
     *
     * @param truth the true query ratings
     * @param predicted the predictions, aligned with truth
     * @param spec which cutoffs and relevance threshold to use
     * @return the task's metrics
     */
    public static TaskMetrics compute(double[] truth, double[] predicted, MetricSpec spec) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(MetricSpec.MAE, RatingMetrics.mae(truth, predicted));
        values.put(MetricSpec.RMSE, RatingMetrics.rmse(truth, predicted));
        for (int k : spec.cutoffs()) {
            values.put(MetricSpec.ndcg(k), RankingMetrics.ndcgAtK(truth, predicted, k));
            values.put(MetricSpec.hitRate(k), RankingMetrics.hitRateAtK(truth, predicted, k, spec.relevantFrom()));
            values.put(MetricSpec.precision(k),
                    RankingMetrics.precisionAtK(truth, predicted, k, spec.relevantFrom()));
        }
        return new TaskMetrics(truth.length, values);
    }

    /**
     * Computes the metrics of {@link MetricSpec#DEFAULT} (k = 3, 5, 10; relevant from 4).
     *
     * @param truth the true query ratings
     * @param predicted the predictions, aligned with truth
     * @return the task's metrics
     */
    public static TaskMetrics compute(double[] truth, double[] predicted) {
        return compute(truth, predicted, MetricSpec.DEFAULT);
    }

    /**
     * The value of one metric.
     *
     * @param metric a name such as "rmse" or "ndcg@5"
     * @return its value
     * @throws IllegalArgumentException naming the available metrics if this one was not computed
     */
    public double value(String metric) {
        Double v = values.get(metric);
        if (v == null) {
            throw new IllegalArgumentException("metric '" + metric + "': expected one of " + values.keySet()
                    + ", found no such metric");
        }
        return v;
    }

    /**
     * One metric across tasks, as an array for the statistics of {@link org.metarec.core.stats}.
     *
     * @param tasks per-task metrics
     * @param metric the metric name
     * @return the values in task order
     */
    public static double[] column(List<TaskMetrics> tasks, String metric) {
        double[] out = new double[tasks.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = tasks.get(i).value(metric);
        }
        return out;
    }
}
