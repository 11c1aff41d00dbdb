package org.metarec.experiments.study.rec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.metarec.core.random.Rng;

/**
 * Draws of the search space over seeded random ranges: inside the range, whole numbers for counts, three
 * significant digits for reals, the same values from the same stream, and the median where the scale puts it
 * (the geometric mean of the ends on a log scale, the arithmetic mean otherwise).
 */
class SearchSpaceTest {

    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, 12).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void drawsStayInTheRangeAndFollowTheirScale(long seed) {
        Rng cases = Rng.derive(seed, "search-space-test/cases");
        double lo = Math.exp(cases.uniform(Math.log(1e-4), Math.log(1.0)));
        double hi = lo * Math.exp(cases.uniform(Math.log(10), Math.log(1000)));
        for (boolean log : new boolean[] {false, true}) {
            SearchDimension d = new SearchDimension(Tunable.INNER_LR, lo, hi, log, List.of());
            Rng draws = Rng.derive(seed, "search-space-test/draws");
            int n = 4000;
            int below = 0;
            double median = log ? Math.sqrt(lo * hi) : (lo + hi) / 2;
            for (int i = 0; i < n; i++) {
                double x = d.sample(draws);
                String where = "seed " + seed + ", [" + lo + ", " + hi + "], log " + log + ": " + x;
                assertTrue(x >= lo && x <= hi, where);
                assertEquals(x, new java.math.BigDecimal(x).round(new java.math.MathContext(3)).doubleValue(), 0.0, where);
                below += x < median ? 1 : 0;
            }
            // A binomial(4000, 1/2) count lies within 0.5 +- 0.04 with probability above 1 - 1e-6.
            assertEquals(0.5, below / (double) n, 0.04, "seed " + seed + ", log " + log + ": share below " + median);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void wholeNumberDrawsCoverTheRangeAndNothingElse(long seed) {
        Rng cases = Rng.derive(seed, "search-space-test/int-cases");
        long lo = 1 + cases.nextInt(20);
        long hi = lo + cases.nextInt(15);
        for (boolean log : new boolean[] {false, true}) {
            SearchDimension d = new SearchDimension(Tunable.META_ITERATIONS, (double) lo, (double) hi, log, List.of());
            Rng draws = Rng.derive(seed, "search-space-test/int-draws");
            Set<Double> seen = new HashSet<>();
            for (int i = 0; i < 3000; i++) {
                double x = d.sample(draws);
                assertTrue(x == Math.rint(x) && x >= lo && x <= hi, "seed " + seed + ", [" + lo + ", " + hi + "]: " + x);
                seen.add(x);
            }
            assertEquals(hi - lo + 1, seen.size(), "seed " + seed + ", log " + log + ": every whole number is drawn");
        }
    }

    @Test
    void theSameStreamDrawsTheSameSettingAndEachDimensionHasItsOwnStream() {
        SearchDimension lr = new SearchDimension(Tunable.INNER_LR, 0.01, 1.0, true, List.of());
        SearchDimension iters = new SearchDimension(Tunable.META_ITERATIONS, 10.0, 100.0, false, List.of());
        SearchDimension decay = new SearchDimension(Tunable.WEIGHT_DECAY, null, null, false, List.of(0.0, 0.01, 0.1));
        SearchSpace both = new SearchSpace(List.of(lr, iters));
        SearchSpace three = new SearchSpace(List.of(decay, lr, iters));
        for (int s = 1; s <= 20; s++) {
            TunedValues a = both.sample(Rng.derive(5, "tuning/maml/cell").fork("setting-" + s));
            TunedValues b = both.sample(Rng.derive(5, "tuning/maml/cell").fork("setting-" + s));
            TunedValues c = three.sample(Rng.derive(5, "tuning/maml/cell").fork("setting-" + s));
            assertEquals(a, b);
            assertEquals(a.values().get(Tunable.INNER_LR), c.values().get(Tunable.INNER_LR), "setting " + s);
            assertEquals(a.values().get(Tunable.META_ITERATIONS), c.values().get(Tunable.META_ITERATIONS));
            assertTrue(List.of(0.0, 0.01, 0.1).contains(c.values().get(Tunable.WEIGHT_DECAY)));
        }
        TunedValues v = both.sample(Rng.seeded(1));
        assertTrue(v.describe().matches("inner_lr=[0-9.]+ meta_iterations=[0-9]+"), v.describe());
        assertEquals(v.values().get(Tunable.INNER_LR), v.real(Tunable.INNER_LR, -1), 0.0);
        assertEquals(0.7, v.real(Tunable.META_LR, 0.7), 0.0);
    }

    @Test
    void invalidDimensionsNameWhatWasExpected() {
        assertEquals("tuning space inner_lr: expected a range with min > 0 on a log scale, found min 0.0",
                assertThrows(IllegalArgumentException.class,
                        () -> new SearchDimension(Tunable.INNER_LR, 0.0, 1.0, true, List.of())).getMessage());
        assertEquals("tuning space meta_iterations: expected whole numbers (meta_iterations counts steps), found 2.5",
                assertThrows(IllegalArgumentException.class,
                        () -> new SearchDimension(Tunable.META_ITERATIONS, 2.5, 9.0, false, List.of())).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new SearchDimension(Tunable.INNER_LR, 0.1, 1.0, false, List.of(0.5))).getMessage()
                .startsWith("tuning space inner_lr: expected either min and max or choices"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new SearchSpace(List.of(new SearchDimension(Tunable.INNER_LR, 0.1, 1.0, false, List.of()),
                        new SearchDimension(Tunable.INNER_LR, 0.2, 1.0, false, List.of())))).getMessage()
                .startsWith("tuning space: expected each setting at most once"));
    }
}
