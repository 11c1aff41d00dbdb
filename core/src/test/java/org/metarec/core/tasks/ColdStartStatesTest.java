package org.metarec.core.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metarec.core.data.Domains;
import org.metarec.core.data.IdMap;
import org.metarec.core.data.Interactions;
import org.metarec.core.random.Rng;
import org.metarec.core.tasks.ColdStartStates.State;

/**
 * MeLU's four cold-start states on a generated fixture whose expected states are recomputed here from the
 * definitions: items by release year, users by the time of their first rating, the task size bounds, the
 * query and support sets, and that no held-out rating is a training row.
 */
class ColdStartStatesTest {

    private static final int USERS = 60;
    private static final int ITEMS = 40;

    /**
     * 60 users, 40 items in one domain. Items 0-24 were released 1990-1994, items 25-37 in 1995-1998 and items
     * 38, 39 have no year. User u starts rating at time 1000 + 10 u (so users are ordered by index) with
     * between 2 and 30 ratings of distinct random items, at later times.
     */
    static Interactions fixture(long seed) {
        Rng rng = Rng.derive(seed, "test/cold-start-states");
        Interactions.Builder b = Interactions.builder(Domains.of("all"), true);
        for (int u = 0; u < USERS; u++) {
            int n = 2 + rng.nextInt(29);
            int[] items = rng.sample(ITEMS, n);
            for (int j = 0; j < n; j++) {
                b.add(u, items[j], 1 + rng.nextInt(5), 0, 1000 + 10L * u + (j == 0 ? 0 : 1 + rng.nextInt(5000)));
            }
        }
        return b.build(IdMap.sequential("u", USERS), IdMap.sequential("i", ITEMS));
    }

    static int[] years() {
        int[] y = new int[ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            y[i] = i < 25 ? 1990 + i % 5 : i < 38 ? 1995 + (i - 25) % 4 : 0;
        }
        return y;
    }

    private static final ColdStartStates.Config CONFIG = new ColdStartStates.Config(1996, 0.6, 6, 12, 4, 0.2, 0.25);

    private static Set<Integer> set(int[] a) {
        Set<Integer> s = new HashSet<>();
        Arrays.stream(a).forEach(s::add);
        return s;
    }

