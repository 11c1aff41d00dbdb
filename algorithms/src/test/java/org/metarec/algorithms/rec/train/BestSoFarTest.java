package org.metarec.algorithms.rec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void everyOfferSpendsOneTrialAndAnOfferPastTheBudgetFails() {
        TrialBudget budget = TrialBudget.of(3);
        BestSoFar<String> best = BestSoFar.preferLatestWhenUnscored(budget);
        int offered = 0;
        while (best.canScore()) {
            best.offer(offered, "", 3.0 - offered, "v" + offered);
            offered++;
        }
        assertEquals(3, offered);
        assertEquals(3, budget.spent());
        assertEquals(0, budget.remaining());
        assertEquals("v2", best.value());
        assertThrows(IllegalStateException.class, () -> best.offer(3, "", 0.0, "late"));
        assertEquals(3, best.selection().history().size());
        assertThrows(IllegalArgumentException.class, () -> TrialBudget.of(0));
    }

    @Test
    void twoTrackersOnOneBudgetShareIt() {
        TrialBudget budget = TrialBudget.of(4);
        BestSoFar<String> a = BestSoFar.create(budget);
        BestSoFar<String> b = BestSoFar.create(budget);
        a.offer(0, "", 1.0, "a0");
        a.offer(1, "", 1.0, "a1");
        b.offer(0, "", 1.0, "b0");
        assertTrue(b.canScore());
        b.offer(1, "", 1.0, "b1");
        assertFalse(a.canScore());
        assertFalse(b.canScore());
    }
}
