package org.metarec.core.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.DomainSummary;
import org.metarec.core.data.Interactions;
import org.metarec.core.data.LoadReport;
import org.metarec.core.data.SideFeatures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MovieLens 100K loader on a small invented data set in the same format (no line of the real data is
 * used). Genres: unknown, Action, Comedy, Drama. Items: 10 (Action, Drama), 20 (Comedy), 30 (unknown only),
 * 40 (Comedy, Drama; a Latin-1 title).
 */
class MovieLens100kLoaderTest {

    private static final LoadOptions NO_CHECKSUMS = new LoadOptions(false, false);

    @TempDir
    Path dir;

    @BeforeEach
    void writeFixture() throws IOException {
        write("u.genre", "unknown|0\nAction|1\nComedy|2\nDrama|3\n\n");
        write("u.occupation", "engineer\nwriter\nother\n");
        write("u.user", "1|30|M|engineer|12345\n2|61|F|other|90210\n3|15|M|writer|X1Y2Z\n");
        Files.write(dir.resolve("u.item"), ("10|Film A (1995)|01-Jan-1995||http://example.org/a|0|1|0|1\n"
                + "20|Film B (1982)|01-Jan-1982||http://example.org/b|0|0|1|0\n"
                + "30|Film C||||1|0|0|0\n"
                + "40|Caf\u00e9 (1990)|5-Mar-1990||http://example.org/c|0|0|1|1\n").getBytes(StandardCharsets.ISO_8859_1));
        write("u.data", "1\t10\t4\t1000\n1\t20\t5\t1001\n2\t10\t2\t1002\n2\t30\t3\t1003\n3\t40\t1\t1004\n"
                + "3\t20\t4\t1005\n");
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content, StandardCharsets.ISO_8859_1);
    }

    private Dataset loadGenres(LoadOptions options, String... genres) throws IOException {
        return MovieLens100kLoader.load(dir, DomainAssignment.byGenres(List.of(genres)), options);
    }

    @Test
    void genreDomainsTakeTheFirstListedGenre() throws IOException {
        Dataset d = loadGenres(NO_CHECKSUMS, "Drama", "Comedy");
        Interactions x = d.interactions();
        assertEquals(List.of("Drama", "Comedy"), d.domains().names());
        // Items 10 and 40 have Drama (listed first), 20 only Comedy; 30 has neither and is dropped.
        assertEquals(List.of("10", "20", "40"), x.itemIds().rawIds());
        assertEquals(5, x.size());
        int[] domainOfItem = new int[3];
        for (int r = 0; r < x.size(); r++) {
            domainOfItem[x.item(r)] = x.domain(r);
        }
        assertArrayEquals(new int[] {0, 1, 0}, domainOfItem);
        // Rows keep u.data order without the dropped one: ratings 4, 5, 2, 1, 4; timestamps likewise.
        assertArrayEquals(new double[] {4, 5, 2, 1, 4}, x.ratings(x.allRows()));
        assertEquals(1005L, x.timestamp(4));
        assertEquals(List.of("1", "2", "3"), x.userIds().rawIds());
    }

    @Test
    void reportCountsWhatWasReadKeptAndDropped() throws IOException {
        LoadReport r = loadGenres(NO_CHECKSUMS, "Drama", "Comedy").report();
        assertEquals(3, r.rawUsers());
        assertEquals(4, r.rawItems());
        assertEquals(6, r.rawRatings());
        // Drama: (1,10), (2,10), (3,40); Comedy: (1,20), (3,20).
        assertEquals(new DomainSummary("Drama", 3, 2, 3), r.domains().get(0));
        assertEquals(new DomainSummary("Comedy", 2, 1, 2), r.domains().get(1));
        assertEquals(2, r.userOverlap(0, 1));
        assertEquals(Map.of("items with none of the genres [Drama, Comedy]", 1L,
                "ratings of items with none of the genres [Drama, Comedy]", 1L), r.dropped());
        assertEquals(List.of(), r.warnings());
        assertTrue(r.source().startsWith("MovieLens 100K at "), r.source());
    }

    @Test
    void genreNamesMatchIgnoringCaseAndUnknownGenresAreNamed() throws IOException {
        assertEquals(List.of("Comedy"), loadGenres(NO_CHECKSUMS, "comedy").domains().names());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loadGenres(NO_CHECKSUMS, "Drama", "Horror"));
        assertEquals("genres as domains[1]: expected a genre of u.genre [unknown, Action, Comedy, Drama], "
                + "found 'Horror'", e.getMessage());
    }

    @Test
    void singleDomainKeepsEverything() throws IOException {
        Dataset d = MovieLens100kLoader.load(dir, DomainAssignment.single("movies"), NO_CHECKSUMS);
        assertEquals(6, d.interactions().size());
        assertEquals(4, d.interactions().itemCount());
        assertEquals(Map.of(), d.report().dropped());
        // The year of each release date; item 30 has none.
        assertArrayEquals(new int[] {1995, 1982, 0, 1990}, d.itemYears());
        assertTrue(d.hasItemYears());
    }

    @Test
    void userAndItemFeatures() throws IOException {
        Dataset d = loadGenres(NO_CHECKSUMS, "Drama", "Comedy");
        SideFeatures users = d.userFeatures();
        assertEquals(30.0, users.numeric("age", 0));
        assertEquals(2, users.category("ageGroup", 0), "30 is in 25-34");
        assertEquals(0, users.category("ageGroup", 2), "15 is under 18");
        assertEquals(1, users.category("gender", 1), "F");
        assertEquals(2, users.category("occupation", 1), "'other' is third in u.occupation");
        assertEquals(1, users.category("zipRegion", 0), "12345 starts with 1");
        assertEquals(10, users.category("zipRegion", 2), "a non-numeric zip is 'other'");
        SideFeatures items = d.itemFeatures();
        assertArrayEquals(new int[] {1, 3}, items.categories("genres", 0), "item 10: Action, Drama");
        // Release years 1995, 1982, 1990 give decades [1980s, 1990s].
        assertEquals(1, items.category("releaseDecade", 0));
        assertEquals(0, items.category("releaseDecade", 1));
        assertEquals(1, items.category("releaseDecade", 2), "5-Mar-1990 (one-digit day) is read");
        assertEquals("releaseDecade=1980s", items.featureName(items.offset("releaseDecade")));
    }

    @Test
    void checksumMismatchIsAWarningNamingBothHashes() throws Exception {
        Dataset d = loadGenres(LoadOptions.DEFAULT, "Drama");
        String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(dir.resolve("u.data"))));
        assertTrue(d.report().warnings().contains("u.data: SHA-256 differs from the official release (expected "
                + "06416e597f82b7342361e41163890c81036900f418ad91315590814211dca490, found " + actual
                + "); this copy may have been altered"), d.report().warnings().toString());
        // One warning per file read that has a known hash: u.genre, u.occupation, u.user, u.item, u.data.
        assertEquals(5, d.report().warnings().size(), d.report().warnings().toString());
    }

    @Test
    void malformedRatingLinesStopTheLoadWithFileAndLine() throws IOException {
        write("u.data", "1\t10\t4\t1000\n1\t20\t5\n");
        assertEquals("u.data:2: expected 4 tab-separated fields (user, item, rating, timestamp), found 3",
                assertThrows(MalformedDataException.class, () -> loadGenres(NO_CHECKSUMS, "Drama")).getMessage());
        write("u.data", "1\t10\t7\t1000\n");
        assertEquals("u.data:1: expected a rating 1..5, found '7'",
                assertThrows(MalformedDataException.class, () -> loadGenres(NO_CHECKSUMS, "Drama")).getMessage());
        write("u.data", "1\t10\t4\t1000\n99\t10\t4\t1000\n");
        assertEquals("u.data:2: expected a user id listed in u.user, found '99'",
                assertThrows(MalformedDataException.class, () -> loadGenres(NO_CHECKSUMS, "Drama")).getMessage());
        write("u.data", "1\t11\t4\t1000\n");
        assertEquals("u.data:1: expected an item id listed in u.item, found '11'",
                assertThrows(MalformedDataException.class, () -> loadGenres(NO_CHECKSUMS, "Drama")).getMessage());
        write("u.data", "1\t10\t4\tyesterday\n");
        assertEquals("u.data:1: expected the timestamp as an integer, found 'yesterday'",
                assertThrows(MalformedDataException.class, () -> loadGenres(NO_CHECKSUMS, "Drama")).getMessage());
    }

    @Test
    void malformedUserAndItemLines() throws IOException {
        write("u.user", "1|30|M|engineer|12345\n2|61|X|other|90210\n");
        assertEquals("u.user:2: expected gender M or F, found 'X'",
                assertThrows(MalformedDataException.class, () -> loadGenres(NO_CHECKSUMS, "Drama")).getMessage());
        write("u.user", "1|30|M|pilot|12345\n");
        assertEquals("u.user:1: expected an occupation listed in u.occupation, found 'pilot'",
                assertThrows(MalformedDataException.class, () -> loadGenres(NO_CHECKSUMS, "Drama")).getMessage());
        write("u.user", "1|30|M|engineer|12345\n1|31|F|other|12345\n");
        assertEquals("u.user:2: expected a user id not seen before, found 1 again",
                assertThrows(MalformedDataException.class, () -> loadGenres(NO_CHECKSUMS, "Drama")).getMessage());
        writeFixture();
        write("u.item", "10|Film A (1995)|01-Jan-1995||x|0|1|2|1\n");
        assertEquals("u.item:1: expected genre flag 0 or 1 for Comedy, found '2'",
                assertThrows(MalformedDataException.class, () -> loadGenres(NO_CHECKSUMS, "Drama")).getMessage());
        write("u.item", "10|Film A (1995)|01-Jan-1995||x|0|1|0\n");
        assertEquals("u.item:1: expected 9 '|'-separated fields (movie id, title, release date, video release date, "
                + "IMDb URL and 4 genre flags), found 8",
                assertThrows(MalformedDataException.class, () -> loadGenres(NO_CHECKSUMS, "Drama")).getMessage());
        write("u.item", "10|Film A (1995)|1995||x|0|1|0|1\n");
        assertEquals("u.item:1: expected a release date like 01-Jan-1995 or nothing, found '1995'",
                assertThrows(MalformedDataException.class, () -> loadGenres(NO_CHECKSUMS, "Drama")).getMessage());
        write("u.genre", "unknown|0\nAction|2\n");
        assertEquals("u.genre:2: expected genre index 1, found 2",
                assertThrows(MalformedDataException.class, () -> loadGenres(NO_CHECKSUMS, "Action")).getMessage());
    }

    @Test
    void skippedBadLinesAreCountedWithTheFirstError() throws IOException {
        write("u.data", "1\t10\t4\t1000\nbroken line\n1\t20\t9\t1001\n2\t10\t2\t1002\n");
        Dataset d = loadGenres(LoadOptions.skippingBadLines(), "Drama", "Comedy");
        assertEquals(2, d.interactions().size());
        assertEquals(2, d.report().rawRatings(), "only well-formed lines count as read");
        assertEquals(2L, d.report().dropped().get("malformed lines skipped in u.data (first: u.data:2: expected 4 "
                + "tab-separated fields (user, item, rating, timestamp), found 1)"), d.report().dropped().toString());
    }

    @Test
    void windowsLineEndingsBlankLinesAndAMissingFinalNewlineAreAccepted() throws IOException {
        write("u.data", "1\t10\t4\t1000\r\n\r\n2\t10\t2\t1002");
        Dataset d = loadGenres(NO_CHECKSUMS, "Drama");
        assertEquals(2, d.interactions().size());
        assertEquals(1002L, d.interactions().timestamp(1));
    }

    @Test
    void missingOccupationFileFallsBackToUserFileWithAWarning() throws IOException {
        Files.delete(dir.resolve("u.occupation"));
        Dataset d = loadGenres(NO_CHECKSUMS, "Drama");
        assertEquals(List.of("engineer", "other", "writer"),
                d.userFeatures().fields().get(3).vocabulary(), "order of first appearance in u.user");
        assertEquals(List.of("u.occupation is missing: the occupation vocabulary is taken from u.user"),
                d.report().warnings());
    }

    @Test
    void missingRequiredFileIsNamed() throws IOException {
        Files.delete(dir.resolve("u.data"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> loadGenres(NO_CHECKSUMS, "Drama"));
        assertTrue(e.getMessage().contains("u.data") && e.getMessage().contains("expected the MovieLens 100K file"),
                e.getMessage());
    }
}
