package org.metarec.core.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.Interactions;
import org.metarec.core.random.Rng;

/**
 * {@link AmazonLoader} reading files in chunks on several threads gives what one thread gives, bit for bit: the
 * same user and item indices, rows, report and skip counts, and the same first malformed line. The generated
 * files mix what a chunk boundary could break (CRLF, blank lines, a last line without newline, a byte order mark,
 * escaped quotes and unicode escapes in texts and ids, non-ASCII text, malformed lines), and chunks of at least
 * one byte put boundaries next to and inside every kind of line; each thread count moves them.
 */
class AmazonLoaderThreadsTest {

    private static final int[] THREADS = {2, 3, 4, 5, 7, 11, 16, 40};

    @TempDir
    Path dir;

    /** A review line: key order, spacing and escapes vary; {@code bad} breaks it in one of several ways. */
    private static String review(Rng rng, String user, String item, boolean bad) {
        String text = switch (rng.nextInt(5)) {
            case 0 -> "plain";
            case 1 -> "quote \\\" and backslash \\\\ and \\u00e9 and \\n, {x: [1]}";
            case 2 -> "caf\u00e9 \u4e2d\u6587 " + "long text ".repeat(rng.nextInt(40));
            case 3 -> "\\\"overall\\\": 9, \\\"asin\\\": \\\"fake\\\"";
            default -> "";
        };
        String idUser = rng.nextInt(10) == 0 && user.startsWith("A") ? "\\u0041" + user.substring(1) : user;
        String rating = (1 + rng.nextInt(5)) + (rng.nextBoolean() ? ".0" : "");
        String time = Long.toString(1_000_000_000L + rng.nextInt(1_000_000));
        String sep = rng.nextBoolean() ? ", " : ",";
        String line = rng.nextBoolean()
                ? "{\"reviewerID\": \"" + idUser + "\"" + sep + "\"asin\": \"" + item + "\"" + sep + "\"helpful\": [0, 2]"
                        + sep + "\"reviewText\": \"" + text + "\"" + sep + "\"overall\": " + rating + sep
                        + "\"unixReviewTime\": " + time + "}"
                : "{ \"overall\":" + rating + sep + "\"reviewText\":\"" + text + "\"" + sep + "\"asin\":\"" + item + "\""
                        + sep + "\"style\": {\"Format:\": \" DVD\"}" + sep + "\"reviewerID\":\"" + idUser + "\""
                        + sep + "\"unixReviewTime\":" + time + " }";
        if (!bad) {
            return line;
        }
        return switch (rng.nextInt(6)) {
            case 0 -> line.substring(0, line.length() / 2);
            case 1 -> line.replace("\"asin\"", "\"asim\"");
            case 2 -> line.replace("\"overall\": " + rating, "\"overall\": 6").replace("\"overall\":" + rating, "\"overall\":6");
            case 3 -> line.replace("reviewText\": \"", "reviewText\": \"\t").replace("reviewText\":\"", "reviewText\":\"\t");
            case 4 -> line + " trailing";
            default -> line.replace("\"" + item + "\"", "\"\\q" + item + "\"");
        };
    }

