package org.metarec.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.metarec.core.random.Rng;

/** The one-pass top-k of the full-catalogue ranking gives exactly the first k positions of a full sort. */
class FullRankingTopTest {

    @Test
    void theTopKAreAFullSortsFirstK() {
        for (int c = 0; c < 300; c++) {
            Rng rng = Rng.derive(c, "full-ranking-top");
            int n = 1 + rng.nextInt(200);
            int k = 1 + rng.nextInt(25);
            double[] s = new double[n];
            double[] key = new double[n];
            // Few distinct scores in half the cases, so that ties (broken by the keys) are common.
            int levels = c % 2 == 0 ? 3 : 1_000_000;
            for (int j = 0; j < n; j++) {
                s[j] = rng.nextInt(levels) / (double) levels;
                key[j] = rng.nextDouble();
            }
            Integer[] all = IntStream.range(0, n).boxed().toArray(Integer[]::new);
            Arrays.sort(all, Comparator.<Integer>comparingDouble(j -> -s[j]).thenComparingDouble(j -> key[j]));
            int m = Math.min(k, n);
            int[] expected = Arrays.stream(all).limit(m).mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expected, FullRanking.topPositions(s, key, m), "case " + c + ": n " + n + ", k " + m);
        }
    }
}
