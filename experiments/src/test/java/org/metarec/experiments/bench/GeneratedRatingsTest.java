package org.metarec.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.core.data.Interactions;
import org.metarec.core.data.io.AmazonLoader;
import org.metarec.core.data.io.DelimitedFormat;
import org.metarec.core.data.io.DelimitedLoader;
import org.metarec.core.data.io.LoadOptions;
import org.metarec.core.random.Rng;
import org.metarec.experiments.TestFiles;
import org.metarec.experiments.study.implicit.CdribFixture;

/**
 * The generated file of the loading benchmark has the size and shape it promises (every user, contiguous blocks,
 * half stars, items in range), is the same for the same seed, and {@code bench load} runs on small sizes, leaving
 * no file behind. Speed itself is measured by the command, never here.
 */
class GeneratedRatingsTest {

    @TempDir
    Path tmp;

    @Test
    void theFileHasTheRequestedShapeAndDependsOnlyOnTheSeed() throws IOException {
        Path a = tmp.resolve("a.csv");
        long bytes = GeneratedRatings.write(a, 5_000, 70, 40, Rng.seeded(3));
        assertEquals(Files.size(a), bytes);
        Interactions x = DelimitedLoader.load(a, DelimitedFormat.amazonRatings(), LoadOptions.DEFAULT).interactions();
        assertEquals(5_000, x.size());
        assertEquals(70, x.userCount(), "every user has lines");
        assertTrue(x.itemCount() <= 40, "items 1..40: " + x.itemCount());
        for (int r = 0; r < x.size(); r++) {
            double stars = x.rating(r);
            assertTrue(stars >= 0.5 && stars <= 5 && stars * 2 == Math.rint(stars * 2), "half stars: " + stars);
            assertTrue(r == 0 || x.user(r) >= x.user(r - 1), "lines are grouped by user, row " + r);
        }
        Path b = tmp.resolve("b.csv");
        GeneratedRatings.write(b, 5_000, 70, 40, Rng.seeded(3));
        assertEquals(Files.readString(a), Files.readString(b));
    }

    @Test
    void theReviewFileIsReadByTheAmazonLoaderAsWritten() throws IOException {
        Path f = tmp.resolve("r.json");
        GeneratedRatings.writeReviews(f, 900, 30, 20, 123, Rng.seeded(5));
        Interactions x = AmazonLoader.load(Map.of("Movies", f), null, LoadOptions.DEFAULT).interactions();
        assertEquals(900, x.size());
        assertEquals(30, x.userCount());
        // Every line is valid JSON (read by the project's own JSON parser too) with the promised fields.
        java.util.List<String> lines = Files.readAllLines(f);
        for (int r = 0; r < lines.size(); r++) {
            Map<?, ?> review = (Map<?, ?>) org.metarec.core.json.Json.parse(lines.get(r), "r.json");
            assertEquals(123, ((String) review.get("reviewText")).length());
            assertEquals(x.userIds().rawId(x.user(r)), review.get("reviewerID"));
            assertEquals("Movies/" + review.get("asin"), x.itemIds().rawId(x.item(r)));
            assertEquals(x.rating(r), ((Number) review.get("overall")).doubleValue());
        }
    }

    @Test
    void benchLoadRunsOnSmallSizesAndCleansUp() throws IOException {
        Path work = Files.createDirectories(tmp.resolve("work"));
        TestFiles.CliResult r = TestFiles.cli("bench", "load", "--douban", tmp.resolve("no-douban").toString(),
                "--sizes", "2000,3000", "--users", "50", "--items", "30", "--repeat", "2", "--tmp", work.toString(),
                "--reviews", "400", "--text", "30");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("douban: skipped, no folder"), r.out());
        assertTrue(r.out().contains("generated 3000: load 2:") && r.out().contains(" 3,000 ratings, 50 users"), r.out());
        assertTrue(r.out().contains("reviews 400 (1t): load 2:") && r.out().contains(" 400 ratings, 50 users"), r.out());
        assertTrue(r.out().contains("reviews 400 (2t): load 2:"), "--threads 1,2 by default: " + r.out());
        assertTrue(r.out().lines().reduce((x, y) -> y).orElseThrow().startsWith("reviews 400 (2t): best load s: "),
                r.out());
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(0, left.count(), "the generated files and their folder are deleted");
        }
        // The CDRIB splits: a scenario whose folders are there is loaded, the other is skipped by name.
        Path cdrib = CdribFixture.write(tmp.resolve("cdrib"), 5);
        TestFiles.CliResult c = TestFiles.cli("bench", "load", "--cdrib", cdrib.toString(), "--sizes", "100", "--users",
                "50", "--items", "30", "--repeat", "2", "--tmp", work.toString(), "--reviews", "0");
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("douban: skipped, no --douban folder given"), c.out());
        assertTrue(c.out().contains("cdrib game_video: load 2:"), c.out());
        assertTrue(c.out().contains("cdrib sport_cloth: skipped, no folders sport_cloth and cloth_sport"), c.out());
        TestFiles.CliResult bad = TestFiles.cli("bench", "load", "--sizes", "10", "--users", "50");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--sizes: expected sizes >= --users (50), found 10"), bad.err());
    }
}
