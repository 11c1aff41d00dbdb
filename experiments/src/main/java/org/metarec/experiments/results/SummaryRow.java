package org.metarec.experiments.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.metarec.core.stats.MultipleComparisons;

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
 * @param pHolm     {@code pWilcoxon} adjusted by Holm's procedure over every comparison of the table
 *                  ({@link #withHolm}), or null
 */
public record SummaryRow(String method, MetricKey key, int n, double mean, double ciLow, double ciHigh,
                         Double pTTest, Double pWilcoxon, Double pHolm) {

    /** Requires finite statistics with {@code ciLow <= mean <= ciHigh}, n >= 1 and p-values in [0, 1]. */
    public SummaryRow {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(key, "key");
        if (n < 1 || !(ciLow <= mean && mean <= ciHigh) || !Double.isFinite(ciLow) || !Double.isFinite(ciHigh)) {
            throw new IllegalArgumentException(method + ", " + key + ": expected n >= 1 and finite ci_low <= mean <= ci_high, found n="
                    + n + ", " + ciLow + " <= " + mean + " <= " + ciHigh);
        }
        for (Double p : new Double[] {pTTest, pWilcoxon, pHolm}) {
            if (p != null && !(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException(method + ", " + key + ": expected a p-value in [0, 1], found " + p);
            }
        }
    }

    /** A row without a corrected p-value yet (see {@link #withHolm}). */
    public SummaryRow(String method, MetricKey key, int n, double mean, double ciLow, double ciHigh, Double pTTest,
                      Double pWilcoxon) {
        this(method, key, n, mean, ciLow, ciHigh, pTTest, pWilcoxon, null);
    }

    /**
     * The rows with {@link #pHolm} set: the Wilcoxon p-values of every row that has one form the family, and each is
     * adjusted by Holm's step-down procedure ({@link MultipleComparisons#holm}), so that marking the rows with
     * adjusted p below a keeps the family-wise error rate at a.
     */
    public static List<SummaryRow> withHolm(List<SummaryRow> rows) {
        double[] p = rows.stream().filter(r -> r.pWilcoxon != null).mapToDouble(SummaryRow::pWilcoxon).toArray();
        double[] adjusted = MultipleComparisons.holm(p);
        List<SummaryRow> out = new ArrayList<>();
        int next = 0;
        for (SummaryRow r : rows) {
            Double holm = r.pWilcoxon == null ? null : adjusted[next++];
            out.add(new SummaryRow(r.method, r.key, r.n, r.mean, r.ciLow, r.ciHigh, r.pTTest, r.pWilcoxon, holm));
        }
        return out;
    }

    /** The number of comparisons in the family of {@link #withHolm}: rows with a Wilcoxon p-value. */
    public static long comparisons(List<SummaryRow> rows) {
        return rows.stream().filter(r -> r.pWilcoxon != null).count();
    }

    /** The JSON object: method, metric, adapt_steps, mean, ci_low, ci_high, n, p_ttest, p_wilcoxon, p_wilcoxon_holm. */
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
        m.put("p_wilcoxon_holm", pHolm);
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
                    m.get("p_wilcoxon") == null ? null : number(m.get("p_wilcoxon")),
                    m.get("p_wilcoxon_holm") == null ? null : number(m.get("p_wilcoxon_holm")));
        } catch (ClassCastException | NullPointerException | ArithmeticException e) {
            throw new IllegalArgumentException(where + ": expected {method, metric, adapt_steps, mean, ci_low, ci_high, n, "
                    + "p_ttest, p_wilcoxon} with the right types, found " + m, e);
        }
    }

    private static double number(Object o) {
        return ((Number) o).doubleValue();
    }
}
