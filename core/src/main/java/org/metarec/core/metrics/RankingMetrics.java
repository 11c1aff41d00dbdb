package org.metarec.core.metrics;

import java.util.Arrays;

/**
 * Ranking metrics for one task: the query items are ranked by predicted rating, highest first, and
 * scored against their true ratings.
 *
 * <p><b>Ties.</b> Items with equal predictions are ordered by true rating <em>ascending</em> (then by
 * index), i.e. pessimistically: a model gets no ranking credit for predictions it did not distinguish,
 * so a constant predictor scores the worst possible ranking instead of whatever order the data came in.
 *
 * <p><b>Gains.</b> nDCG uses linear gains: gain = max(true rating, 0) (negative values, which only a
 * continuous synthetic rating can have, count as 0 so that nDCG stays in [0, 1]) and the discount
 * 1 / log2(rank + 1), rank = 1, 2, ... (J&auml;rvelin and Kek&auml;l&auml;inen, ACM TOIS 20(4), 2002).
 */
public final class RankingMetrics {

    private RankingMetrics() {
    }

    /**
     * The ranking of the items: indices sorted by predicted rating descending, ties by true rating
     * ascending, then by index ascending.
     *
     * @param truth the true ratings
     * @param predicted the predictions, aligned with truth
     * @return a permutation of 0..n-1, best-predicted first
     */
    public static int[] rankByPrediction(double[] truth, double[] predicted) {
        MetricInputs.check(truth, predicted);
        Integer[] order = new Integer[truth.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int byPrediction = Double.compare(predicted[b], predicted[a]);
            if (byPrediction != 0) {
                return byPrediction;
            }
            int byTruth = Double.compare(truth[a], truth[b]);
            return byTruth != 0 ? byTruth : Integer.compare(a, b);
        });
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /**
     * nDCG@k = DCG@k / IDCG@k, with DCG@k = sum over ranks r = 1..min(k, n) of gain(r) / log2(r + 1),
     * gain = max(true rating, 0), IDCG@k the DCG@k of the items sorted by true rating. When every gain is 0
     * (nothing to rank) the value is 0.
     *
     * @param truth the true ratings
     * @param predicted the predictions, aligned with truth
     * @param k the cutoff, &ge; 1
     * @return nDCG@k in [0, 1]; 1 when the predicted order sorts the true ratings
     */
    public static double ndcgAtK(double[] truth, double[] predicted, int k) {
        MetricInputs.checkCutoff(k);
        int[] ranking = rankByPrediction(truth, predicted);
        double[] ideal = truth.clone();
        Arrays.sort(ideal);
        int depth = Math.min(k, truth.length);
        double dcg = 0;
        double idcg = 0;
        for (int r = 0; r < depth; r++) {
            double discount = 1.0 / log2(r + 2);
            dcg += gain(truth[ranking[r]]) * discount;
            idcg += gain(ideal[ideal.length - 1 - r]) * discount;
        }
        return idcg == 0 ? 0.0 : dcg / idcg;
    }

    /**
     * Hit rate@k: 1 if at least one of the top min(k, n) ranked items has true rating &ge; threshold, else 0
     * (also 0 when the task has no such item at all).
     *
     * @param truth the true ratings
     * @param predicted the predictions, aligned with truth
     * @param k the cutoff, &ge; 1
     * @param threshold the rating from which an item counts as relevant (4 in the usual 1-5 scale)
     * @return 0 or 1
     */
    public static double hitRateAtK(double[] truth, double[] predicted, int k, double threshold) {
        return relevantInTopK(truth, predicted, k, threshold) > 0 ? 1.0 : 0.0;
    }

    /**
     * Precision@k: (number of the top min(k, n) ranked items with true rating &ge; threshold) / min(k, n).
     * Dividing by min(k, n) rather than k keeps tasks with fewer than k query items on the same [0, 1] scale.
     *
     * @param truth the true ratings
     * @param predicted the predictions, aligned with truth
     * @param k the cutoff, &ge; 1
     * @param threshold the rating from which an item counts as relevant
     * @return precision@k in [0, 1]
     */
    public static double precisionAtK(double[] truth, double[] predicted, int k, double threshold) {
        int relevant = relevantInTopK(truth, predicted, k, threshold);
        return (double) relevant / Math.min(k, truth.length);
    }

    private static int relevantInTopK(double[] truth, double[] predicted, int k, double threshold) {
        MetricInputs.checkCutoff(k);
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("relevance threshold: expected a finite number, found " + threshold);
        }
        int[] ranking = rankByPrediction(truth, predicted);
        int depth = Math.min(k, truth.length);
        int relevant = 0;
        for (int r = 0; r < depth; r++) {
            if (truth[ranking[r]] >= threshold) {
                relevant++;
            }
        }
        return relevant;
    }

    private static double gain(double rating) {
        return Math.max(rating, 0.0);
    }

    private static double log2(double x) {
        // StrictMath so that metric values are identical on every platform.
        return StrictMath.log(x) / StrictMath.log(2.0);
    }
}
