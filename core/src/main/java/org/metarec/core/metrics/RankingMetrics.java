package org.metarec.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ranking metrics for one task: the query items are ranked by predicted rating, highest first, and
 * scored against their true ratings.
 *
 * <p><b>Ties.</b> Items with equal predictions form a tie group, and every metric is its <em>expected value
 * over the uniformly random orderings of each tie group</em> (McSherry and Najork, "Computing Information
 * Retrieval Performance Measures Efficiently in the Presence of Tied Scores", ECIR 2008). The expectation is
 * exact and needs no random numbers: by linearity, each position a tie group occupies receives the group's
 * mean gain. So a model gets no credit, and no penalty, for an order it did not predict: a constant predictor
 * scores what a random ranking scores on average, not the worst ranking (as a pessimistic tie-break gives) nor
 * whatever order the data came in.
 *
 * <p><b>Gains.</b> nDCG uses linear gains: gain = max(true rating, 0) (negative values, which only a
 * continuous synthetic rating can have, count as 0 so that nDCG stays in [0, 1]) and the discount
 * 1 / log2(rank + 1), rank = 1, 2, ... (J&auml;rvelin and Kek&auml;l&auml;inen, ACM TOIS 20(4), 2002).
 */
public final class RankingMetrics {

    private RankingMetrics() {
    }

    /**
     * The ranking of the items: indices sorted by predicted rating descending, ties by index ascending. The
     * metrics do not depend on the order within a tie group (see the class comment); this order only lists them.
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
            return byPrediction != 0 ? byPrediction : Integer.compare(a, b);
        });
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /**
     * nDCG@k = E[DCG@k] / IDCG@k, with DCG@k = sum over ranks r = 1..min(k, n) of gain(r) / log2(r + 1),
     * gain = max(true rating, 0), the expectation over random orderings of tied predictions (each rank of a tie
     * group gets the group's mean gain), IDCG@k the DCG@k of the items sorted by true rating. When every gain
     * is 0 (nothing to rank) the value is 0.
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
        for (int[] group : tieGroups(ranking, predicted)) {
            double meanGain = 0;
            for (int r = group[0]; r < group[1]; r++) {
                meanGain += gain(truth[ranking[r]]);
            }
            meanGain /= group[1] - group[0];
            for (int r = group[0]; r < Math.min(group[1], depth); r++) {
                dcg += meanGain / log2(r + 2);
            }
        }
        double idcg = 0;
        for (int r = 0; r < depth; r++) {
            idcg += gain(ideal[ideal.length - 1 - r]) / log2(r + 2);
        }
        return idcg == 0 ? 0.0 : dcg / idcg;
    }

    /**
     * Hit rate@k: the probability, over random orderings of tied predictions, that at least one of the top
     * min(k, n) ranked items has true rating &ge; threshold. Without ties in the top k it is 0 or 1; for the tie
     * group of g items with c relevant that fills the last m places, it is 1 - C(g - c, m) / C(g, m) (0 when the
     * task has no relevant item at all).
     *
     * @param truth the true ratings
     * @param predicted the predictions, aligned with truth
     * @param k the cutoff, &ge; 1
     * @param threshold the rating from which an item counts as relevant (4 in the usual 1-5 scale)
     * @return a probability in [0, 1]
     */
    public static double hitRateAtK(double[] truth, double[] predicted, int k, double threshold) {
        MetricInputs.checkCutoff(k);
        checkThreshold(threshold);
        int[] ranking = rankByPrediction(truth, predicted);
        int depth = Math.min(k, truth.length);
        for (int[] group : tieGroups(ranking, predicted)) {
            if (group[0] >= depth) {
                break;
            }
            int size = group[1] - group[0];
            int relevant = relevantIn(truth, ranking, group, threshold);
            int places = Math.min(group[1], depth) - group[0];
            if (places == size) {
                if (relevant > 0) {
                    return 1.0;
                }
                continue;
            }
            // The group straddles the cutoff: P(no relevant item among the m drawn) = prod (g - c - j) / (g - j).
            double none = 1;
            for (int j = 0; j < places; j++) {
                none *= Math.max(0, size - relevant - j) / (double) (size - j);
            }
            return 1 - none;
        }
        return 0.0;
    }

    /**
     * Precision@k: E[number of the top min(k, n) ranked items with true rating &ge; threshold] / min(k, n), the
     * expectation over random orderings of tied predictions (a tie group with c relevant items among g fills
     * each of its places with a relevant one with probability c / g). Dividing by min(k, n) rather than k
     * keeps tasks with fewer than k query items on the same [0, 1] scale.
     *
     * @param truth the true ratings
     * @param predicted the predictions, aligned with truth
     * @param k the cutoff, &ge; 1
     * @param threshold the rating from which an item counts as relevant
     * @return precision@k in [0, 1]
     */
    public static double precisionAtK(double[] truth, double[] predicted, int k, double threshold) {
        MetricInputs.checkCutoff(k);
        checkThreshold(threshold);
        int[] ranking = rankByPrediction(truth, predicted);
        int depth = Math.min(k, truth.length);
        double relevantInTop = 0;
        for (int[] group : tieGroups(ranking, predicted)) {
            int places = Math.min(group[1], depth) - group[0];
            if (places <= 0) {
                break;
            }
            relevantInTop += relevantIn(truth, ranking, group, threshold) * (double) places / (group[1] - group[0]);
        }
        return relevantInTop / depth;
    }

    /** The tie groups of a ranking, best first: {start, end} rank ranges (end exclusive) of equal predictions. */
    private static List<int[]> tieGroups(int[] ranking, double[] predicted) {
        List<int[]> groups = new ArrayList<>();
        int start = 0;
        for (int r = 1; r <= ranking.length; r++) {
            if (r == ranking.length || Double.compare(predicted[ranking[r]], predicted[ranking[start]]) != 0) {
                groups.add(new int[] {start, r});
                start = r;
            }
        }
        return groups;
    }

    private static int relevantIn(double[] truth, int[] ranking, int[] group, double threshold) {
        int relevant = 0;
        for (int r = group[0]; r < group[1]; r++) {
            if (truth[ranking[r]] >= threshold) {
                relevant++;
            }
        }
        return relevant;
    }
    private static void checkThreshold(double threshold) {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("relevance threshold: expected a finite number, found " + threshold);
        }
    }

    private static double gain(double rating) {
        return Math.max(rating, 0.0);
    }

    private static double log2(double x) {
        // StrictMath so that metric values are identical on every platform.
        return StrictMath.log(x) / StrictMath.log(2.0);
    }
}
