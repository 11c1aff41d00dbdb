package org.metarec.algorithms.rec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.rec.RecFixtures;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.SideFeatures;

class FeatureEncodingTest {

    private final Dataset tiny = RecFixtures.tiny();

    @Test
    void numericFieldsAreZScoredAndCategoriesOneHot() {
        FeatureEncoding users = FeatureEncoding.of(tiny.userFeatures());
        // Ages 20, 30, 40, 50: mean 35, population sd sqrt((225 + 25 + 25 + 225) / 4) = sqrt(125).
        double sd = Math.sqrt(125);
        assertEquals(List.of(new FeatureEncoding.Block("numeric", 0, 1), new FeatureEncoding.Block("gender", 1, 2)),
                users.blocks());
        assertArrayEquals(new double[] {-15 / sd, 1, 0}, users.row(0), 1e-12);
        assertArrayEquals(new double[] {15 / sd, 0, 1}, users.row(3), 1e-12);
    }

    @Test
    void multiHotBlocksSumToOneAndMissingCategoriesAreZero() {
        FeatureEncoding items = FeatureEncoding.of(tiny.itemFeatures());
        assertEquals(5, items.width());
        assertArrayEquals(new double[] {0.5, 0.5, 0, 0, 1}, items.row(1), 1e-12);   // {a, b}, 90s
        assertArrayEquals(new double[] {0, 0, 0, 0, 1}, items.row(2), 1e-12);       // no genre, 90s
        assertArrayEquals(new double[] {0, 0.5, 0.5, 0, 0}, items.row(4), 1e-12);   // {b, c}, decade missing
    }

    @Test
    void entitiesWithoutFeaturesHaveWidthZero() {
        FeatureEncoding none = FeatureEncoding.of(SideFeatures.none(3));
        assertEquals(0, none.width());
        assertEquals(0, none.row(2).length);
        assertThrows(IllegalArgumentException.class, () -> none.row(3));
    }
}
