package org.metarec.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeedAggregateTest {

    @Test
    void meanOfPerSeedMeansWithIntervalOverSeeds() {
        // Seed means: (1+2+3)/3 = 2 and (5+3)/2 = 4; over seeds mean 3, s = sqrt(2), s/sqrt(2) = 1,
        // df = 1: half-width tan(0.475 pi).
        SeedAggregate agg = SeedAggregate.of(List.of(new double[] {1, 2, 3}, new double[] {5, 3}));
        assertArrayEquals(new double[] {2, 4}, agg.perSeedMeans(), 1e-15);
        assertEquals(3.0, agg.acrossSeeds().mean(), 1e-15);
        assertEquals(2, agg.acrossSeeds().n());
        assertEquals(Math.tan(Math.PI * 0.475), agg.acrossSeeds().halfWidth(), 1e-8);
    }

    @Test
    void seedsWeighEquallyWhateverTheirTaskCount() {
        // Pooling all tasks would give (1 + 9*3)/10 = 2.8; per-seed means give (1 + 3)/2 = 2.
        SeedAggregate agg = SeedAggregate.of(List.of(new double[] {1}, new double[] {3, 3, 3, 3, 3, 3, 3, 3, 3}));
        assertEquals(2.0, agg.acrossSeeds().mean(), 1e-15);
    }

    @Test
    void emptyInputsAreClearErrors() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> SeedAggregate.of(List.of()));
        assertEquals("seed aggregate: expected values of at least one seed, found none", none.getMessage());
        IllegalArgumentException emptySeed = assertThrows(IllegalArgumentException.class,
                () -> SeedAggregate.of(List.of(new double[] {1}, new double[0])));
        assertEquals("seed aggregate, seed #1: expected at least one value, found none", emptySeed.getMessage());
    }

    @Test
    void perSeedMeansAreCopied() {
        SeedAggregate agg = SeedAggregate.of(List.of(new double[] {1}, new double[] {3}));
        agg.perSeedMeans()[0] = 99;
        assertEquals(1.0, agg.perSeedMeans()[0]);
    }
}
