package org.metarec.core.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.metarec.core.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetaBatchSamplerTest {

    private static List<Integer> pool(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 10})
    void everyEpochVisitsEveryTaskOnce(int batchSize) {
        MetaBatchSampler<Integer> s = new MetaBatchSampler<>(pool(10), batchSize, MetaBatchSampler.Mode.EPOCHS,
                Rng.derive(batchSize, "batches"));
        int perEpoch = s.batchesPerEpoch();
        assertEquals((10 + batchSize - 1) / batchSize, perEpoch);
        List<List<Integer>> epochs = new ArrayList<>();
        for (int e = 0; e < 4; e++) {
            List<Integer> seen = new ArrayList<>();
            for (int b = 0; b < perEpoch; b++) {
                assertEquals(e, s.epoch());
                seen.addAll(s.next());
            }
            List<Integer> sorted = new ArrayList<>(seen);
            sorted.sort(null);
            assertEquals(pool(10), sorted, "seed " + batchSize + ", epoch " + e);
            epochs.add(seen);
        }
        if (batchSize < 10) {
            assertTrue(epochs.stream().distinct().count() > 1, "seed " + batchSize + ": epochs reshuffle");
        }
    }

    @Test
    void withReplacementIsUniform() {
        MetaBatchSampler<Integer> s = new MetaBatchSampler<>(pool(8), 16, MetaBatchSampler.Mode.WITH_REPLACEMENT,
                Rng.derive(5, "batches"));
        long[] counts = new long[8];
        int batches = 2000;
        for (int b = 0; b < batches; b++) {
            List<Integer> batch = s.next();
            assertEquals(16, batch.size());
            batch.forEach(i -> counts[i]++);
        }
        double expected = batches * 16 / 8.0;
        double chi2 = Arrays.stream(counts).mapToDouble(c -> (c - expected) * (c - expected) / expected).sum();
        double critical = new ChiSquaredDistribution(null, 7).inverseCumulativeProbability(0.999);
        assertTrue(chi2 < critical, "seed 5: chi-square " + chi2);
    }

    @Test
    void batchesArePureFunctionsOfTheirNumber() {
        for (MetaBatchSampler.Mode mode : MetaBatchSampler.Mode.values()) {
            MetaBatchSampler<Integer> a = new MetaBatchSampler<>(pool(13), 4, mode, Rng.derive(9, "batches"));
            MetaBatchSampler<Integer> b = new MetaBatchSampler<>(pool(13), 4, mode, Rng.derive(9, "batches"));
            List<List<Integer>> sequence = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sequence.add(a.next());
            }
            // Resuming at batch 11 (as after a checkpoint) continues the same sequence.
            b.seek(11);
            for (int i = 11; i < 20; i++) {
                assertEquals(sequence.get(i), b.next(), mode + ", seed 9, batch " + i);
            }
            assertArrayEquals(a.batchIndices(3), b.batchIndices(3), mode.toString());
            assertEquals(20, a.position());
        }
    }

    @Test
    void badArgumentsAreRejected() {
        assertEquals("meta-batch sampler: expected at least one task, found none",
                assertThrows(IllegalArgumentException.class, () -> new MetaBatchSampler<>(List.of(), 1,
                        MetaBatchSampler.Mode.EPOCHS, Rng.seeded(1))).getMessage());
        assertEquals("meta-batch size: expected >= 1, found 0",
                assertThrows(IllegalArgumentException.class, () -> new MetaBatchSampler<>(pool(3), 0,
                        MetaBatchSampler.Mode.EPOCHS, Rng.seeded(1))).getMessage());
    }
}
