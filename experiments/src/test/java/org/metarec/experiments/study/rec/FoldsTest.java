package org.metarec.experiments.study.rec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.metarec.core.random.Rng;

/** {@link Folds#partition}: disjoint folds that cover the users, sizes within one, fixed by the stream alone. */
class FoldsTest {

    @Test
    void foldsAreDisjointCoverEveryUserAndDifferInSizeByAtMostOne() {
        Rng cases = Rng.derive(5, "folds-test/cases");
        for (int c = 0; c < 200; c++) {
            int n = 2 + cases.nextInt(60);
            int k = 2 + cases.nextInt(n - 1);
            Set<Integer> drawn = new HashSet<>();
            while (drawn.size() < n) {
                drawn.add(cases.nextInt(10_000));
            }
            int[] users = drawn.stream().mapToInt(Integer::intValue).toArray();
            int[][] folds = Folds.partition(users, k, Rng.derive(c, "folds"), "case " + c);
            assertEquals(k, folds.length);
            Set<Integer> seen = new HashSet<>();
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int[] f : folds) {
                min = Math.min(min, f.length);
                max = Math.max(max, f.length);
                int[] sorted = f.clone();
                Arrays.sort(sorted);
                assertArrayEquals(sorted, f, "each fold ascending");
                for (int u : f) {
                    assertTrue(seen.add(u), "user " + u + " in two folds");
                }
            }
            assertEquals(drawn, seen, "the folds cover the users");
            assertTrue(max - min <= 1 && min >= 1, n + " users in " + k + " folds: sizes " + Folds.sizes(folds));
        }
    }

    @Test
    void theSameStreamGivesTheSameFoldsWhateverTheUsersOrderAndAnotherStreamOthers() {
        int[] users = new int[40];
        for (int i = 0; i < users.length; i++) {
            users[i] = 3 * i + 1;
        }
        int[] reversed = new int[users.length];
        for (int i = 0; i < users.length; i++) {
            reversed[i] = users[users.length - 1 - i];
        }
        int[][] a = Folds.partition(users, 3, Rng.derive(1, "crossdomain/folds"), "a");
        int[][] b = Folds.partition(reversed, 3, Rng.derive(1, "crossdomain/folds"), "b");
        int[][] other = Folds.partition(users, 3, Rng.derive(2, "crossdomain/folds"), "c");
        for (int f = 0; f < 3; f++) {
            assertArrayEquals(a[f], b[f]);
        }
        assertFalse(Arrays.deepEquals(a, other), "another seed should deal the users differently");
        assertEquals("14/13/13", Folds.sizes(a));
    }

    @Test
    void moreFoldsThanUsersOrFewerThanTwoOrARepeatedUserIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Folds.partition(new int[] {4, 7, 9}, 4, Rng.derive(1, "f"), "split k5_beta20_seed1"));
        assertEquals("tuning.folds: expected at most 3 folds (the training users of split k5_beta20_seed1 that can be "
                + "validated), found 4", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Folds.partition(new int[] {4, 7, 9}, 1, Rng.derive(1, "f"), "s"));
        assertThrows(IllegalArgumentException.class, () -> Folds.partition(new int[] {4, 7, 4}, 2, Rng.derive(1, "f"), "s"));
    }
}
