package org.metarec.core.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.DomainSummary;
import org.metarec.core.data.Interactions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DelimitedLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void headerDomainColumnAndExtraColumns() throws IOException {
        Path file = write("ratings.csv", "uid,note,iid,stars,cat\n"
                + "alice,x,b1,4.5,Books\n"
                + "bob,y,m1,3,Movies\n"
                + "alice,z,m1,2,Movies\n");
        Dataset d = DelimitedLoader.load(file, DelimitedFormat.csv("uid", "iid", "stars").withDomainColumn("cat"),
                LoadOptions.DEFAULT);
        Interactions x = d.interactions();
        assertEquals(List.of("Books", "Movies"), d.domains().names());
        assertEquals(List.of("alice", "bob"), x.userIds().rawIds());
        assertEquals(List.of("b1", "m1"), x.itemIds().rawIds());
        assertArrayEquals(new double[] {4.5, 3, 2}, x.ratings(x.allRows()));
        assertFalse(x.hasTimestamps());
        assertEquals(new DomainSummary("Movies", 2, 1, 2), d.report().domains().get(1));
        assertEquals(1, d.report().userOverlap(0, 1), "alice rated in both");
        assertEquals(0, d.userFeatures().vocabularySize());
    }

    @Test
    void oneFilePerDomainSharesUsersAcrossFiles() throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("Books", write("books.csv", "u1,b1,5,100\nu2,b2,4,101\n"));
        files.put("Movies", write("movies.csv", "u2,m1,3,102\nu3,m2,1,103\n"));
        Dataset d = DelimitedLoader.loadPerDomain(files, DelimitedFormat.amazonRatings(), LoadOptions.DEFAULT);
        Interactions x = d.interactions();
        assertEquals(List.of("Books", "Movies"), d.domains().names());
        assertEquals(List.of("u1", "u2", "u3"), x.userIds().rawIds());
        assertEquals(1, d.report().userOverlap(0, 1), "u2 is the same user in both files");
        assertEquals(103L, x.timestamp(3));
        assertEquals(3, d.report().rawUsers());
        assertEquals(4, d.report().rawItems());
        assertEquals(4, d.report().rawRatings());
        assertTrue(d.report().source().startsWith("delimited files Books="), d.report().source());
    }

    @Test
    void singleFileWithoutDomainColumnIsOneDomainNamedAfterTheFile() throws IOException {
        Path file = write("ratings_Books.csv", "\uFEFFuser\titem\trating\nu1\ti1\t5\n");
        Dataset d = DelimitedLoader.load(file, DelimitedFormat.csv("user", "item", "rating").withDelimiter("\t"),
                LoadOptions.DEFAULT);
        assertEquals(List.of("ratings_Books"), d.domains().names());
        assertEquals(List.of("u1"), d.interactions().userIds().rawIds(), "the byte order mark is not part of 'user'");
    }

    @Test
    void warnsAboutDuplicatePairsAndItemsInSeveralDomains() throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("A", write("a.csv", "u1,i1,5,1\nu1,i1,4,2\n"));
        files.put("B", write("b.csv", "u2,i1,3,3\n"));
        Dataset d = DelimitedLoader.loadPerDomain(files, DelimitedFormat.amazonRatings(), LoadOptions.DEFAULT);
        assertEquals(List.of("the rating data: 1 ratings repeat an earlier (user, item) pair; all were kept",
                "1 items appear in more than one domain"), d.report().warnings());
        assertEquals(3, d.interactions().size());
    }

    @Test
    void malformedLinesAndHeadersNameFileAndLine() throws IOException {
        Path missingColumn = write("r.csv", "user,item,score\nu1,i1,5\n");
        assertEquals("r.csv:1: expected a header with the column 'rating', found columns [user, item, score]",
                assertThrows(MalformedDataException.class, () -> DelimitedLoader.load(missingColumn,
                        DelimitedFormat.csv("user", "item", "rating"), LoadOptions.DEFAULT)).getMessage());
        Path shortLine = write("s.csv", "u1,i1,5,1\nu2,i2,4\n");
        assertEquals("s.csv:2: expected 4 ','-separated fields (user, item, rating, timestamp), found 3",
                assertThrows(MalformedDataException.class, () -> DelimitedLoader.load(shortLine,
                        DelimitedFormat.amazonRatings(), LoadOptions.DEFAULT)).getMessage());
        Path badRating = write("t.csv", "u1,i1,five,1\n");
        assertEquals("t.csv:1: expected the rating as a finite number, found 'five'",
                assertThrows(MalformedDataException.class, () -> DelimitedLoader.load(badRating,
                        DelimitedFormat.amazonRatings(), LoadOptions.DEFAULT)).getMessage());
        Path emptyUser = write("v.csv", "u1,i1,5,1\n,i2,4,2\n");
        assertEquals("v.csv:2: expected a user id, found ''",
                assertThrows(MalformedDataException.class, () -> DelimitedLoader.load(emptyUser,
                        DelimitedFormat.amazonRatings(), LoadOptions.DEFAULT)).getMessage());
    }

    @Test
    void skippedLinesAreReported() throws IOException {
        Path file = write("w.csv", "u1,i1,5,1\nu2,i2,NaN,2\nu3,i3,4,3\n");
        Dataset d = DelimitedLoader.load(file, DelimitedFormat.amazonRatings(), LoadOptions.skippingBadLines());
        assertEquals(2, d.interactions().size());
        assertEquals(Map.of("malformed lines skipped in w.csv (first: w.csv:2: expected the rating as a finite number, "
                + "found 'NaN')", 1L), d.report().dropped());
    }

    @Test
    void formatValidation() {
        assertEquals("delimited format columnNames: expected the column names of a file without a header, found none",
                assertThrows(IllegalArgumentException.class, () -> new DelimitedFormat(",", false, List.of(), "u", "i",
                        "r", null, null, StandardCharsets.UTF_8)).getMessage());
        assertEquals("delimited format: expected column 'time' among columnNames [u, i, r], found no such column",
                assertThrows(IllegalArgumentException.class, () -> new DelimitedFormat(",", false,
                        List.of("u", "i", "r"), "u", "i", "r", "time", null, StandardCharsets.UTF_8)).getMessage());
        assertEquals("delimited format: expected distinct columns for user, item, rating, timestamp and domain, "
                + "found 'u' twice", assertThrows(IllegalArgumentException.class,
                        () -> DelimitedFormat.csv("u", "u", "r")).getMessage());
        assertEquals("delimited format charset: expected an ASCII-compatible charset, found UTF-16",
                assertThrows(IllegalArgumentException.class,
                        () -> DelimitedFormat.csv("u", "i", "r").withCharset(StandardCharsets.UTF_16)).getMessage());
        assertEquals("delimited format: expected no domain column when each file is a domain, found 'd'",
                assertThrows(IllegalArgumentException.class, () -> DelimitedLoader.loadPerDomain(Map.of("A",
                        Path.of("x")), DelimitedFormat.csv("u", "i", "r").withDomainColumn("d"), LoadOptions.DEFAULT))
                        .getMessage());
    }

    @Test
    void aDomainColumnFileWithoutRowsIsAClearError() throws IOException {
        Path file = write("empty.csv", "u,i,r,d\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DelimitedLoader.load(file,
                DelimitedFormat.csv("u", "i", "r").withDomainColumn("d"), LoadOptions.DEFAULT));
        assertEquals("delimited file " + file + ": expected at least one rating, found none", e.getMessage());
    }

    @Test
    void multiCharacterDelimiter() throws IOException {
        Path file = write("x.dat", "1::10::3.5\n2::10::4\n");
        DelimitedFormat format = new DelimitedFormat("::", false, List.of("u", "i", "r"), "u", "i", "r", null, null,
                StandardCharsets.ISO_8859_1);
        Dataset d = DelimitedLoader.load(file, format, LoadOptions.DEFAULT);
        assertArrayEquals(new double[] {3.5, 4}, d.interactions().ratings(d.interactions().allRows()));
    }
}
