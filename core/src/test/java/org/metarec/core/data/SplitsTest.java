package org.metarec.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.metarec.core.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SplitsTest {

    private static void assertDisjointAndComplete(int[] candidates, Split s, String where) {
        int[] union = IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.test())).sorted().toArray();
        int[] expected = candidates.clone();
        Arrays.sort(expected);
        assertArrayEquals(expected, union, where + ": train + test must be exactly the candidate rows");
        assertEquals(union.length, Arrays.stream(union).distinct().count(), where + ": parts overlap");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void byUserIsDisjointCompleteAndSeparatesUsers(long seed) {
        Interactions x = SmallData.random(seed, 400, 30, 40, 2);
        int[] rows = x.allRows();
        Split s = Splits.byUser(x, rows, 0.3, Rng.derive(seed, "split"));
        assertDisjointAndComplete(rows, s, "seed " + seed);
        Set<Integer> trainUsers = new HashSet<>();
        Arrays.stream(s.train()).forEach(r -> trainUsers.add(x.user(r)));
        Set<Integer> testUsers = new HashSet<>();
        Arrays.stream(s.test()).forEach(r -> testUsers.add(x.user(r)));
        testUsers.retainAll(trainUsers);
        assertTrue(testUsers.isEmpty(), "seed " + seed + ": users in both parts " + testUsers);
        long usersWithRows = Arrays.stream(rows).map(x::user).distinct().count();
        long testUserCount = Arrays.stream(s.test()).map(x::user).distinct().count();
        assertEquals(Math.round(0.3 * usersWithRows), testUserCount, "seed " + seed);
        assertEquals(s, Splits.byUser(x, rows, 0.3, Rng.derive(seed, "split")), "seed " + seed + ": reproducible");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void byItemIsDisjointCompleteAndSeparatesItems(long seed) {
        Interactions x = SmallData.random(seed, 400, 30, 40, 2);
        int[] rows = Arrays.stream(x.allRows()).filter(r -> r % 3 != 0).toArray();
        Split s = Splits.byItem(x, rows, 0.25, Rng.derive(seed, "split"));
        assertDisjointAndComplete(rows, s, "seed " + seed);
        Set<Integer> trainItems = new HashSet<>();
        Arrays.stream(s.train()).forEach(r -> trainItems.add(x.item(r)));
        assertTrue(Arrays.stream(s.test()).noneMatch(r -> trainItems.contains(x.item(r))), "seed " + seed);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void byRowIsDisjointCompleteWithTheRightSize(long seed) {
        int[] rows = IntStream.range(0, 101).map(i -> 3 * i).toArray();
        Split s = Splits.byRow(rows, 0.2, Rng.derive(seed, "split"));
        assertDisjointAndComplete(rows, s, "seed " + seed);
        assertEquals(20, s.test().length, "round(0.2 * 101) = 20");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void byTimePutsTheLatestRowsInTest(long seed) {
        Interactions x = SmallData.random(seed, 300, 20, 20, 2);
        int[] rows = x.allRows();
        Split s = Splits.byTime(x, rows, 0.1);
        assertDisjointAndComplete(rows, s, "seed " + seed);
        assertEquals(30, s.test().length);
        long latestTrain = Arrays.stream(s.train()).mapToLong(x::timestamp).max().orElseThrow();
        long earliestTest = Arrays.stream(s.test()).mapToLong(x::timestamp).min().orElseThrow();
        assertTrue(latestTrain <= earliestTest, "seed " + seed);
    }

    @Test
    void byTimeHandChecked() {
        // Times of rows 0..5: 10, 5, 7, 1, 3, 9. Latest third (2 rows): rows 0 (10) and 5 (9).
        Split s = Splits.byTime(SmallData.sixRows(), SmallData.sixRows().allRows(), 1.0 / 3);
        assertArrayEquals(new int[] {0, 5}, s.test());
        assertArrayEquals(new int[] {1, 2, 3, 4}, s.train());
    }

    @Test
    void differentSeedsGiveDifferentSplits() {
        Interactions x = SmallData.random(1, 400, 30, 40, 2);
        assertNotEquals(Splits.byUser(x, x.allRows(), 0.5, Rng.derive(1, "split")),
                Splits.byUser(x, x.allRows(), 0.5, Rng.derive(2, "split")));
    }

    @Test
    void badArgumentsAreRejected() {
        Interactions x = SmallData.sixRows();
        assertEquals("test fraction: expected a value in (0, 1), found 1.0",
                assertThrows(IllegalArgumentException.class,
                        () -> Splits.byRow(x.allRows(), 1.0, Rng.seeded(1))).getMessage());
        assertEquals("split rows: expected distinct rows, found row 2 twice",
                assertThrows(IllegalArgumentException.class,
                        () -> Splits.byUser(x, new int[] {2, 1, 2}, 0.5, Rng.seeded(1))).getMessage());
        assertEquals("split rows: expected rows in [0, 6), found 6",
                assertThrows(IllegalArgumentException.class,
                        () -> Splits.byTime(x, new int[] {6}, 0.5)).getMessage());
        Interactions untimed = Interactions.of(IdMap.sequential("u", 1), IdMap.sequential("i", 1), Domains.of("A"),
                new int[] {0}, new int[] {0}, new double[] {1}, new int[] {0}, null);
        assertEquals("split by time: expected interactions with timestamps, found none",
                assertThrows(IllegalArgumentException.class,
                        () -> Splits.byTime(untimed, new int[] {0}, 0.5)).getMessage());
    }

    @Test
    void splitRejectsOverlappingParts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Split(new int[] {1, 3}, new int[] {2, 3}));
        assertEquals("split: expected disjoint train and test rows, found row 3 in both", e.getMessage());
    }
}
