package org.metarec.core.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.core.data.Interactions;
import org.metarec.core.data.SplitDataset;
import org.metarec.core.data.SplitPart;

/** The CDRIB Amazon loader on generated scenario folders, and on the real files when they are present. */
class CdribLoaderTest {

    /** A fixture scenario: domains a (folder a_b) and b (folder b_a), users 0 and 1 overlapping (C = 2). */
    static final CdribLoader.Layout FIXTURE = new CdribLoader.Layout("a_b", List.of("a", "b"), List.of("a_b", "b_a"), 2,
            Map.of());

    @TempDir
    Path dir;

    private void write(String folder, String file, String text) throws IOException {
        Files.createDirectories(dir.resolve(folder));
        Files.writeString(dir.resolve(folder).resolve(file), text, StandardCharsets.UTF_8);
    }

    /** Writes every file of the fixture: user 1 is cold in domain b (its b rows are in valid and test only). */
    private void writeFixture() throws IOException {
        write("a_b", "train.txt", "0\t0\n1\t1\n2\t0\n2\t2\n");
        write("a_b", "valid.txt", "0\t2\n");
        write("a_b", "test.txt", "0\t1\n");
        write("b_a", "train.txt", "0\t5\n2\t5\n3\t6\n");
        write("b_a", "valid.txt", "1\t6\n");
        write("b_a", "test.txt", "1\t5\n");
    }

    @Test
    void idsBelowTheOverlapAreOnePersonAndHigherIdsAreTwo() throws IOException {
        writeFixture();
        SplitDataset s = CdribLoader.load(dir, FIXTURE, LoadOptions.DEFAULT);
        Interactions x = s.interactions();
        assertEquals(List.of("a", "b"), s.dataset().domains().names());
        assertEquals(11, x.size());
        // 0 and 1 once each; 2 of a, 2 of b and 3 of b are three more people.
        assertEquals(5, x.userCount());
        assertEquals(x.user(0), x.user(6), "user 0 of a and user 0 of b are one person");
        assertNotEquals(x.user(2), x.user(7), "user 2 of a and user 2 of b are different people");
        assertEquals(x.userIds().indexOf("b/2"), x.user(7));
        assertEquals(2, s.overlapUsers());
        assertEquals(2, s.dataset().report().userOverlap(0, 1), "only users 0 and 1 have rows in both domains");
        // Item 5 of b and item 0 of a are different items, whatever their numbers.
        assertEquals(3 + 2, x.itemCount());
        assertNotEquals(x.item(0), x.item(6));
        for (int r = 0; r < x.size(); r++) {
            assertEquals(1.0, x.rating(r), "implicit feedback: every line is an interaction");
        }
    }

    @Test
    void theRowsKeepTheirPartAndTheColdUsersAreThoseHeldOut() throws IOException {
        writeFixture();
        SplitDataset s = CdribLoader.load(dir, FIXTURE, LoadOptions.DEFAULT);
        Interactions x = s.interactions();
        assertEquals(4, s.rows(SplitPart.TRAIN, 0).length);
        assertEquals(1, s.rows(SplitPart.VALID, 0).length);
        assertEquals(1, s.rows(SplitPart.TEST, 0).length);
        assertEquals(3, s.rows(SplitPart.TRAIN, 1).length);
        int[] valid = s.rows(SplitPart.VALID, 1);
        assertEquals(1, valid.length);
        assertEquals(x.userIds().indexOf("1"), x.user(valid[0]));
        assertEquals(x.itemIds().indexOf("b/6"), x.item(valid[0]));
        assertArrayEquals(new int[] {x.userIds().indexOf("1")}, s.heldOutUsers(1));
        String notes = String.join("\n", s.dataset().report().notes());
        assertTrue(notes.contains("b: train 3, valid 1, test 1 interactions; cold users (held out in valid/test) 1"), notes);
        assertTrue(s.dataset().report().toText().contains("Notes:"), "the data command prints the split");
    }

    private static void assertArrayEquals(int[] expected, int[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, Arrays.toString(actual));
    }

