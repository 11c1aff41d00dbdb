package org.metarec.core.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.metarec.core.data.Interactions;
import org.metarec.core.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserTaskSamplerTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void tasksRespectSizesPoolDomainAndDisjointness(long seed) {
        Interactions x = TaskWorlds.world(seed);
        // Pool: two thirds of the rows, so that the sampler must ignore the others.
        int[] pool = Arrays.stream(x.allRows()).filter(r -> r % 3 != 0).toArray();
        Set<Integer> inPool = new HashSet<>();
        Arrays.stream(pool).forEach(inPool::add);
        int k = 5;
        int q = 8;
        int domain = 1;
        UserTaskSampler sampler = new UserTaskSampler(x, pool, domain, k, q);
        List<RatingTask> tasks = sampler.allTasks(Rng.derive(seed, "tasks"));
        int expectedSkipped = 0;
        int expectedEligible = 0;
        for (int u = 0; u < x.userCount(); u++) {
            long n = Arrays.stream(x.rowsOf(u, domain)).filter(inPool::contains).count();
            if (n > k) {
                expectedEligible++;
            } else if (n > 0) {
                expectedSkipped++;
            }
        }
        assertEquals(expectedEligible, tasks.size(), "seed " + seed);
        assertEquals(expectedSkipped, sampler.skippedUsers(), "seed " + seed);
        assertTrue(expectedSkipped > 0 && expectedEligible > 0, "seed " + seed + ": the test needs both kinds");
        for (RatingTask t : tasks) {
            String where = "seed " + seed + ", user " + t.user();
            int available = (int) Arrays.stream(x.rowsOf(t.user(), domain)).filter(inPool::contains).count();
            assertEquals(k, t.supportSize(), where);
            assertEquals(Math.min(q, available - k), t.querySize(), where);
            Set<Integer> seen = new HashSet<>();
            for (int r : concat(t.supportRows(), t.queryRows())) {
                assertTrue(seen.add(r), where + ": row " + r + " in support and query");
                assertTrue(inPool.contains(r), where + ": row " + r + " outside the pool");
                assertEquals(t.user(), x.user(r), where);
                assertEquals(domain, x.domain(r), where);
            }
        }
    }

    @Test
    void sameGeneratorGivesSameTasksAndForksDiffer() {
        Interactions x = TaskWorlds.world(7);
        UserTaskSampler s = new UserTaskSampler(x, x.allRows(), 0, 3, Integer.MAX_VALUE);
        assertEquals(s.allTasks(Rng.derive(7, "tasks")), s.allTasks(Rng.derive(7, "tasks")));
        assertNotEquals(s.allTasks(Rng.derive(7, "tasks")), s.allTasks(Rng.derive(8, "tasks")));
        int user = s.eligibleUsers()[4];
        assertEquals(s.allTasks(Rng.derive(7, "tasks")).get(4), s.task(user, Rng.derive(7, "tasks")),
                "a user's task does not depend on the other users");
    }

    @Test
    void allRemainingRatingsAreTheQueryWhenQIsUnbounded() {
        Interactions x = TaskWorlds.world(3);
        UserTaskSampler s = new UserTaskSampler(x, x.allRows(), 2, 2, Integer.MAX_VALUE);
        for (RatingTask t : s.allTasks(Rng.derive(3, "tasks"))) {
            int[] rows = concat(t.supportRows(), t.queryRows());
            Arrays.sort(rows);
            assertArrayEquals(x.rowsOf(t.user(), 2), rows, "user " + t.user());
        }
    }

    @Test
    void randomTaskDrawsFromEligibleUsersAndAdvances() {
        Interactions x = TaskWorlds.world(4);
        UserTaskSampler s = new UserTaskSampler(x, x.allRows(), 0, 2, 4);
        Set<Integer> eligible = new HashSet<>();
        Arrays.stream(s.eligibleUsers()).forEach(eligible::add);
        Rng rng = Rng.derive(4, "random-tasks");
        Set<Integer> drawnUsers = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            RatingTask t = s.randomTask(rng);
            assertTrue(eligible.contains(t.user()), "seed 4, draw " + i);
            drawnUsers.add(t.user());
        }
        assertTrue(drawnUsers.size() > 50, "seed 4: draws should vary, got " + drawnUsers.size() + " users");
    }

    @Test
    void badArgumentsAreRejected() {
        Interactions x = TaskWorlds.world(1);
        assertEquals("support size K: expected >= 0, found -1", assertThrows(IllegalArgumentException.class,
                () -> new UserTaskSampler(x, x.allRows(), 0, -1, 5)).getMessage());
        assertEquals("domain index: expected 0..2, found 3", assertThrows(IllegalArgumentException.class,
                () -> new UserTaskSampler(x, x.allRows(), 3, 1, 5)).getMessage());
        assertEquals("row pool[1]: expected distinct rows, found row 0 twice",
                assertThrows(IllegalArgumentException.class,
                        () -> new UserTaskSampler(x, new int[] {0, 0}, 0, 1, 5)).getMessage());
        UserTaskSampler s = new UserTaskSampler(x, x.allRows(), 0, 1000, 5);
        assertEquals(0, s.eligibleUsers().length);
        assertThrows(IllegalArgumentException.class, () -> s.task(0, Rng.seeded(1)));
        assertThrows(IllegalStateException.class, () -> s.randomTask(Rng.seeded(1)));
    }

    static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
