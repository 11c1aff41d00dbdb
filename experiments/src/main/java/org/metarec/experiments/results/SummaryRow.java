package org.metarec.experiments.results;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line of a summary: the mean of a metric over test tasks (or over seeds, in a report) with its 95%
 * Student-t interval, and the two-sided paired p-values against the reference method (null for the reference
 * itself, or when fewer than two paired values exist).
 *
 * @param method    method name
 * @param key       metric and adaptation steps
 * @param n         number of values averaged (tasks, or seeds)
 * @param mean      their mean
 * @param ciLow     lower end of the 95% interval
 * @param ciHigh    upper end of the 95% interval
 * @param pTTest    paired t-test p-value against the reference, or null
 * @param pWilcoxon Wilcoxon signed-rank p-value against the reference, or null
 */
public record SummaryRow(String method, MetricKey key, int n, double mean, double ciLow, double ciHigh,
                         Double pTTest, Double pWilcoxon) {

    /** Requires finite statistics with {@code ciLow <= mean <= ciHigh}, n >= 1 and p-values in [0, 1]. */
    public SummaryRow {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(key, "key");
        if (n < 1 || !(ciLow <= mean && mean <= ciHigh) || !Double.isFinite(ciLow) || !Double.isFinite(ciHigh)) {
            throw new IllegalArgumentException(method + ", " + key + ": expected n >= 1 and finite ci_low <= mean <= ci_high, found n="
                    + n + ", " + ciLow + " <= " + mean + " <= " + ciHigh);
        }
        for (Double p : new Double[] {pTTest, pWilcoxon}) {
            if (p != null && !(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException(method + ", " + key + ": expected a p-value in [0, 1], found " + p);
            }
        }
    }

    /** The JSON object: method, metric, adapt_steps, mean, ci_low, ci_high, n, p_ttest, p_wilcoxon. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        // The name carries the steps too ("mse_k10_steps1"), so each row's metric is unique on its own.
        m.put("metric", key.adaptSteps() == null ? key.metric() : key.metric() + "_steps" + key.adaptSteps());
        m.put("adapt_steps", key.adaptSteps());
        m.put("mean", mean);
        m.put("ci_low", ciLow);
        m.put("ci_high", ciHigh);
        m.put("n", n);
        m.put("p_ttest", pTTest);
        m.put("p_wilcoxon", pWilcoxon);
        return m;
    }

    /** Reads the object written by {@link #toJson()}; errors name {@code where}. */
    public static SummaryRow fromJson(Object json, String where) {
        if (!(json instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(where + ": expected an object, found " + json);
        }
        try {
            Object steps = m.get("adapt_steps");
            String metric = (String) m.get("metric");
            if (steps != null && metric.endsWith("_steps" + steps)) {
                metric = metric.substring(0, metric.length() - ("_steps" + steps).length());
            }
            return new SummaryRow((String) m.get("method"),
                    new MetricKey(metric, steps == null ? null : Math.toIntExact((Long) steps)),
                    Math.toIntExact((Long) m.get("n")), number(m.get("mean")), number(m.get("ci_low")), number(m.get("ci_high")),
                    m.get("p_ttest") == null ? null : number(m.get("p_ttest")),
                    m.get("p_wilcoxon") == null ? null : number(m.get("p_wilcoxon")));
        } catch (ClassCastException | NullPointerException | ArithmeticException e) {
            throw new IllegalArgumentException(where + ": expected {method, metric, adapt_steps, mean, ci_low, ci_high, n, "
                    + "p_ttest, p_wilcoxon} with the right types, found " + m, e);
        }
    }

    private static double number(Object o) {
        return ((Number) o).doubleValue();
    }
}
