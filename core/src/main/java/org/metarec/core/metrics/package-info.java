/**
 * Rating and ranking metrics computed per task (on a task's query set).
 *
 * <p>Rating error: MAE and RMSE. Ranking: the query items are ordered by predicted rating (each metric is
 * its expected value over the orderings of tied predictions, see {@link org.metarec.core.metrics.RankingMetrics}) and scored by nDCG@k with linear
 * gains (the true rating) and a log2 discount, hit rate@k and precision@k for items rated at least a
 * threshold (4 by default). {@link org.metarec.core.metrics.TaskMetrics} bundles all of them for one task;
 * averaging over tasks and confidence intervals are in {@link org.metarec.core.stats}.
 */
package org.metarec.core.metrics;
