package org.metarec.core.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.Interactions;

/** The Douban Book + Music loader on hand-written files, and on the real files when they are present. */
class DoubanLoaderTest {

    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void usersAreSharedAndItemsArePerDomain() throws IOException {
        write("book_ratings.dat", "1\t17\t5\n2\t17\t3\n1\t4\t4\n");
        write("music_ratings.dat", "2\t17\t1\n3\t9\t2\n");
        Dataset d = DoubanLoader.load(dir, LoadOptions.DEFAULT);
        Interactions x = d.interactions();
        assertEquals(List.of("book", "music"), d.domains().names());
        assertEquals(5, x.size());
        assertEquals(3, x.userCount(), "user 2 of both files is one user");
        assertEquals(4, x.itemCount(), "book 17 and music 17 are two items");
        assertEquals(x.user(1), x.user(3), "user 2 rated book 17 and music 17");
        assertTrue(x.item(1) != x.item(3), "book 17 and music 17 are different items");
        assertEquals(x.item(0), x.item(1), "book 17 rated twice is one item");
        assertEquals(1, d.report().userOverlap(0, 1));
        // Hand-written files are not the released ones: each gets a checksum warning, unless checks are off.
        assertEquals(2, d.report().warnings().size());
        assertTrue(d.report().warnings().get(0).startsWith("book_ratings.dat: SHA-256 differs"), d.report().warnings().get(0));
        assertEquals(List.of(), DoubanLoader.load(dir, new LoadOptions(false, false)).report().warnings());
    }

    @Test
    void aMalformedLineNamesFileAndLine() throws IOException {
        write("book_ratings.dat", "1\t17\t5\n2\tx17\n");
        write("music_ratings.dat", "2\t17\t1\n");
        assertEquals("book_ratings.dat:2: expected 3 tab-separated fields (user, item, rating), found 2",
                assertThrows(MalformedDataException.class, () -> DoubanLoader.load(dir, LoadOptions.DEFAULT)).getMessage());
        write("book_ratings.dat", "1\t17\tfive\n");
        assertEquals("book_ratings.dat:1: expected the rating as a finite number, found 'five'",
                assertThrows(MalformedDataException.class, () -> DoubanLoader.load(dir, LoadOptions.DEFAULT)).getMessage());
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        write("book_ratings.dat", "1\t17\t5\n");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> DoubanLoader.load(dir, LoadOptions.DEFAULT));
        assertEquals(dir.resolve("music_ratings.dat").toString(), e.getFile());
        assertTrue(e.getReason().contains("book_ratings.dat and music_ratings.dat"), e.getReason());
    }

    @Test
    void theRealFilesHaveTheCountsOfTheDataReadme() throws IOException {
        Optional<Path> real = find();
        assumeTrue(real.isPresent(), "the Douban files (shared/data/douban) are not on this machine");
        Dataset d = DoubanLoader.load(real.get(), LoadOptions.DEFAULT);
        Interactions x = d.interactions();
        assertEquals(List.of(), d.report().warnings(), "the files' SHA-256 match the release");
        assertEquals(96_041, x.countInDomain(0));
        assertEquals(69_709, x.countInDomain(1));
        assertEquals(2_110, x.usersIn(0).length);
        assertEquals(1_672, x.usersIn(1).length);
        assertEquals(1_566, d.report().userOverlap(0, 1));
        assertEquals(6_777 + 5_567, x.itemCount());
    }

    /** {@code shared/data/douban} found walking up from the working directory. */
    private static Optional<Path> find() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("data").resolve("douban");
            if (Files.isRegularFile(candidate.resolve("book_ratings.dat"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