    @Test
    void aMalformedLineNamesFolderFileAndLine() throws IOException {
        writeFixture();
        write("b_a", "valid.txt", "1\t6\n1 7\n");
        assertEquals("b_a/valid.txt:2: expected 2 tab-separated fields (user, item), found 1",
                assertThrows(MalformedDataException.class, () -> CdribLoader.load(dir, FIXTURE, LoadOptions.DEFAULT))
                        .getMessage());
        write("b_a", "valid.txt", "1\tsix\n");
        assertEquals("b_a/valid.txt:1: expected the item id as an integer, found 'six'",
                assertThrows(MalformedDataException.class, () -> CdribLoader.load(dir, FIXTURE, LoadOptions.DEFAULT))
                        .getMessage());
        write("b_a", "valid.txt", "1\tsix\n1\t6\n");
        SplitDataset skipped = CdribLoader.load(dir, FIXTURE, LoadOptions.skippingBadLines());
        assertEquals(1, skipped.rows(SplitPart.VALID, 1).length, "the bad line is skipped, the good one kept");
        assertTrue(skipped.dataset().report().toText().contains("b_a/valid.txt"), skipped.dataset().report().toText());
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        writeFixture();
        Files.delete(dir.resolve("b_a").resolve("test.txt"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> CdribLoader.load(dir, FIXTURE, LoadOptions.DEFAULT));
        assertEquals(dir.resolve("b_a").resolve("test.txt").toString(), e.getFile());
    }

    @Test
    void aChecksumMismatchIsAWarning() throws IOException {
        writeFixture();
        CdribLoader.Layout known = new CdribLoader.Layout("a_b", List.of("a", "b"), List.of("a_b", "b_a"), 2,
                Map.of("a_b/train.txt", "0".repeat(64)));
        List<String> warnings = CdribLoader.load(dir, known, LoadOptions.DEFAULT).dataset().report().warnings();
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("a_b/train.txt: SHA-256 differs"), warnings.get(0));
        assertEquals(List.of(), CdribLoader.load(dir, known, new LoadOptions(false, false)).dataset().report().warnings());
    }

    @Test
    void theRealGameVideoFilesHaveTheCountsOfTheDataReadme() throws IOException {
        Optional<Path> real = find();
        assumeTrue(real.isPresent(), "the CDRIB files (shared/data/cdrib-amazon) are not on this machine");
        SplitDataset s = CdribLoader.load(real.get(), CdribLoader.Scenario.GAME_VIDEO, LoadOptions.DEFAULT);
        assertEquals(List.of(), s.dataset().report().warnings(), "the files' SHA-256 match the release");
        Interactions x = s.interactions();
        int[][] lines = {{155_036, 1_381, 1_304}, {156_091, 1_435, 1_458}};
        int[][] users = {{24_799, 213, 212}, {19_240, 210, 216}};
        for (int d = 0; d < 2; d++) {
            for (SplitPart p : SplitPart.values()) {
                int[] rows = s.rows(p, d);
                assertEquals(lines[d][p.ordinal()], rows.length, d + " " + p);
                assertEquals(users[d][p.ordinal()], Arrays.stream(rows).map(x::user).distinct().count(), d + " " + p);
            }
        }
        assertEquals(12_319, Arrays.stream(s.rows(SplitPart.TRAIN, 0)).map(x::item).distinct().count());
        assertEquals(8_751, Arrays.stream(s.rows(SplitPart.TRAIN, 1)).map(x::item).distinct().count());
        assertEquals(2_179, s.dataset().report().userOverlap(0, 1), "C = 2,179 users are in both domains");
        // Cold users of game are 1953..2178: none has a game training row, all keep their video rows in training.
        Set<Integer> coldGame = new HashSet<>();
        for (int u : s.heldOutUsers(0)) {
            int raw = Integer.parseInt(x.userIds().rawId(u));
            assertTrue(raw >= 1953 && raw <= 2178, "cold game user " + raw);
            coldGame.add(u);
        }
        for (int r : s.rows(SplitPart.TRAIN, 0)) {
            assertTrue(!coldGame.contains(x.user(r)), "a cold user's game row is in training");
        }
    }

    /** {@code shared/data/cdrib-amazon} found walking up from the working directory. */
    static Optional<Path> find() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("data").resolve("cdrib-amazon");
            if (Files.isRegularFile(candidate.resolve("game_video").resolve("train.txt"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
