package org.metarec.algorithms.rec.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.rec.RecFixtures;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.FeatureEncoding;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.SlotMode;
import org.metarec.core.data.Dataset;

/** transfer_bias against a hand computation on the tiny fixture, and its reduction to item_bias. */
class TransferBiasTest {

    private final Dataset tiny = RecFixtures.tiny();
    private final BatchFactory factory = new BatchFactory(tiny.interactions(),
            FeatureEncoding.of(tiny.userFeatures()), FeatureEncoding.of(tiny.itemFeatures()), null);
    /** Target (domain 1) rows: (u0, i3, 5), (u1, i4, 1), (u2, i3, 4), (u2, i5, 2). */
    private final int[] target = {2, 4, 6, 7};
    /** Source (domain 0) rows: (u0, i0, 4), (u0, i1, 2), (u1, i0, 3), (u2, i2, 5), (u3, i1, 3). */
    private final int[] source = {0, 1, 3, 5, 8};

    @Test
    void theUserBiasPoolsSourceAndSupportResiduals() {
        TransferBias tb = TransferBias.fit(tiny.interactions(), target, source, 1, 2);
        // Source: mu_0 = 17/5; b_0 = (4 - 17/5 + 3 - 17/5) / (2 + 1) = 1/15. User 1's source residual:
        // 3 - 17/5 - 1/15 = -7/15. Target: mu = 3, b_4 = -2 / (1 + 1) = -1, b_3 = 1, b_5 = -1/2.
        // Support (u1, i4, 1): residual 1 - 3 + 1 = -1. b_u = (-7/15 - 1) / (1 + 1 + 2) = -11/30.
        RatingBatch support = factory.rows(new int[] {4}, SlotMode.SINGLE);
        RatingBatch query = factory.rows(new int[] {2, 4, 7}, SlotMode.SINGLE);
        double bu = -11.0 / 30;
        assertEquals(bu, tb.userBias(1, new int[] {4}, new double[] {1}), 1e-12);
        assertArrayEquals(new double[] {4 + bu, 2 + bu, 2.5 + bu},
                tb.adapt(factory.context(1, 1), support).predict(query), 1e-12);
        // K = 0: the source part alone, -7/15 / (1 + 2).
        RatingBatch none = factory.rows(new int[0], SlotMode.SINGLE);
        double bu0 = -7.0 / 45;
        assertArrayEquals(new double[] {4 + bu0, 2 + bu0, 2.5 + bu0},
                tb.adapt(factory.context(1, 1), none).predict(query), 1e-12);
        // User 2's source row (i2, 5): b_2 = (5 - 17/5) / (1 + 1) = 4/5, residual 5 - 17/5 - 4/5 = 4/5, b_u = 4/15.
        assertEquals(4.0 / 15, tb.userBias(2, new int[0], new double[0]), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> TransferBias.fit(tiny.interactions(), target, source, 1, 0));
    }

    @Test
    void withoutSourceRowsItIsItemBias() {
        SplittableRandom rng = new SplittableRandom(3);
        RatingBatch query = factory.rows(new int[] {2, 4, 6, 7}, SlotMode.SINGLE);
        for (int c = 0; c < 20; c++) {
            double li = rng.nextDouble(0, 10);
            double lu = rng.nextDouble(0.1, 10);
            int user = rng.nextInt(4);
            int[] rows = rng.nextBoolean() ? new int[] {4} : new int[] {2, 7};
            RatingBatch support = factory.rows(rows, SlotMode.SINGLE);
            double[] a = TransferBias.fit(tiny.interactions(), target, new int[0], li, lu)
                    .adapt(factory.context(user, 1), support).predict(query);
            double[] b = ItemBias.fit(tiny.interactions(), target, li, lu).adapt(factory.context(user, 1), support)
                    .predict(query);
            assertArrayEquals(b, a, 1e-12, "case " + c + ": lambdaItem " + li + ", lambdaUser " + lu);
        }
    }
}
