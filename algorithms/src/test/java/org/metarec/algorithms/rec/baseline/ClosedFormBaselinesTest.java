package org.metarec.algorithms.rec.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.metarec.algorithms.rec.RecFixtures;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.FeatureEncoding;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.SlotMode;
import org.metarec.core.data.Dataset;

class ClosedFormBaselinesTest {

    private final Dataset tiny = RecFixtures.tiny();
    private final BatchFactory factory = new BatchFactory(tiny.interactions(),
            FeatureEncoding.of(tiny.userFeatures()), FeatureEncoding.of(tiny.itemFeatures()), null);
    /** Domain-1 rows of the fixture: (item 3, 5), (item 4, 1), (item 3, 4), (item 5, 2). */
    private final int[] domain1 = {2, 4, 6, 7};

    @Test
    void globalMeanPredictsTheTrainingMeanEverywhere() {
        GlobalMean gm = GlobalMean.fit(tiny.interactions(), domain1);
        assertEquals(3.0, gm.mean(), 0.0);   // (5 + 1 + 4 + 2) / 4
        RatingBatch q = factory.rows(new int[] {2, 7}, SlotMode.SINGLE);
        assertArrayEquals(new double[] {3, 3}, gm.adapt(factory.context(0, 1), q).predict(q), 0.0);
    }

    @Test
    void itemBiasShrinksItemAndUserMeans() {
        // mu = 3; item 3: residuals 2, 1 -> b = 3 / (2 + 1) = 1; item 4: -2 / (1 + 1) = -1; item 5: -1 / 2.
        ItemBias ib = ItemBias.fit(tiny.interactions(), domain1, 1, 2);
        RatingBatch support = factory.rows(new int[] {4}, SlotMode.SINGLE);   // user 1 rated item 4 as 1
        // b_u = (1 - 3 - (-1)) / (1 + 2) = -1/3.
        RatingBatch query = factory.rows(new int[] {2, 4, 7}, SlotMode.SINGLE);
        double bu = -1.0 / 3;
        assertArrayEquals(new double[] {3 + 1 + bu, 3 - 1 + bu, 3 - 0.5 + bu},
                ib.adapt(factory.context(1, 1), support).predict(query), 1e-12);
        RatingBatch none = factory.rows(new int[0], SlotMode.SINGLE);
        assertArrayEquals(new double[] {4, 2, 2.5}, ib.adapt(factory.context(1, 1), none).predict(query), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ItemBias.fit(tiny.interactions(), domain1, 1, 0));
    }
}
