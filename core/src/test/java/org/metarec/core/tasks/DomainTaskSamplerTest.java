package org.metarec.core.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.metarec.core.data.Interactions;
import org.metarec.core.random.Rng;
import org.junit.jupiter.api.Test;

class DomainTaskSamplerTest {

    @Test
    void tasksComeFromTheDomainPoolWithoutOverlap() {
        for (long seed = 1; seed <= 5; seed++) {
            Interactions x = TaskWorlds.world(seed);
            int[] pool = Arrays.stream(x.allRows()).filter(r -> r % 2 == 0).toArray();
            DomainTaskSampler s = new DomainTaskSampler(x, pool, 2, 10, 30);
            Rng rng = Rng.derive(seed, "domain-tasks");
            for (int i = 0; i < 20; i++) {
                RatingTask t = s.task(rng);
                String where = "seed " + seed + ", task " + i;
                assertEquals(RatingTask.ANY_USER, t.user(), where);
                assertEquals(10, t.supportSize(), where);
                assertEquals(30, t.querySize(), where);
                Set<Integer> rows = new HashSet<>();
                for (int r : UserTaskSamplerTest.concat(t.supportRows(), t.queryRows())) {
                    assertTrue(rows.add(r), where + ": row repeated");
                    assertEquals(0, r % 2, where + ": row outside the pool");
                    assertEquals(2, x.domain(r), where);
                }
            }
        }
    }

    @Test
    void sameSeedSameTasks() {
        Interactions x = TaskWorlds.world(2);
        DomainTaskSampler s = new DomainTaskSampler(x, x.allRows(), 0, 5, 5);
        Rng a = Rng.derive(2, "domain-tasks");
        Rng b = Rng.derive(2, "domain-tasks");
        for (int i = 0; i < 10; i++) {
            assertEquals(s.task(a), s.task(b), "seed 2, task " + i);
        }
    }

    @Test
    void querySizeIsCappedByThePool() {
        Interactions x = TaskWorlds.world(2);
        int[] pool = Arrays.copyOf(x.rowsInDomain(1), 12);
        DomainTaskSampler s = new DomainTaskSampler(x, pool, 1, 4, 100);
        assertEquals(12, s.poolSize());
        assertEquals(8, s.task(Rng.seeded(1)).querySize(), "12 rows - 4 support");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DomainTaskSampler(x, pool, 1, 12, 1));
        assertEquals("domain tasks in d1: expected at least 13 rows, found 12", e.getMessage());
    }
}
