package org.metarec.algorithms.rec;

import org.metarec.algorithms.train.NonFiniteException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.SlotMode;
import org.metarec.algorithms.rec.data.UserContext;
import org.metarec.core.metrics.RankingMetrics;
import org.metarec.core.metrics.RatingMetrics;
import org.metarec.core.tasks.RatingTask;

/**
 * Scores a recommender on a fixed list of cold-start tasks: for each task, adapt on its support rows,
 * predict its query rows and compare with their ratings. Per user (one task each): MAE, RMSE and the nDCG@3
 * of the query items ranked among themselves (linear gains, log2 discount, ties scored as the expected value
 * over their orderings: {@link RankingMetrics#ndcgAtK}); pooled over every query rating: MAE and RMSE.
 */
public final class TaskEvaluator {

    private final BatchFactory factory;
    private final List<RatingTask> tasks;
    private final boolean capDiverged;   // see cappingDivergence()

    /**
     * @param factory builds the tasks' batches (a factory hiding a task's rows cannot evaluate it)
     * @param tasks the tasks, in report order
     */
    public TaskEvaluator(BatchFactory factory, List<RatingTask> tasks) {
        this(factory, tasks, false);
    }

    private TaskEvaluator(BatchFactory factory, List<RatingTask> tasks, boolean capDiverged) {
        this.factory = factory;
        this.tasks = List.copyOf(tasks);
        this.capDiverged = capDiverged;
    }

    /**
     * A rating error above this (on a 1-5 scale an error of 4 is already the worst a sane prediction makes), or a
     * prediction that is not a number, is a test user whose adaptation diverged: {@link #cappingDivergence()} scores it
     * at this error.
     */
    public static final double DIVERGED_ERROR = 1e3;

    /**
     * This evaluator for the final test: a prediction that is not finite or is off by more than {@link #DIVERGED_ERROR}
     * (test-time adaptation that blew up on a user) is scored as an error of exactly {@code DIVERGED_ERROR}, instead of
     * failing a finished run; the kinds count such users in {@code summary.md}. Model selection keeps the plain
     * evaluator, on which a diverging setting fails its trial.
     *
     * @return the capping evaluator of the same tasks
     */
    public TaskEvaluator cappingDivergence() {
        return new TaskEvaluator(factory, tasks, true);
    }

    /** With {@link #cappingDivergence()}: {truth, prediction} with each diverged prediction set to truth + the cap. */
    private double[] capped(double[] truth, double[] predicted) {
        if (!capDiverged) {
            return predicted;
        }
        double[] out = predicted;
        for (int i = 0; i < predicted.length; i++) {
            if (!(Math.abs(predicted[i] - truth[i]) <= DIVERGED_ERROR)) {
                if (out == predicted) {
                    out = predicted.clone();
                }
                out[i] = truth[i] + DIVERGED_ERROR;
            }
        }
        return out;
    }

    /**
     * The query predictions of one task after adaptation.
     *
     * @param rec the recommender
     * @param task the task
     * @return predictions aligned with the task's query rows
     */
    public double[] predictQuery(ColdStartRecommender rec, RatingTask task) {
        return truthAndPrediction(rec, task)[1];
    }

    /** {truth, prediction} of the task's query rows; every rating is read through the (guarded) factory. */
    private double[][] truthAndPrediction(ColdStartRecommender rec, RatingTask task) {
        UserContext ctx = factory.context(task.user(), task.domain());
        RatingBatch support = factory.rows(task.supportRows(), SlotMode.SINGLE);
        RatingBatch query = factory.rows(task.queryRows(), SlotMode.SINGLE);
        double[] truth = query.ratingValues();
        return new double[][] {truth, capped(truth, rec.adapt(ctx, support).predict(query))};
    }

    /**
     * The test scores of the tasks ({@link TestScores#of}): per user, in task order, and pooled over every
     * query rating of every task.
     *
     * @param rec the recommender
     * @param pool runs tasks in parallel (results do not depend on its thread count)
     * @return the scores
     */
    public TestScores scores(ColdStartRecommender rec, TaskPool pool) {
        List<double[][]> perTask = pool.map(tasks, task -> truthAndPrediction(rec, task));
        return TestScores.of(tasks.stream().mapToInt(RatingTask::user).toArray(), perTask);
    }

