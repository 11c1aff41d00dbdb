package org.metarec.algorithms.rec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BestSoFarTest {

    @Test
    void keepsTheLowestScoreAndTheEarliestOfEqualScores() {
        BestSoFar<String> best = BestSoFar.create();
        best.offer(0, "", 1.0, "a");
        best.offer(1, "", 0.5, "b");
        best.offer(2, "", 0.5, "c");
        best.offer(3, "", 0.7, "d");
        assertEquals("b", best.value());
        assertEquals(1, best.selection().chosen().step());
        assertEquals(4, best.selection().history().size());
    }

    @Test
    void withoutValidationUsersKeepsTheFirstOrTheLatestAsConfigured() {
        BestSoFar<String> first = BestSoFar.create();
        BestSoFar<String> latest = BestSoFar.preferLatestWhenUnscored();
        for (int s = 0; s < 3; s++) {
            first.offer(s, "", Double.NaN, "v" + s);
            latest.offer(s, "", Double.NaN, "v" + s);
        }
        assertEquals("v0", first.value());
        assertEquals("v2", latest.value());
        assertThrows(IllegalStateException.class, () -> BestSoFar.create().value());
    }

    @Test
    void aScoredCheckpointBeatsAnUnscoredOne() {
        BestSoFar<String> best = BestSoFar.create();
        best.offer(0, "", Double.NaN, "nan");
        best.offer(1, "", 2.0, "scored");
        assertEquals("scored", best.value());
    }
}
