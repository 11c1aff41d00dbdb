package org.metarec.algorithms.rec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-user and pooled rating metrics against hand-computed values, and what a constant predictor's nDCG reads. */
class TestScoresTest {

    @Test
    void perUserAndPooledMetricsByHand() {
        // User 7: errors +1 and -1; user 9: error +2. Per user: MAE 1 and 2, RMSE 1 and 2. Pooled over the three
        // ratings: MAE 4/3, RMSE sqrt((1 + 1 + 4) / 3) = sqrt(2); the mean of the per-user RMSEs, 1.5, is below it.
        TestScores s = TestScores.of(new int[] {7, 9}, List.of(
                new double[][] {{3, 4}, {4, 3}},
                new double[][] {{2}, {4}}));
        assertArrayEquals(new int[] {7, 9}, s.users());
        assertArrayEquals(new double[] {1, 2}, s.perUser(TestScores.MAE_USER), 1e-15);
        assertArrayEquals(new double[] {1, 2}, s.perUser(TestScores.RMSE_USER), 1e-15);
        assertEquals(4.0 / 3, s.pooled().get(TestScores.MAE_POOLED), 1e-15);
        assertEquals(Math.sqrt(2), s.pooled().get(TestScores.RMSE_POOLED), 1e-15);
        assertEquals(List.of("mae_user", "rmse_user", "ndcg3_within_query"), List.copyOf(s.perUser().keySet()));
    }

    @Test
    void aConstantPredictorsWithinQueryNdcgIsThatOfARandomOrder() {
        // Truth 5, 1, 1: a constant gives every one of the 3 places the mean gain 7/3; IDCG@3 = 5 + 1/log2(3) + 1/2.
        double[] truth = {5, 1, 1};
        TestScores s = TestScores.of(new int[] {1}, List.<double[][]>of(new double[][] {truth, {3, 3, 3}}));
        double log3 = Math.log(3) / Math.log(2);
        double expected = 7.0 / 3 * (1 + 1 / log3 + 0.5) / (5 + 1 / log3 + 0.5);
        assertEquals(expected, s.perUser(TestScores.NDCG_WITHIN_QUERY)[0], 1e-12);
        double pessimistic = (1 + 1 / log3 + 5 * 0.5) / (5 + 1 / log3 + 0.5);
        assertTrue(s.perUser(TestScores.NDCG_WITHIN_QUERY)[0] > pessimistic, "ties no longer score as the worst order");
    }

    @Test
    void everyPerUserMetricHasOneValuePerUser() {
        assertThrows(IllegalArgumentException.class, () -> new TestScores(new int[] {1, 2}, Map.of("x", new double[] {1}), Map.of()));
    }
}
