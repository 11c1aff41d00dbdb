package org.metarec.core.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.Interactions;
import org.metarec.core.data.SideFeatures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checks the loader against the verified facts of the real MovieLens 100K files (listed in the README of the
 * shared data folder). Skipped when the files are absent or are not the official release.
 */
class MovieLens100kRealDataTest {

    private static Dataset all;
    private static Path dir;

    @BeforeAll
    static void load() throws IOException {
        Optional<Path> found = MovieLens100kLocation.find();
        if (found.isPresent()) {
            dir = found.get();
            all = MovieLens100kLoader.load(dir, DomainAssignment.single("all"), LoadOptions.DEFAULT);
        }
    }

    @BeforeEach
    void requireTheOfficialFiles() {
        // Per test, so that every test is reported as skipped when the data is absent.
        assumeTrue(all != null, "MovieLens 100K not found (set METAREC_ML100K to its directory)");
        assumeTrue(all.report().warnings().isEmpty(), "not the official release: " + all.report().warnings());
    }

    @Test
    void countsMatchTheRelease() {
        Interactions x = all.interactions();
        assertEquals(100_000, x.size());
        assertEquals(943, x.userCount());
        assertEquals(1682, x.itemCount());
        assertEquals(100_000, all.report().rawRatings());
        assertEquals(943, all.report().rawUsers());
        assertEquals(1682, all.report().rawItems());
    }

    @Test
    void ratingHistogramMeanAndTimesMatchTheRelease() {
        Interactions x = all.interactions();
        int[] histogram = new int[6];
        double sum = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int r = 0; r < x.size(); r++) {
            histogram[(int) x.rating(r)]++;
            sum += x.rating(r);
            first = Math.min(first, x.timestamp(r));
            last = Math.max(last, x.timestamp(r));
        }
        assertArrayEquals(new int[] {0, 6110, 11370, 27145, 34174, 21201}, histogram);
        assertEquals(3.5299, sum / x.size(), 5e-5);
        assertEquals(874724710L, first);
        assertEquals(893286638L, last);
    }

    @Test
    void usersMatchTheRelease() {
        Interactions x = all.interactions();
        SideFeatures users = all.userFeatures();
        int male = 0;
        double minAge = Double.MAX_VALUE;
        double maxAge = 0;
        int fewestRatings = Integer.MAX_VALUE;
        for (int u = 0; u < x.userCount(); u++) {
            male += users.category("gender", u) == 0 ? 1 : 0;
            minAge = Math.min(minAge, users.numeric("age", u));
            maxAge = Math.max(maxAge, users.numeric("age", u));
            fewestRatings = Math.min(fewestRatings, x.countOfUser(u));
        }
        assertEquals(670, male);
        assertEquals(7.0, minAge);
        assertEquals(73.0, maxAge);
        assertEquals(21, users.fields().get(3).vocabulary().size(), "21 occupations");
        assertTrue(fewestRatings >= 20, "every user has at least 20 ratings");
        assertEquals(0, DuplicatePairs.count(x), "no duplicate (user, item) pairs");
    }

    @Test
    void genreDomainsKeepPlusDropEqualsTheWholeFile() throws IOException {
        Dataset d = MovieLens100kLoader.load(dir, DomainAssignment.byGenres(List.of("Comedy", "Drama", "Action")),
                LoadOptions.DEFAULT);
        long dropped = d.report().dropped().get("ratings of items with none of the genres [Comedy, Drama, Action]");
        assertEquals(100_000, d.interactions().size() + dropped);
        long droppedItems = d.report().dropped().get("items with none of the genres [Comedy, Drama, Action]");
        assertEquals(1682, d.interactions().itemCount() + droppedItems);
        assertEquals(19, d.itemFeatures().fields().get(0).vocabulary().size(), "19 genres in u.genre");
    }
}
