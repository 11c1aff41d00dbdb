package org.metarec.core.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.metarec.core.data.Interactions;
import org.metarec.core.random.Rng;

/** The temporal support order: support = the user's first K target ratings by time, query = the next ones. */
class SupportOrderTest {

    private static ColdStartSplit.Config config(int k, int q) {
        return new ColdStartSplit.Config(List.of("d0", "d1"), "d2", 0.3, k, 0.25, q, 3);
    }

    @ParameterizedTest(name = "seed {0}, K {1}, Q {2}")
    @CsvSource({"1, 0, 100", "2, 1, 100", "3, 5, 4", "4, 3, 2", "5, 10, 100"})
    void supportIsTheFirstKByTimeAndTheQueryTheNextOnes(long seed, int k, int q) {
        Interactions x = TaskWorlds.world(seed);
        ColdStartSplit random = ColdStartSplit.create(x, config(k, q), Rng.derive(seed, "split"));
        ColdStartSplit temporal = ColdStartSplit.create(x, config(k, q), Rng.derive(seed, "split"),
                SupportOrder.TEMPORAL);
        // The same users and training rows: only which of a user's ratings are support and query changes.
        assertArrayEquals(random.testUsers(), temporal.testUsers());
        assertArrayEquals(random.validationUsers(), temporal.validationUsers());
        assertArrayEquals(random.trainingRows(), temporal.trainingRows());
        for (List<RatingTask> tasks : List.of(temporal.testTasks(), temporal.validationTasks())) {
            for (RatingTask t : tasks) {
                // The oracle: sort the user's target rows by (timestamp, row) independently.
                int[] byTime = Arrays.stream(x.rowsOf(t.user(), 2)).boxed()
                        .sorted(Comparator.comparingLong((Integer r) -> x.timestamp(r)).thenComparing(r -> r))
                        .mapToInt(Integer::intValue).toArray();
                String where = "seed " + seed + ", user " + t.user();
                assertArrayEquals(Arrays.copyOfRange(byTime, 0, k), t.supportRows(), where);
                int n = Math.min(q, byTime.length - k);
                assertArrayEquals(Arrays.copyOfRange(byTime, k, k + n), t.queryRows(), where);
                long lastSupport = Arrays.stream(t.supportRows()).mapToLong(x::timestamp).max().orElse(Long.MIN_VALUE);
                assertTrue(Arrays.stream(t.queryRows()).allMatch(r -> x.timestamp(r) >= lastSupport), where);
            }
        }
        assertEquals(SupportOrder.TEMPORAL, SupportOrder.named("temporal"));
    }

    @Test
    void aTemporalOrderNeedsTimestamps() {
        Interactions x = TaskWorlds.world(1);
        int n = x.size();
        int[] u = new int[n];
        int[] it = new int[n];
        int[] d = new int[n];
        double[] r = new double[n];
        for (int k = 0; k < n; k++) {
            u[k] = x.user(k);
            it[k] = x.item(k);
            d[k] = x.domain(k);
            r[k] = x.rating(k);
        }
        Interactions untimed = Interactions.of(x.userIds(), x.itemIds(), x.domains(), u, it, r, d, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ColdStartSplit.create(untimed,
                config(2, 100), Rng.derive(1, "split"), SupportOrder.TEMPORAL));
        assertTrue(e.getMessage().contains("timestamps"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SupportOrder.named("latest"));
    }
}
