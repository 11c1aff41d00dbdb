package org.metarec.algorithms.rec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link TrialBudget#spend(long)} charges several trials at once, exactly as that many single spends would. */
class TrialBudgetTest {

    @Test
    void spendingNAtOnceEqualsNSingleSpends() {
        for (int limit = 1; limit <= 7; limit++) {
            for (int n = 0; n <= limit; n++) {
                TrialBudget many = TrialBudget.of(limit);
                TrialBudget single = TrialBudget.of(limit);
                many.spend(n);
                for (int i = 0; i < n; i++) {
                    single.spend();
                }
                assertEquals(single.spent(), many.spent());
                assertEquals(single.remaining(), many.remaining());
                assertEquals(single.canScore(), many.canScore());
                assertEquals(n < limit, many.canScore(), limit + "/" + n);
            }
        }
    }

    @Test
    void spendingMoreThanIsLeftOrANegativeCountFailsAndSpendsNothing() {
        TrialBudget b = TrialBudget.of(5);
        b.spend(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.spend(4));
        assertEquals("trial budget: expected 4 trials left to spend, found 3 of 5", e.getMessage());
        assertEquals(2, b.spent());
        assertThrows(IllegalArgumentException.class, () -> b.spend(-1));
        b.spend(3);
        assertFalse(b.canScore());
        assertThrows(IllegalStateException.class, b::spend);
    }

    @Test
    void anUnlimitedBudgetTakesLargeCharges() {
        TrialBudget b = TrialBudget.unlimited();
        b.spend(1_000_000_000_000L);
        assertTrue(b.canScore());
        assertEquals(1_000_000_000_000L, b.spent());
    }
}
