package org.metarec.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.core.data.Domains;
import org.metarec.core.data.IdMap;
import org.metarec.core.data.Interactions;
import org.metarec.core.data.NegativeSampler;
import org.metarec.core.random.Rng;

/**
 * Sampled and full-catalogue ranking: the metrics of a rank against their closed forms, a perfect and a constant
 * scorer, seeded tie-breaking, and candidates that are drawn once, exclude known items, skip unseen items and read
 * back from their file unchanged.
 */
class RankingEvaluationTest {

    @TempDir
    Path dir;

    @Test
    void theMetricsOfARankAreCdribsFormulas() {
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, SampledRanking.metrics(0), 1e-15);
        double g4 = 1 / (Math.log(6) / Math.log(2));   // 0-based rank 4: gain 1/log2(4 + 2)
        assertArrayEquals(new double[] {0.2, g4, g4, 0, 1, 1}, SampledRanking.metrics(4), 1e-15);
        double g7 = 1 / (Math.log(9) / Math.log(2));
        assertArrayEquals(new double[] {1.0 / 8, 0, g7, 0, 0, 1}, SampledRanking.metrics(7), 1e-15);
        assertArrayEquals(new double[] {1.0 / 1000, 0, 0, 0, 0, 0}, SampledRanking.metrics(999), 1e-15);
    }

    @Test
    void aScoresRankCountsHigherScoresAndBreaksTiesUniformly() {
        assertEquals(2, SampledRanking.rank(new double[] {1, 3, 2, 0}, Rng.seeded(1)));
        // Held-out score 1, two higher and three equal: ranks 2..5, uniformly (5 / 4 draws each of 4000 in 4 sigma).
        int[] counts = new int[6];
        Rng rng = Rng.seeded(5);
        for (int t = 0; t < 4000; t++) {
            counts[SampledRanking.rank(new double[] {1, 2, 1, 3, 1, 1, 0}, rng)]++;
        }
        assertEquals(0, counts[0] + counts[1]);
        for (int r = 2; r <= 5; r++) {
            assertEquals(1000, counts[r], 4 * Math.sqrt(4000 * 0.25 * 0.75), Arrays.toString(counts));
        }
    }

    /** 50 users, 300 items in one domain; each user has 6 random items, the first 4 rows "train", the rest held out. */
    private static Interactions data(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int users = 50;
        int n = users * 6;
        int[] u = new int[n];
        int[] i = new int[n];
        for (int r = 0; r < n; r++) {
            u[r] = r / 6;
            i[r] = rng.nextInt(300);
        }
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        return Interactions.of(IdMap.sequential("u", users), IdMap.sequential("i", 300), Domains.of("d"), u, i, ones,
                new int[n], null);
    }

    private static int[] heldOut(Interactions x) {
        return IntStream.range(0, x.size()).filter(r -> r % 6 >= 4).toArray();
    }

    private static boolean[] trainItems(Interactions x) {
        boolean[] seen = new boolean[x.itemCount()];
        IntStream.range(0, x.size()).filter(r -> r % 6 < 4).forEach(r -> seen[x.item(r)] = true);
        return seen;
    }

    private static SampledCandidates draw(Interactions x, long seed) {
        boolean[] train = trainItems(x);
        int[] pool = IntStream.range(0, x.itemCount()).filter(i -> train[i]).toArray();
        NegativeSampler sampler = NegativeSampler.excludingAllKnown(x, 0, pool, seed, "negatives/test");
        return SampledCandidates.draw(x, heldOut(x), train, sampler, 99);
    }

    @Test
    void candidatesSkipUnseenItemsExcludeKnownItemsAndReadBackFromTheirFile() throws IOException {
        Interactions x = data(3);
        SampledCandidates c = draw(x, 11);
        boolean[] train = trainItems(x);
        long unseen = Arrays.stream(heldOut(x)).filter(r -> !train[x.item(r)]).count();
        assertTrue(unseen > 0, "the fixture has held-out items never seen in training");
        assertEquals(unseen, c.skipped());
        assertEquals(heldOut(x).length - unseen, c.size());
        for (int k = 0; k < c.size(); k++) {
            int user = c.user(k);
            int[] known = Arrays.stream(x.rowsOfUser(user)).map(x::item).toArray();
            for (int neg : c.negatives()[k]) {
                assertTrue(train[neg], "negatives are training items");
                assertFalse(Arrays.stream(known).anyMatch(i -> i == neg), "pair " + k + ": negative " + neg + " is known");
            }
        }
        Path a = dir.resolve("a.tsv");
        Path b = dir.resolve("b.tsv");
        c.write(a, x);
        draw(data(3), 11).write(b, x);
        assertEquals(Files.readString(a), Files.readString(b), "the same seed draws the same file");
        assertEquals(c, SampledCandidates.read(a, x));
        assertNotEquals(c, draw(x, 12), "another seed, other negatives");
        // Leaving pairs out (a cold user's support) keeps the other pairs' negatives.
        SampledCandidates fewer = c.without(java.util.Set.of(c.row(0), c.row(2)));
        assertEquals(c.size() - 2, fewer.size());
        assertEquals(c.row(1), fewer.row(0));
        assertArrayEquals(c.candidates(1), fewer.candidates(0));
        assertArrayEquals(c.candidates(3), fewer.candidates(1));
    }

    @Test
    void aPerfectScorerScoresOneAndAConstantScorerRanksUniformly() {
        Interactions x = data(4);
        SampledCandidates c = draw(x, 5);
        // The held-out item comes first among a pair's candidates, and no negative repeats it.
        double[][] perfect = SampledRanking.evaluate(c, (user, cand) -> Arrays.stream(cand)
                .mapToDouble(i -> i == cand[0] ? 1 : 0).toArray(), 1);
        for (double[] metric : perfect) {
            assertEquals(1.0, Arrays.stream(metric).average().orElseThrow(), 1e-12);
        }
        // A constant scorer: the rank is uniform on 0..99, mean 49.5 and s.d. 28.87 per pair; the mean MRR over the
        // pairs is H(100)/100 = 0.0519 in expectation. Check the mean rank through HR@10 = P(rank < 10) = 0.1.
        ItemScorer constant = (user, cand) -> new double[cand.length];
        double[][] m = SampledRanking.evaluate(c, constant, 1);
        double hr10 = Arrays.stream(m[5]).average().orElseThrow();
        assertEquals(0.1, hr10, 4 * Math.sqrt(0.1 * 0.9 / c.size()), "HR@10 of a constant scorer");
        assertArrayEquals(m[0], SampledRanking.evaluate(c, constant, 1)[0], "the same seed breaks ties the same way");
        assertFalse(Arrays.equals(m[0], SampledRanking.evaluate(c, constant, 2)[0]), "another seed, other ties");
    }

    @Test
    void fullRankingAgainstItsClosedForms() {
        int[] candidates = IntStream.range(0, 40).toArray();
        int[] heldOut = {7, 30};
        // Item i scores -i: items 0..4 fill the top 5, item 7 is at position 7, item 30 at 30.
        double[] m = FullRanking.evaluate(0, candidates, heldOut, (u, c) -> Arrays.stream(c).mapToDouble(i -> -i).toArray(),
                1);
        double ideal = 1 + 1 / log2(3);
        assertArrayEquals(new double[] {0, 0, 0, 1, 0.5, (1 / log2(9)) / ideal, 1, 0.5, (1 / log2(9)) / ideal}, m, 1e-12);
        double[] perfect = FullRanking.evaluate(0, candidates, heldOut, (u, c) -> Arrays.stream(c)
                .mapToDouble(i -> i == 7 || i == 30 ? 1 : 0).toArray(), 1);
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, perfect, 1e-12);
        ItemScorer constant = (u, c) -> new double[c.length];
        assertArrayEquals(FullRanking.evaluate(3, candidates, heldOut, constant, 9),
                FullRanking.evaluate(3, candidates, heldOut, constant, 9), "seeded ties");
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