    /**
     * The test scores of the tasks ({@link #scores(ColdStartRecommender, TaskPool)}) with the ranking metrics of
     * {@code ranking} besides: each task's user adapts once, and the same predictor predicts its query and ranks its
     * candidates ({@link RankingCandidates#score}). A task without a relevant query item has NaN ranking metrics
     * (not scored).
     *
     * @param rec the recommender
     * @param pool runs tasks in parallel (results do not depend on its thread count)
     * @param ranking the candidates of these tasks, or null for none
     * @return the scores
     * @throws IllegalArgumentException if {@code ranking} was built for other tasks
     */
    public TestScores scores(ColdStartRecommender rec, TaskPool pool, RankingCandidates ranking) {
        if (ranking == null || !ranking.settings().enabled()) {
            return scores(rec, pool);
        }
        if (!ranking.tasks().equals(tasks)) {
            throw new IllegalArgumentException("task evaluator: expected ranking candidates of its " + tasks.size()
                    + " tasks, found candidates of " + ranking.tasks().size() + " other tasks");
        }
        List<Integer> index = java.util.stream.IntStream.range(0, tasks.size()).boxed().toList();
        List<double[][]> perTask = pool.map(index, t -> {
            RatingTask task = tasks.get(t);
            UserContext ctx = factory.context(task.user(), task.domain());
            RatingBatch support = factory.rows(task.supportRows(), SlotMode.SINGLE);
            RatingBatch query = factory.rows(task.queryRows(), SlotMode.SINGLE);
            UserPredictor predictor = rec.adapt(ctx, support);
            double[] truth = query.ratingValues();
            return new double[][] {truth, capped(truth, predictor.predict(query)), ranking.score(t, predictor, factory, ctx)};
        });
        List<String> names = ranking.settings().metricNames();
        double[][] values = new double[names.size()][tasks.size()];
        for (int t = 0; t < tasks.size(); t++) {
            for (int j = 0; j < names.size(); j++) {
                values[j][t] = perTask.get(t)[2][j];
            }
        }
        Map<String, double[]> more = new LinkedHashMap<>();
        for (int j = 0; j < names.size(); j++) {
            more.put(names.get(j), values[j]);
        }
        return TestScores.of(tasks.stream().mapToInt(RatingTask::user).toArray(),
                perTask.stream().map(tp -> new double[][] {tp[0], tp[1]}).toList()).withPerUser(more);
    }

    /**
     * The mean over tasks of the per-task RMSE: the model-selection score (lower is better).
     *
     * @param rec the recommender
     * @param pool runs tasks in parallel
     * @return the mean RMSE, or NaN when there are no tasks
     * @throws NonFiniteException if a prediction is not finite (a setting whose adaptation diverges on a validation
     *     user: the tuner records it as a diverged trial), with step -1 when the caller does not say which
     */
    public double meanRmse(ColdStartRecommender rec, TaskPool pool) {
        return meanRmse(rec, pool, -1);
    }

    /**
     * As {@link #meanRmse(ColdStartRecommender, TaskPool)}, naming the training step of the scored checkpoint in the
     * failure of a non-finite prediction.
     *
     * @param rec the recommender
     * @param pool runs tasks in parallel
     * @param step the checkpoint's training step
     * @return the mean RMSE, or NaN when there are no tasks
     * @throws NonFiniteException if a prediction is not finite
     */
    public double meanRmse(ColdStartRecommender rec, TaskPool pool, long step) {
        if (tasks.isEmpty()) {
            return Double.NaN;
        }
        List<Double> rmse = pool.map(tasks, task -> {
            double[][] tp = truthAndPrediction(rec, task);
            // RatingMetrics would reject a NaN too, but as bad input (core knows no training); this names the
            // checkpoint, so the tuner records a diverged setting instead of failing the run.
            for (double p : tp[1]) {
                if (!Double.isFinite(p)) {
                    throw new NonFiniteException(step, rec.method(), "a validation prediction", p);
                }
            }
            return RatingMetrics.rmse(tp[0], tp[1]);
        });
        double s = 0;
        for (double r : rmse) {
            s += r;
        }
        return s / rmse.size();
    }

    /**
     * Whether there are no tasks (a split without validation users): scores are then NaN and callers
     * fall back to their first setting and last checkpoint.
     *
     * @return true when there is nothing to score
     */
    public boolean isEmpty() {
        return tasks.isEmpty();
    }

    /**
     * The settings worth scoring: all of them, or only the first when there are no tasks (NaN scores
     * cannot choose, so the first setting is the documented fallback).
     *
     * @param settings candidate values, at least one
     * @return the values to score
     */
    public double[] scorable(double[] settings) {
        return tasks.isEmpty() ? new double[] {settings[0]} : settings.clone();
    }

    /**
     * The tasks.
     *
     * @return an unmodifiable list
     */
    public List<RatingTask> tasks() {
        return tasks;
    }
}
