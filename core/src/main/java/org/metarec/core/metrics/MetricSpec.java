package org.metarec.core.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which metrics {@link TaskMetrics} computes: MAE and RMSE always, and for every cutoff k in
 * {@code cutoffs} nDCG@k, hit rate@k and precision@k, with items rated &ge; {@code relevantFrom} relevant.
 *
 * @param cutoffs the ranking cutoffs, each &ge; 1, distinct, in the order metrics should be listed
 * @param relevantFrom the true rating from which an item counts as relevant for hit rate and precision
 */
public record MetricSpec(List<Integer> cutoffs, double relevantFrom) {

    /** The issue's default: k = 3, 5, 10 and relevance from rating 4. */
    public static final MetricSpec DEFAULT = new MetricSpec(List.of(3, 5, 10), 4.0);

    /** Name of the mean absolute error. */
    public static final String MAE = "mae";
    /** Name of the root mean squared error. */
    public static final String RMSE = "rmse";

    /**
     * Validates the cutoffs and threshold and stores an unmodifiable copy of the cutoffs.
     *
     * @throws IllegalArgumentException if a cutoff is &lt; 1 or repeated, or the threshold is not finite
     */
    public MetricSpec {
        if (cutoffs == null) {
            throw new IllegalArgumentException("metric cutoffs: expected a list, found null");
        }
        cutoffs = List.copyOf(cutoffs);
        for (int i = 0; i < cutoffs.size(); i++) {
            int k = cutoffs.get(i);
            if (k < 1) {
                throw new IllegalArgumentException("metric cutoffs[" + i + "]: expected >= 1, found " + k);
            }
            if (cutoffs.indexOf(k) != i) {
                throw new IllegalArgumentException("metric cutoffs[" + i + "]: expected distinct cutoffs, found "
                        + k + " twice");
            }
        }
        if (!Double.isFinite(relevantFrom)) {
            throw new IllegalArgumentException("relevance threshold: expected a finite number, found "
                    + relevantFrom);
        }
    }

    /**
     * Name of nDCG at cutoff k.
     *
     * @param k the cutoff
     * @return {@code "ndcg@k"}
     */
    public static String ndcg(int k) {
        return "ndcg@" + k;
    }

    /**
     * Name of hit rate at cutoff k.
     *
     * @param k the cutoff
     * @return {@code "hit@k"}
     */
    public static String hitRate(int k) {
        return "hit@" + k;
    }

    /**
     * Name of precision at cutoff k.
     *
     * @param k the cutoff
     * @return {@code "precision@k"}
     */
    public static String precision(int k) {
        return "precision@" + k;
    }

    /**
     * The names of all metrics this spec produces, in output order: mae, rmse, then per cutoff ndcg@k,
     * hit@k, precision@k.
     *
     * @return an unmodifiable list
     */
    public List<String> metricNames() {
        List<String> names = new ArrayList<>();
        names.add(MAE);
        names.add(RMSE);
        for (int k : cutoffs) {
            names.add(ndcg(k));
            names.add(hitRate(k));
            names.add(precision(k));
        }
        return Collections.unmodifiableList(names);
    }
}
