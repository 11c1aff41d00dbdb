package org.metarec.core.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.Interactions;
import org.metarec.core.random.Rng;

/**
 * {@link AmazonLoader} on generated files in both layouts (JSON review lines and the ratings-only CSV): the same
 * ratings give the same data set whichever layout holds them, a user present in both domains is one user, a user
 * in one domain only is counted there only, and each kind of malformed line is named by file and line.
 */
class AmazonLoaderTest {

    @TempDir
    Path dir;

    /** One generated rating. */
    private record Rating(String user, String item, double stars, long time) {
    }

    /** Two domains: "shared" rates in both, "movieOnly" and "cdOnly" in one each, plus seeded random users. */
    private static Map<String, List<Rating>> generated(long seed) {
        Rng rng = Rng.seeded(seed);
        Map<String, List<Rating>> byDomain = new LinkedHashMap<>();
        byDomain.put("Movies", new ArrayList<>(List.of(new Rating("shared", "B001", 5, 1_300_000_000L),
                new Rating("movieOnly", "B002", 1, 1_300_000_001L))));
        byDomain.put("CDs", new ArrayList<>(List.of(new Rating("shared", "B001", 4, 1_300_000_002L),
                new Rating("cdOnly", "C9", 3, 1_300_000_003L))));
        for (List<Rating> ratings : byDomain.values()) {
            int n = 5 + rng.nextInt(20);
            for (int i = 0; i < n; i++) {
                ratings.add(new Rating("A" + rng.nextInt(30), "I" + rng.nextInt(40), 1 + rng.nextInt(5),
                        1_000_000_000L + rng.nextInt(1_000_000)));
            }
        }
        return byDomain;
    }

    private static String json(Rating r) {
        // Field order and the extra fields vary as in the real files; the review text holds JSON punctuation.
        return String.format(Locale.ROOT, "{\"reviewerID\": \"%s\", \"asin\": \"%s\", \"reviewerName\": \"J. \\\"Q\\\" {x}\", "
                + "\"helpful\": [0, 2], \"reviewText\": \"a, b: [c] \\u00e9\", \"overall\": %.1f, "
                + "\"summary\": \"ok\", \"unixReviewTime\": %d, \"reviewTime\": \"07 7, 2011\", "
                + "\"style\": {\"Format:\": \" DVD\"}, \"verified\": true, \"vote\": null}",
                r.user(), r.item(), r.stars(), r.time());
    }

    private static String csv(Rating r, AmazonLoader.Format f) {
        String ids = f == AmazonLoader.Format.CSV_ITEM_FIRST ? r.item() + "," + r.user() : r.user() + "," + r.item();
        return ids + "," + r.stars() + "," + r.time();
    }