    /** The state of a row from the definitions (null: unknown year), given the cut time. */
    private static State expected(Interactions x, int[] years, long cut, int row) {
        int year = years[x.item(row)];
        if (year == 0) {
            return null;
        }
        long first = Long.MAX_VALUE;
        for (int r : x.rowsOfUser(x.user(row))) {
            first = Math.min(first, x.timestamp(r));
        }
        return State.of(first < cut, year < 1996);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void statesFollowReleaseYearAndFirstRatingTime(long seed) {
        Interactions x = fixture(seed);
        ColdStartStates s = ColdStartStates.create(x, years(), CONFIG, Rng.derive(seed, "split"));
        // The users are ordered by first-rating time (1000 + 10 u); the cut is at position floor(0.6 * 60) = 36.
        assertEquals(1000 + 10 * 36, s.newUserTime());
        for (int u = 0; u < USERS; u++) {
            assertEquals(u < 36, s.isExistingUser(u), "user " + u);
        }
        for (int r = 0; r < x.size(); r++) {
            assertEquals(expected(x, years(), s.newUserTime(), r), s.state(x, r), "row " + r);
        }
        assertNull(s.state(x, Arrays.stream(x.allRows()).filter(r -> x.item(r) >= 38).findFirst().orElseThrow()));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aTaskIsAUsersRatingsInOneStateWhenTheyNumberBetweenTheBounds(long seed) {
        Interactions x = fixture(seed);
        ColdStartStates s = ColdStartStates.create(x, years(), CONFIG, Rng.derive(seed, "split"));
        for (State state : State.values()) {
            Set<Integer> withTask = new HashSet<>();
            for (RatingTask t : s.tasks(state)) {
                withTask.add(t.user());
                assertEquals(4, t.querySize(), "query size");
                int[] rows = TaskWorlds.concat(t.queryRows(), t.supportRows());
                Arrays.sort(rows);
                int[] expected = Arrays.stream(x.rowsOfUser(t.user()))
                        .filter(r -> expected(x, years(), s.newUserTime(), r) == state).sorted().toArray();
                assertArrayEquals(expected, rows, state + ", user " + t.user() + ": query + support = all rows there");
            }
            int tooFew = 0;
            int tooMany = 0;
            for (int u = 0; u < USERS; u++) {
                long n = Arrays.stream(x.rowsOfUser(u))
                        .filter(r -> expected(x, years(), s.newUserTime(), r) == state).count();
                assertEquals(n >= 6 && n <= 12, withTask.contains(u), state + ", user " + u + " with " + n);
                tooFew += n > 0 && n < 6 ? 1 : 0;
                tooMany += n > 12 ? 1 : 0;
            }
            assertArrayEquals(new int[] {tooFew, tooMany}, s.skippedUsers(state), state.label());
            assertFalse(s.tasks(state).isEmpty(), "the fixture should give every state some tasks: " + state);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void onlyTrainingUsersWarmRatingsAreTrainingRows(long seed) {
        Interactions x = fixture(seed);
        ColdStartStates s = ColdStartStates.create(x, years(), CONFIG, Rng.derive(seed, "split"));
        Set<Integer> training = set(s.trainingUsers());
        Set<Integer> validation = set(s.validationUsers());
        Set<Integer> warmTest = set(s.warmTestUsers());
        int warm = s.tasks(State.WARM).size();
        assertEquals(Math.round(0.25 * warm), warmTest.size());
        assertEquals(Math.round(0.2 * warm), validation.size());
        assertEquals(warm, training.size() + validation.size() + warmTest.size());
        assertTrue(training.stream().noneMatch(u -> validation.contains(u) || warmTest.contains(u)));
        assertTrue(validation.stream().noneMatch(warmTest::contains));

        List<Integer> expected = new ArrayList<>();
        for (int r = 0; r < x.size(); r++) {
            if (expected(x, years(), s.newUserTime(), r) == State.WARM && training.contains(x.user(r))) {
                expected.add(r);
            }
        }
        assertEquals(expected, Arrays.stream(s.trainingRows()).boxed().toList());
        Set<Integer> trainingRows = set(s.trainingRows());
        for (State state : List.of(State.USER_COLD, State.ITEM_COLD, State.USER_ITEM_COLD)) {
            for (RatingTask t : s.testTasks(state)) {
                for (int r : TaskWorlds.concat(t.supportRows(), t.queryRows())) {
                    assertFalse(trainingRows.contains(r), state + ": row " + r + " is a training row");
                }
            }
            assertEquals(s.tasks(state), s.testTasks(state));
        }
        for (List<RatingTask> held : List.of(s.validationTasks(), s.testTasks(State.WARM))) {
            for (RatingTask t : held) {
                assertTrue(Arrays.stream(t.queryRows()).noneMatch(trainingRows::contains));
                assertTrue(Arrays.stream(t.supportRows()).noneMatch(trainingRows::contains));
            }
        }
        assertEquals(Arrays.stream(s.warmTestUsers()).boxed().toList(),
                s.testTasks(State.WARM).stream().map(RatingTask::user).toList());
    }

    @Test
    void queriesAreSeededDrawsThatDifferBetweenSeeds() {
        Interactions x = fixture(1);
        ColdStartStates a = ColdStartStates.create(x, years(), CONFIG, Rng.derive(7, "split"));
        ColdStartStates b = ColdStartStates.create(x, years(), CONFIG, Rng.derive(7, "split"));
        ColdStartStates c = ColdStartStates.create(x, years(), CONFIG, Rng.derive(8, "split"));
        for (State state : State.values()) {
            assertEquals(a.tasks(state), b.tasks(state), state.label());
            assertNotEquals(a.tasks(state), c.tasks(state), state.label());
        }
        assertArrayEquals(a.trainingRows(), b.trainingRows());
    }

    @Test
    void meluBoundsAndInvalidSettingsAreNamed() {
        ColdStartStates.Config melu = ColdStartStates.Config.melu(1998, 0.8);
        assertEquals(List.of(13, 100, 10), List.of(melu.minRatings(), melu.maxRatings(), melu.querySize()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ColdStartStates.Config(1998, 0.8, 10, 100, 10, 0.1, 0.2));
        assertEquals("cold-start states minRatings: expected more than querySize (10), found 10", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ColdStartStates.Config(1998, 1.0, 13, 100, 10, 0.1, 0.2));
        assertEquals("cold-start states existingUserShare: expected a value in (0, 1), found 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ColdStartStates.Config(1998, 0.8, 13, 12, 10, 0.1, 0.2));
        assertEquals("cold-start states maxRatings: expected >= minRatings (13), found 12", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ColdStartStates.Config(1998, 0.8, 13, 100, 10, 0.5, 0.5));
        assertTrue(e.getMessage().startsWith("cold-start states warmTestRatio: expected validationRatio + warmTestRatio < 1"),
                e.getMessage());
    }

    @Test
    void dataWithSeveralDomainsOrWithoutTimesIsRefused() {
        Interactions twoDomains = Interactions.of(IdMap.sequential("u", 1), IdMap.sequential("i", 2),
                Domains.of("a", "b"), new int[] {0, 0}, new int[] {0, 1}, new double[] {1, 2}, new int[] {0, 1},
                new long[] {1, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ColdStartStates.create(twoDomains, new int[] {1990, 1999}, CONFIG, Rng.derive(1, "s")));
        assertTrue(e.getMessage().contains("expected interactions with one domain"), e.getMessage());
        Interactions noTimes = Interactions.of(IdMap.sequential("u", 1), IdMap.sequential("i", 2), Domains.of("a"),
                new int[] {0, 0}, new int[] {0, 1}, new double[] {1, 2}, new int[] {0, 0}, null);
        e = assertThrows(IllegalArgumentException.class,
                () -> ColdStartStates.create(noTimes, new int[] {1990, 1999}, CONFIG, Rng.derive(1, "s")));
        assertTrue(e.getMessage().contains("expected ratings with timestamps"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aValidationFoldTakesTrainingUsersTasksAndLeavesEverythingElse(long seed) {
        Interactions x = fixture(seed);
        ColdStartStates s = ColdStartStates.create(x, years(), CONFIG, Rng.derive(seed, "split"));
        int[] training = s.trainingUsers();
        int[] fold = Arrays.stream(training).filter(u -> u % 2 == 1).toArray();
        ColdStartStates f = s.withValidationFold(fold);
        assertArrayEquals(fold, f.validationUsers());
        assertArrayEquals(Arrays.stream(training).filter(u -> u % 2 == 0).toArray(), f.trainingUsers());
        Set<Integer> foldRows = new HashSet<>();
        for (RatingTask t : f.validationTasks()) {
            assertTrue(s.trainingTasks().contains(t), "a fold's task is the user's own training task");
            Arrays.stream(TaskWorlds.concat(t.queryRows(), t.supportRows())).forEach(foldRows::add);
        }
        assertTrue(Arrays.stream(f.trainingRows()).noneMatch(foldRows::contains));
        assertEquals(set(s.trainingRows()).size(), f.trainingRows().length + foldRows.size());
        for (State state : State.values()) {
            assertEquals(s.testTasks(state), f.testTasks(state), state.label());
        }
        int notTraining = s.validationUsers()[0];
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> s.withValidationFold(new int[] {notTraining}));
    }
}