    /** A generated file of {@code lines} lines for domain {@code salt}, malformed lines at rate 1/{@code badEvery}. */
    private Path reviews(String name, long seed, int lines, int badEvery, boolean gzip) throws IOException {
        Rng rng = Rng.seeded(seed);
        StringBuilder sb = new StringBuilder();
        if (rng.nextInt(3) == 0) {
            sb.append('\uFEFF');
        }
        for (int i = 0; i < lines; i++) {
            int kind = rng.nextInt(30);
            if (kind == 0) {
                sb.append(rng.nextBoolean() ? "" : "  \t");
            } else {
                // Users come in runs, as in the real files; items are drawn with a skew.
                String user = "A" + (i / (1 + rng.nextInt(6)) % 40);
                String item = "B" + (int) (30 * Math.pow(rng.nextDouble(), 2));
                sb.append(review(rng, user, item, badEvery > 0 && rng.nextInt(badEvery) == 0));
            }
            if (i < lines - 1 || rng.nextBoolean()) {
                sb.append(rng.nextInt(4) == 0 ? "\r\n" : "\n");
            }
        }
        Path file = dir.resolve(name + (gzip ? ".json.gz" : ".json"));
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (gzip) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(bytes);
            }
        } else {
            Files.write(file, bytes);
        }
        return file;
    }

    /** Everything a load gives, as text: every row with its raw ids, and the report. */
    private static String described(Dataset d) {
        Interactions x = d.interactions();
        StringBuilder sb = new StringBuilder(d.report().toText());
        sb.append(x.userIds().rawIds()).append('\n').append(x.itemIds().rawIds()).append('\n');
        for (int r = 0; r < x.size(); r++) {
            sb.append(String.format(Locale.ROOT, "%d %d %d %s %d%n", x.user(r), x.item(r), x.domain(r),
                    Double.doubleToRawLongBits(x.rating(r)), x.timestamp(r)));
        }
        return sb.toString();
    }

    /** The data set as text, or the error's class and message. */
    private static String outcome(Map<String, Path> files, AmazonLoader.Format format, LoadOptions options) {
        try {
            return described(AmazonLoader.load(files, format, options, 1));
        } catch (IOException | RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static void assertSameForEveryThreadCount(Map<String, Path> files, AmazonLoader.Format format,
                                                      LoadOptions options, String label) {
        String one = outcome(files, format, options);
        for (int t : THREADS) {
            assertEquals(one, outcome(files, format, options.withThreads(t)), label + ", " + t + " threads");
        }
    }

    @Test
    void goodFilesLoadTheSameOnAnyNumberOfThreads() throws IOException {
        for (long seed = 1; seed <= 6; seed++) {
            Map<String, Path> files = new LinkedHashMap<>();
            files.put("Movies", reviews("movies" + seed, seed, 20 + (int) seed * 15, 0, false));
            files.put("CDs", reviews("cds" + seed, 100 + seed, 30, 0, seed % 2 == 0));
            String one = outcome(files, null, LoadOptions.DEFAULT);
            assertTrue(one.startsWith("Data: "), one);
            assertSameForEveryThreadCount(files, null, LoadOptions.DEFAULT, "seed " + seed);
        }
    }

    @Test
    void theFirstMalformedLineOfTheFileIsReportedWhateverTheChunks() throws IOException {
        int failed = 0;
        for (long seed = 1; seed <= 30; seed++) {
            Map<String, Path> files = new LinkedHashMap<>();
            files.put("Movies", reviews("ok" + seed, 200 + seed, 25, 0, false));
            // Few bad lines, so that the first falls in any chunk, or in none.
            files.put("CDs", reviews("bad" + seed, seed, 60, 40, false));
            String one = outcome(files, AmazonLoader.Format.JSON, LoadOptions.DEFAULT);
            if (one.startsWith("MalformedDataException: ")) {
                failed++;
            }
            assertSameForEveryThreadCount(files, AmazonLoader.Format.JSON, LoadOptions.DEFAULT, "seed " + seed);
        }
        assertTrue(failed >= 10, "expected most files to hold a malformed line, found " + failed + " of 30");
    }

    @Test
    void skippedLinesAreCountedAndTheFirstNamedWhateverTheChunks() throws IOException {
        for (long seed = 1; seed <= 10; seed++) {
            Map<String, Path> files = new LinkedHashMap<>();
            files.put("Movies", reviews("m" + seed, seed, 80, 5, false));
            files.put("CDs", reviews("c" + seed, 50 + seed, 80, 3, seed % 3 == 0));
            String one = outcome(files, null, LoadOptions.skippingBadLines());
            assertTrue(one.contains("malformed lines skipped in m" + seed + ".json (first: m" + seed + ".json:"), one);
            assertSameForEveryThreadCount(files, null, LoadOptions.skippingBadLines(), "seed " + seed);
        }
    }

    @Test
    void csvFilesLoadTheSameOnAnyNumberOfThreads() throws IOException {
        Rng rng = Rng.seeded(5);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            sb.append(rng.nextInt(50) == 0 ? "u,i,nine,1" : "u" + rng.nextInt(20) + ",i" + rng.nextInt(30) + ","
                    + (1 + rng.nextInt(5)) + "," + i).append(rng.nextBoolean() ? "\n" : "\r\n");
        }
        Path file = dir.resolve("ratings.csv");
        Files.writeString(file, sb.append("u1,i1,5,9"), StandardCharsets.UTF_8);
        assertSameForEveryThreadCount(Map.of("D", file), null, LoadOptions.skippingBadLines(), "csv");
        assertSameForEveryThreadCount(Map.of("D", file), AmazonLoader.Format.CSV, LoadOptions.DEFAULT, "csv strict");
    }

    @Test
    void aBadLineRightAfterAChunkStartIsNumberedInTheFile() throws IOException {
        // Two chunks of a file of equal lines split after line 3: the bad fourth line starts the second chunk.
        String good = "{\"reviewerID\":\"A1\",\"asin\":\"B1\",\"overall\":5,\"unixReviewTime\":1}";
        Path file = dir.resolve("four.json");
        Files.writeString(file, good + "\n" + good + "\n" + good + "\n" + good.replace("5", "0") + "\n" + good + "\n"
                + good + "\n", StandardCharsets.UTF_8);
        assertEquals(3 * (good.length() + 1), FileChunks.split(file, 2, 1)[1], "the second chunk starts at line 4");
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> AmazonLoader.load(Map.of("D", file), null, LoadOptions.DEFAULT.withThreads(2), 1));
        assertEquals("four.json:4: expected a rating in [1, 5], found '0'", e.getMessage());
        Dataset d = AmazonLoader.load(Map.of("D", file), null, LoadOptions.skippingBadLines().withThreads(2), 1);
        assertEquals(5, d.interactions().size());
        assertEquals(Map.of("malformed lines skipped in four.json (first: four.json:4: expected a rating in [1, 5], "
                + "found '0')", 1L), d.report().dropped());
    }
}
