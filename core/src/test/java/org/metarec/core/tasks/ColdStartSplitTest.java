package org.metarec.core.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.metarec.core.data.Interactions;
import org.metarec.core.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColdStartSplitTest {

    private static Set<Integer> set(int[] a) {
        Set<Integer> s = new HashSet<>();
        Arrays.stream(a).forEach(s::add);
        return s;
    }

    @ParameterizedTest
    @CsvSource({"1, 0.2, 0", "2, 0.5, 3", "3, 0.8, 5", "4, 0.5, 1", "5, 0.2, 10"})
    void protocolInvariants(long seed, double beta, int k) {
        Interactions x = TaskWorlds.world(seed);
        ColdStartSplit.Config config = new ColdStartSplit.Config(List.of("d0", "d1"), "d2", beta, k, 0.25,
                Integer.MAX_VALUE, 3);
        ColdStartSplit split = ColdStartSplit.create(x, config, Rng.derive(seed, "cold-start"));
        String where = "seed " + seed + ", beta " + beta + ", K " + k;
        Set<Integer> training = set(split.trainingRows());
        Set<Integer> test = set(split.testUsers());
        Set<Integer> validation = set(split.validationUsers());
        Set<Integer> overlap = set(split.overlapUsers());

        // Overlap users are exactly those with source and target ratings.
        for (int u = 0; u < x.userCount(); u++) {
            boolean expected = x.countOf(u, 2) > 0 && (x.countOf(u, 0) > 0 || x.countOf(u, 1) > 0);
            assertEquals(expected, overlap.contains(u), where + ", user " + u);
        }
        // Test and validation users are disjoint overlap users with enough target ratings.
        assertTrue(overlap.containsAll(test) && overlap.containsAll(validation), where);
        assertTrue(test.stream().noneMatch(validation::contains), where);
        int minTarget = Math.max(k + 1, 3);
        for (int u : split.testUsers()) {
            assertTrue(x.countOf(u, 2) >= minTarget, where + ", user " + u);
        }
        int candidates = split.overlapUsers().length - split.ineligibleOverlapUsers();
        assertEquals(Math.round(beta * candidates), test.size(), where);
        assertEquals(Math.round(0.25 * (candidates - test.size())), validation.size(), where);
        assertEquals(split.overlapUsers().length - test.size() - validation.size(),
                split.trainingOverlapUsers().length, where);

        // No target rating of a test or validation user is a training row; all their source rows are.
        for (int r : split.trainingRows()) {
            if (x.domain(r) == 2) {
                assertFalse(test.contains(x.user(r)) || validation.contains(x.user(r)), where + ", row " + r);
            }
        }
        // Tasks: K support, the rest query, disjoint, all target rows of the user, never in training.
        for (List<RatingTask> tasks : List.of(split.testTasks(), split.validationTasks())) {
            for (RatingTask t : tasks) {
                assertEquals(k, t.supportSize(), where);
                int[] rows = TaskWorlds.concat(t.supportRows(), t.queryRows());
                Arrays.sort(rows);
                assertArrayEquals(x.rowsOf(t.user(), 2), rows, where + ", user " + t.user());
                for (int r : rows) {
                    assertFalse(training.contains(r), where + ": hidden row " + r + " leaked into training");
                }
            }
        }
        assertEquals(test.size(), split.testTasks().size(), where);
        // Completeness: training + hidden rows = all rows of the source and target domains.
        long sourceAndTarget = IntStream.of(x.allRows()).filter(r -> x.domain(r) <= 2).count();
        long hidden = split.testTasks().stream().mapToLong(t -> t.supportSize() + t.querySize()).sum()
                + split.validationTasks().stream().mapToLong(t -> t.supportSize() + t.querySize()).sum();
        assertEquals(sourceAndTarget, split.trainingRows().length + hidden, where);
    }

    @Test
    void otherDomainsAreNotTrainingRows() {
        Interactions x = TaskWorlds.world(6);
        ColdStartSplit split = ColdStartSplit.create(x, ColdStartSplit.Config.of("d0", "d1", 0.5, 2), Rng.seeded(6));
        assertTrue(Arrays.stream(split.trainingRows()).noneMatch(r -> x.domain(r) == 2));
        assertTrue(Arrays.stream(split.trainingRows()).anyMatch(r -> x.domain(r) == 0));
    }

    @ParameterizedTest
    @CsvSource({"1, 0.2, 0", "2, 0.5, 3", "3, 0.8, 5", "4, 0.5, 1"})
    void aMinimumOfValidationUsersIsMetWhenTheDataHasThemAndKeepsTheTestUsers(long seed, double beta, int k) {
        Interactions x = TaskWorlds.world(seed);
        ColdStartSplit.Config ratio = new ColdStartSplit.Config(List.of("d0", "d1"), "d2", beta, k, 0.05,
                Integer.MAX_VALUE, 3);
        ColdStartSplit plain = ColdStartSplit.create(x, ratio, Rng.derive(seed, "cold-start"));
        int rest = plain.overlapUsers().length - plain.ineligibleOverlapUsers() - plain.testUsers().length;
        String where = "seed " + seed + ", beta " + beta + ", K " + k + ", " + rest + " non-test candidates";
        for (int min : new int[] {0, 3, rest / 2, rest, 10 * rest}) {
            ColdStartSplit s = ColdStartSplit.create(x, ratio.withMinValidationUsers(min), Rng.derive(seed, "cold-start"));
            int expected = Math.max((int) Math.round(0.05 * rest), Math.min(min, rest / 2));
            assertEquals(expected, s.validationUsers().length, where + ", min " + min);
            // The same test users, whatever the minimum: only training candidates move to validation.
            assertArrayEquals(plain.testUsers(), s.testUsers(), where + ", min " + min);
            assertTrue(set(plain.trainingOverlapUsers()).containsAll(set(s.trainingOverlapUsers())), where);
            assertTrue(s.trainingOverlapUsers().length >= s.validationUsers().length, where);
        }
        assertThrows(IllegalArgumentException.class, () -> ratio.withMinValidationUsers(-1));
    }

    @Test
    void deterministicPerSeed() {
        Interactions x = TaskWorlds.world(1);
        ColdStartSplit.Config config = ColdStartSplit.Config.of("d0", "d2", 0.5, 3);
        ColdStartSplit a = ColdStartSplit.create(x, config, Rng.derive(1, "cold-start"));
        ColdStartSplit b = ColdStartSplit.create(x, config, Rng.derive(1, "cold-start"));
        ColdStartSplit c = ColdStartSplit.create(x, config, Rng.derive(2, "cold-start"));
        assertArrayEquals(a.testUsers(), b.testUsers());
        assertArrayEquals(a.trainingRows(), b.trainingRows());
        assertEquals(a.testTasks(), b.testTasks());
        assertEquals(a.validationTasks(), b.validationTasks());
        assertNotEquals(Arrays.toString(a.testUsers()), Arrays.toString(c.testUsers()));
    }

    @Test
    void describeSummarisesTheSizes() {
        Interactions x = TaskWorlds.world(1);
        ColdStartSplit s = ColdStartSplit.create(x, ColdStartSplit.Config.of("d0", "d2", 0.5, 3), Rng.seeded(1));
        String text = s.describe();
        assertTrue(text.startsWith("Cold-start split: sources [0] -> target 2, beta 0.50, K 3"), text);
        assertTrue(text.contains("test users " + s.testUsers().length + " "), text);
    }

    @Test
    void invalidConfigurationsAreClearErrors() {
        assertEquals("cold-start sourceDomains[0]: expected a domain other than the target, found the target 'd1'",
                assertThrows(IllegalArgumentException.class,
                        () -> ColdStartSplit.Config.of("d1", "d1", 0.5, 1)).getMessage());
        assertEquals("cold-start testRatio: expected a value in (0, 1), found 1.0",
                assertThrows(IllegalArgumentException.class,
                        () -> ColdStartSplit.Config.of("d0", "d1", 1.0, 1)).getMessage());
        Interactions x = TaskWorlds.world(1);
        assertEquals("cold-start targetDomain: expected one of the data's domains [d0, d1, d2], found 'd5'",
                assertThrows(IllegalArgumentException.class,
                        () -> ColdStartSplit.create(x, ColdStartSplit.Config.of("d0", "d5", 0.5, 1), Rng.seeded(1)))
                        .getMessage());
        assertEquals("cold-start sourceDomains[0]: expected one of the data's domains [d0, d1, d2], found 'Action'",
                assertThrows(IllegalArgumentException.class,
                        () -> ColdStartSplit.create(x, ColdStartSplit.Config.of("Action", "d1", 0.5, 1),
                                Rng.seeded(1))).getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ColdStartSplit.create(x, ColdStartSplit.Config.of("d0", "d1", 0.5, 10_000), Rng.seeded(1)));
        assertTrue(none.getMessage().startsWith("cold-start split: expected at least one test user, found none (0 "),
                none.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"1, 0.2, 0", "2, 0.5, 3", "3, 0.3, 1"})
    void aValidationFoldMovesTrainingCandidatesOutOfTrainingAndKeepsTheTestUsers(long seed, double beta, int k) {
        Interactions x = TaskWorlds.world(seed);
        ColdStartSplit.Config config = new ColdStartSplit.Config(List.of("d0", "d1"), "d2", beta, k, 0.25,
                Integer.MAX_VALUE, 3);
        Rng rng = Rng.derive(seed, "cold-start");
        ColdStartSplit split = ColdStartSplit.create(x, config, rng);
        int[] candidates = split.trainingCandidates(x);
        Set<Integer> heldOut = set(split.testUsers());
        heldOut.addAll(set(split.validationUsers()));
        for (int u : candidates) {
            assertTrue(!heldOut.contains(u) && x.countOf(u, 2) >= Math.max(k + 1, 3), "candidate " + u);
        }
        int[] fold = Arrays.stream(candidates).filter(u -> u % 3 == 0).toArray();
        ColdStartSplit folded = split.withValidationFold(x, fold, rng, SupportOrder.RANDOM);
        assertArrayEquals(fold, folded.validationUsers());
        assertEquals(split.testTasks(), folded.testTasks());
        Set<Integer> inFold = set(fold);
        Set<Integer> rows = set(folded.trainingRows());
        for (int r : split.trainingRows()) {
            boolean foldTarget = x.domain(r) == 2 && inFold.contains(x.user(r));
            assertEquals(!foldTarget, rows.contains(r), "row " + r);
        }
        assertEquals(split.trainingRows().length, rows.size() + Arrays.stream(fold).map(u -> x.countOf(u, 2)).sum());
        for (RatingTask t : folded.validationTasks()) {
            assertEquals(k, t.supportSize());
            assertEquals(x.countOf(t.user(), 2) - k, t.querySize());
        }
        assertTrue(Arrays.stream(folded.trainingOverlapUsers()).noneMatch(inFold::contains));
        int outside = Arrays.stream(split.testUsers()).findFirst().orElseThrow();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> split.withValidationFold(x, new int[] {outside}, rng, SupportOrder.RANDOM));
    }
}
