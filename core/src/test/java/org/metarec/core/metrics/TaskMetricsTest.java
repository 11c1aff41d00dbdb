package org.metarec.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskMetricsTest {

    @Test
    void computesEveryNamedMetricInOrder() {
        double[] truth = {5, 3, 4, 1};
        double[] predicted = {4.5, 2, 4, 3};
        TaskMetrics m = TaskMetrics.compute(truth, predicted);
        assertEquals(MetricSpec.DEFAULT.metricNames(), List.copyOf(m.values().keySet()));
        assertEquals(List.of("mae", "rmse", "ndcg@3", "hit@3", "precision@3", "ndcg@5", "hit@5", "precision@5",
                "ndcg@10", "hit@10", "precision@10"), MetricSpec.DEFAULT.metricNames());
        assertEquals(4, m.queryCount());
        assertEquals(RatingMetrics.mae(truth, predicted), m.value("mae"));
        assertEquals(RankingMetrics.ndcgAtK(truth, predicted, 5), m.value("ndcg@5"));
        assertEquals(RankingMetrics.precisionAtK(truth, predicted, 3, 4), m.value("precision@3"));
    }

    @Test
    void unknownMetricNamesTheAvailableOnes() {
        TaskMetrics m = TaskMetrics.compute(new double[] {1, 2}, new double[] {1, 2},
                new MetricSpec(List.of(1), 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.value("ndcg@5"));
        assertEquals("metric 'ndcg@5': expected one of [mae, rmse, ndcg@1, hit@1, precision@1], found no such metric",
                e.getMessage());
    }

    @Test
    void columnCollectsOneMetricAcrossTasks() {
        TaskMetrics a = TaskMetrics.compute(new double[] {1, 2}, new double[] {2, 2});
        TaskMetrics b = TaskMetrics.compute(new double[] {4}, new double[] {4});
        // MAE of a = (1 + 0)/2, of b = 0.
        assertArrayEquals(new double[] {0.5, 0.0}, TaskMetrics.column(List.of(a, b), "mae"), 0.0);
    }

    @Test
    void specRejectsBadCutoffs() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> new MetricSpec(List.of(3, 0), 4));
        assertEquals("metric cutoffs[1]: expected >= 1, found 0", zero.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> new MetricSpec(List.of(5, 5), 4));
        assertEquals("metric cutoffs[1]: expected distinct cutoffs, found 5 twice", twice.getMessage());
    }
}
