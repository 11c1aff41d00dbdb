package org.metarec.algorithms.rec;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metarec.core.metrics.RankingMetrics;
import org.metarec.core.metrics.RatingMetrics;

/**
 * A recommender's scores on one list of test tasks, under names that say how they average: per test user (one
 * value per task, e.g. {@code rmse_user}: that user's RMSE over its query ratings) and pooled (one value for the
 * whole list, e.g. {@code rmse_pooled}: the RMSE over every query rating of every listed user, as PTUPCDR and
 * most papers report it).
 *
 * @param users   the user of each task, in task order
 * @param perUser metric name to one value per task, in task order
 * @param pooled  metric name to the value over all query ratings of the tasks
 */
public record TestScores(int[] users, Map<String, double[]> perUser, Map<String, Double> pooled) {

    /** The nDCG cutoff of the reports. */
    public static final int NDCG_CUTOFF = 3;
    /** A user's MAE over its query ratings (averaged over users in a table). */
    public static final String MAE_USER = "mae_user";
    /** A user's RMSE over its query ratings (averaged over users in a table). */
    public static final String RMSE_USER = "rmse_user";
    /**
     * A user's nDCG@3 of its query items ranked among themselves, not among the catalogue: it measures the order
     * of the few items the user rated, and the name says so.
     */
    public static final String NDCG_WITHIN_QUERY = "ndcg" + NDCG_CUTOFF + "_within_query";
    /** The MAE over every query rating of every test user. */
    public static final String MAE_POOLED = "mae_pooled";
    /** The RMSE over every query rating of every test user. */
    public static final String RMSE_POOLED = "rmse_pooled";

    /** Copies everything; every per-user array has one value per user. */
    public TestScores {
        users = users.clone();
        Map<String, double[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : perUser.entrySet()) {
            if (e.getValue().length != users.length) {
                throw new IllegalArgumentException("test scores, " + e.getKey() + ": expected " + users.length
                        + " values (one per user), found " + e.getValue().length);
            }
            copy.put(e.getKey(), e.getValue().clone());
        }
        perUser = Collections.unmodifiableMap(copy);
        pooled = Collections.unmodifiableMap(new LinkedHashMap<>(pooled));
    }

    /**
     * Scores aligned truths and predictions: per user {@link #MAE_USER}, {@link #RMSE_USER} and
     * {@link #NDCG_WITHIN_QUERY} (ties scored as their expected value: {@link RankingMetrics#ndcgAtK}); pooled
     * over every rating of every user {@link #MAE_POOLED} = sum |e| / N and {@link #RMSE_POOLED} = sqrt(sum e^2 / N).
     *
     * @param users              the user of each task
     * @param truthAndPrediction per task, {truth, prediction} of its query ratings; not modified
     * @return the scores
     */
    public static TestScores of(int[] users, List<double[][]> truthAndPrediction) {
        int n = truthAndPrediction.size();
        double[] mae = new double[n];
        double[] rmse = new double[n];
        double[] ndcg = new double[n];
        // Sums in task order, so the pooled values do not depend on how the tasks were computed.
        double absolute = 0;
        double squared = 0;
        long ratings = 0;
        for (int t = 0; t < n; t++) {
            double[] truth = truthAndPrediction.get(t)[0];
            double[] predicted = truthAndPrediction.get(t)[1];
            mae[t] = RatingMetrics.mae(truth, predicted);
            rmse[t] = RatingMetrics.rmse(truth, predicted);
            ndcg[t] = RankingMetrics.ndcgAtK(truth, predicted, NDCG_CUTOFF);
            for (int i = 0; i < truth.length; i++) {
                double e = predicted[i] - truth[i];
                absolute += Math.abs(e);
                squared += e * e;
            }
            ratings += truth.length;
        }
        Map<String, double[]> perUser = new LinkedHashMap<>();
        perUser.put(MAE_USER, mae);
        perUser.put(RMSE_USER, rmse);
        perUser.put(NDCG_WITHIN_QUERY, ndcg);
        Map<String, Double> pooled = new LinkedHashMap<>();
        if (ratings > 0) {
            pooled.put(MAE_POOLED, absolute / ratings);
            pooled.put(RMSE_POOLED, Math.sqrt(squared / ratings));
        }
        return new TestScores(users, perUser, pooled);
    }

    /**
     * These scores with more per-user metrics (e.g. the ranking metrics of {@link RankingCandidates}). A NaN value
     * means the user has no value of that metric (a user without a relevant query item is not ranked); the results
     * leave it out.
     *
     * @param more metric name to one value per user, in task order; names not already here
     * @return new scores
     * @throws IllegalArgumentException for a name already here or a wrong number of values
     */
    public TestScores withPerUser(Map<String, double[]> more) {
        Map<String, double[]> all = new LinkedHashMap<>(perUser);
        for (Map.Entry<String, double[]> e : more.entrySet()) {
            if (all.put(e.getKey(), e.getValue()) != null) {
                throw new IllegalArgumentException("test scores: metric " + e.getKey() + " is already scored");
            }
        }
        return new TestScores(users, all, pooled);
    }

    /** A copy of the users. */
    @Override
    public int[] users() {
        return users.clone();
    }

    /**
     * The per-user values of one metric.
     *
     * @param metric e.g. {@code rmse_user}
     * @return a copy, in task order
     * @throws IllegalArgumentException naming the metrics there are
     */
    public double[] perUser(String metric) {
        double[] v = perUser.get(metric);
        if (v == null) {
            throw new IllegalArgumentException("metric '" + metric + "': expected one of " + perUser.keySet());
        }
        return v.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TestScores s) || !Arrays.equals(users, s.users) || !pooled.equals(s.pooled)
                || !perUser.keySet().equals(s.perUser.keySet())) {
            return false;
        }
        return perUser.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), s.perUser.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(users) * 31 + pooled.hashCode();
    }
}
