package org.metarec.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The negative sampler on seeded random users and pools: no draw holds a known item or a repeat, draws are the same
 * from one thread or four in any order, and the seed and draw number change them.
 */
class NegativeSamplerTest {

    /** A random sampler: 30 users, 40 items, pool the even items plus a few odd ones, each user knowing up to 25. */
    private static NegativeSampler random(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int items = 40;
        int[] pool = IntStream.range(0, items).filter(i -> i % 2 == 0 || rng.nextInt(4) == 0).toArray();
        int[][] known = new int[30][];
        for (int u = 0; u < known.length; u++) {
            int n = rng.nextInt(26);
            known[u] = IntStream.range(0, n).map(k -> rng.nextInt(items)).toArray();
        }
        return new NegativeSampler(pool, known, items, seed, "negatives/test");
    }

    @Test
    void aDrawNeverHoldsAKnownItemOrARepeat() {
        for (long seed = 1; seed <= 20; seed++) {
            NegativeSampler s = random(seed);
            for (int u = 0; u < 30; u++) {
                int count = Math.min(s.available(u), 1 + (int) (seed % 7) * 3);
                for (int draw = 0; draw < 3; draw++) {
                    int[] items = s.sample(u, count, draw);
                    assertEquals(count, items.length);
                    assertEquals(count, Arrays.stream(items).distinct().count(), "seed " + seed + " user " + u);
                    for (int i : items) {
                        assertFalse(s.isKnown(u, i), "seed " + seed + " user " + u + " got its known item " + i);
                    }
                }
                // Every allowed item, the other branch of the sampler: exactly the pool minus the known items.
                int[] all = s.sample(u, s.available(u), 9);
                assertEquals(s.available(u), Arrays.stream(all).distinct().count());
                for (int i : all) {
                    assertFalse(s.isKnown(u, i), "user " + u + " got its known item " + i);
                }
            }
        }
    }

    @Test
    void drawsAreTheSameFromOneThreadOrFourInAnyOrder() throws Exception {
        NegativeSampler s = random(7);
        int[][] sequential = new int[30][];
        for (int u = 0; u < 30; u++) {
            sequential[u] = s.sample(u, Math.min(5, s.available(u)), 0);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> futures = IntStream.iterate(29, u -> u >= 0, u -> u - 1).mapToObj(
                    u -> pool.submit(() -> s.sample(u, Math.min(5, s.available(u)), 0))).toList();
            for (int k = 0; k < 30; k++) {
                assertArrayEquals(sequential[29 - k], futures.get(k).get(), "user " + (29 - k));
            }
        } finally {
            pool.shutdown();
        }
        assertArrayEquals(sequential[3], random(7).sample(3, Math.min(5, s.available(3)), 0), "a new sampler, same seed");
    }

    @Test
    void theSeedAndTheDrawNumberChangeTheDraw() {
        NegativeSampler a = new NegativeSampler(IntStream.range(0, 1000).toArray(), new int[1][], 1000, 1, "n");
        NegativeSampler b = new NegativeSampler(IntStream.range(0, 1000).toArray(), new int[1][], 1000, 2, "n");
        assertNotEquals(Arrays.toString(a.sample(0, 10, 0)), Arrays.toString(b.sample(0, 10, 0)));
        assertNotEquals(Arrays.toString(a.sample(0, 10, 0)), Arrays.toString(a.sample(0, 10, 1)));
    }

    @Test
    void askingForMoreThanTheAllowedItemsNamesTheUserAndTheCounts() {
        NegativeSampler s = new NegativeSampler(new int[] {0, 1, 2}, new int[][] {{1}}, 3, 1, "negatives/valid");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.sample(0, 3, 0));
        assertTrue(e.getMessage().contains("expected at most 2 negatives for user 0"), e.getMessage());
    }
}