    private Map<String, Path> write(Map<String, List<Rating>> data, AmazonLoader.Format format, String suffix)
            throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        for (Map.Entry<String, List<Rating>> e : data.entrySet()) {
            StringBuilder text = new StringBuilder();
            for (Rating r : e.getValue()) {
                text.append(format == AmazonLoader.Format.JSON ? json(r) : csv(r, format)).append('\n');
            }
            Path file = dir.resolve(e.getKey() + "-" + format.configName() + suffix);
            if (suffix.endsWith(".gz")) {
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                }
            } else {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
            files.put(e.getKey(), file);
        }
        return files;
    }

    @ParameterizedTest
    @EnumSource(AmazonLoader.Format.class)
    void everyLayoutGivesTheRatingsAsGenerated(AmazonLoader.Format format) throws IOException {
        for (long seed = 1; seed <= 5; seed++) {
            Map<String, List<Rating>> data = generated(seed);
            for (AmazonLoader.Format given : new AmazonLoader.Format[] {format, null}) {
                if (given == null && format == AmazonLoader.Format.CSV_ITEM_FIRST) {
                    continue; // detection cannot tell which column is the user
                }
                Dataset d = AmazonLoader.load(write(data, format, ".txt"), given, LoadOptions.DEFAULT);
                assertMatches(data, d, "seed " + seed + ", " + format + (given == null ? " detected" : ""));
            }
        }
    }

    private static void assertMatches(Map<String, List<Rating>> data, Dataset d, String label) {
        Interactions x = d.interactions();
        assertEquals(List.of("Movies", "CDs"), d.domains().names(), label);
        int r = 0;
        for (Map.Entry<String, List<Rating>> e : data.entrySet()) {
            for (Rating g : e.getValue()) {
                assertEquals(g.user(), x.userIds().rawId(x.user(r)), label + " row " + r);
                assertEquals(e.getKey() + "/" + g.item(), x.itemIds().rawId(x.item(r)), label + " row " + r);
                assertEquals(g.stars(), x.rating(r), label + " row " + r);
                assertEquals(g.time(), x.timestamp(r), label + " row " + r);
                r++;
            }
        }
        assertEquals(r, x.size(), label);
    }

    @Test
    void aUserInBothDomainsIsOneUserAndItemsAreReadPerDomain() throws IOException {
        Map<String, List<Rating>> data = new LinkedHashMap<>();
        data.put("Movies", List.of(new Rating("shared", "B001", 5, 1), new Rating("movieOnly", "B002", 2, 2)));
        data.put("CDs", List.of(new Rating("shared", "B001", 4, 3), new Rating("cdOnly", "C9", 3, 4)));
        Dataset d = AmazonLoader.load(write(data, AmazonLoader.Format.JSON, ".json.gz"), null, LoadOptions.DEFAULT);
        Interactions x = d.interactions();
        assertEquals(List.of("shared", "movieOnly", "cdOnly"), x.userIds().rawIds());
        assertEquals(List.of("Movies/B001", "Movies/B002", "CDs/B001", "CDs/C9"), x.itemIds().rawIds(),
                "the same asin in two domain files is two items");
        assertEquals(1, d.report().userOverlap(0, 1), "only 'shared' rated in both");
        assertEquals(2, d.report().domains().get(0).users());
        assertArrayEquals(new int[] {0, 2}, x.rowsOfUser(0), "the shared user's rows in both domains");
        assertTrue(d.report().source().contains("Movies=") && d.report().source().contains("(json)"),
                d.report().source());
    }

    @Test
    void eachMalformedLineIsNamedByFileAndLine() throws IOException {
        String good = json(new Rating("u", "i", 5, 7));
        assertBad("m.json", good + "\n{\"reviewerID\": \"u\", \"asin\": \"i\", \"overall\": 5.0\n",
                "m.json:2: expected ',' or '}' after a value at column 48, found the end of the line");
        assertBad("m.json", good + "\n\n" + good.replace("\"asin\"", "\"asim\"") + "\n",
                "m.json:3: expected the field \"asin\" (a review has reviewerID, asin, overall and unixReviewTime), "
                        + "found none");
        assertBad("m.json", good.replace("5.0", "6.0") + "\n", "m.json:1: expected a rating in [1, 5], found '6.0'");
        assertBad("m.json", good.replace("5.0", "\"5\"") + "\n",
                "m.json:1: expected \"overall\" as a number, found '\"5\"'");
        assertBad("m.json", good + " x\n", "m.json:1: expected the end of the line after the object at column "
                + (good.length() + 2) + ", found 'x'");
        assertBad("m.json", good.replace("\"ok\"", "\"o\\qk\"") + "\n",
                "m.json:1: expected an escape (\\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\u)");
        // The review text is checked too, though no field of it is read: a raw tab, or a text cut short by the line's end.
        int text = good.indexOf("a, b");
        assertBad("m.json", good.replace("a, b", "a,\tb") + "\n", "m.json:1: expected no control character inside a "
                + "string at column " + (text + 3) + ", found '\tb");
        assertBad("m.json", good + "\n" + good.substring(0, text + 2) + "\r\n", "m.json:2: expected the closing quote of a "
                + "string at column " + (text + 3) + ", found the end of the line");
        assertBad("m.csv", "u,i,5,7\nu,i,5\n",
                "m.csv:2: expected 4 ','-separated fields (user,item,rating,timestamp), found 3");
        assertBad("m.csv", "u,i,5,7\nu,i,0.5,7\n", "m.csv:2: expected a rating in [1, 5], found '0.5'");
        assertBad("m.csv", "u,i,five,7\n", "m.csv:1: expected the rating as a finite number, found 'five'");
        assertBad("m.csv", "u,,5,7\n", "m.csv:1: expected an item id, found ''");
    }

    private void assertBad(String name, String content, String message) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> AmazonLoader.load(Map.of("D", file), null, LoadOptions.DEFAULT), content);
        assertTrue(e.getMessage().startsWith(message), "expected '" + message + "', found '" + e.getMessage() + "'");
    }

    @Test
    void keysInsideTheReviewTextAreText() throws IOException {
        Path file = dir.resolve("decoy.json");
        Files.writeString(file, "{\"reviewerID\": \"u\", \"reviewText\": \"\\\"overall\\\": 1, \\\"asin\\\": \\\"x\\\"\", "
                + "\"asin\": \"i\", \"overall\": 4.0, \"unixReviewTime\": 7}\n", StandardCharsets.UTF_8);
        Interactions x = AmazonLoader.load(Map.of("D", file), null, LoadOptions.DEFAULT).interactions();
        assertEquals(4.0, x.rating(0));
        assertEquals("D/i", x.itemIds().rawId(x.item(0)));
    }

    @Test
    void skippedBadLinesAreCountedAndLeaveNoUserBehind() throws IOException {
        Path file = dir.resolve("d.json");
        Files.writeString(file, json(new Rating("u1", "i", 5, 7)) + "\n"
                + json(new Rating("ghost", "i", 9, 7)) + "\n", StandardCharsets.UTF_8);
        Dataset d = AmazonLoader.load(Map.of("D", file), AmazonLoader.Format.JSON, LoadOptions.skippingBadLines());
        assertEquals(List.of("u1"), d.interactions().userIds().rawIds());
        assertEquals(1L, d.report().dropped().values().iterator().next());
    }

    @Test
    void escapedIdsAreDecodedAndAnEmptyFileIsRefused() throws IOException {
        Path file = dir.resolve("e.json");
        Files.writeString(file, "{\"reviewerID\":\"A\\u0042\",\"asin\":\"x\\/y\",\"overall\":3,\"unixReviewTime\":1}\n"
                + "{\"reviewerID\":\"AB\",\"asin\":\"z\",\"overall\":4.5,\"unixReviewTime\":2}\n", StandardCharsets.UTF_8);
        Interactions x = AmazonLoader.load(Map.of("D", file), null, LoadOptions.DEFAULT).interactions();
        assertEquals(List.of("AB"), x.userIds().rawIds(), "A\\u0042 is AB");
        assertEquals("D/x/y", x.itemIds().rawId(0));
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "\n");
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> AmazonLoader.load(Map.of("D", empty), null, LoadOptions.DEFAULT));
        assertTrue(e.getMessage().endsWith("expected at least one rating, found none"), e.getMessage());
    }
}
