package org.metarec.algorithms.rec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.metarec.algorithms.rec.RecFixtures;
import org.metarec.core.data.Dataset;

class BatchFactoryTest {

    private final Dataset tiny = RecFixtures.tiny();
    private final FeatureEncoding users = FeatureEncoding.of(tiny.userFeatures());
    private final FeatureEncoding items = FeatureEncoding.of(tiny.itemFeatures());
    private final UserProfiles profiles = UserProfiles.build(tiny.interactions(), tiny.interactions().allRows(),
            new int[] {0, 1}, items);
    private final BatchFactory factory = new BatchFactory(tiny.interactions(), users, items, profiles);

    @Test
    void rowsCarryTheirIndicesFeaturesProfilesAndRatings() {
        RatingBatch b = factory.rows(new int[] {6, 0}, SlotMode.PER_USER);
        assertArrayEquals(new int[] {2, 0}, b.users());
        assertArrayEquals(new int[] {3, 0}, b.items());
        assertArrayEquals(new int[] {1, 0}, b.domains());
        assertArrayEquals(new int[] {2, 0}, b.slots());
        assertArrayEquals(new double[] {4, 4}, b.ratingValues(), 0.0);
        assertArrayEquals(users.row(2), b.userFeatures().toRows()[0], 0.0);
        assertArrayEquals(items.row(0), b.itemFeatures().toRows()[1], 0.0);
        assertArrayEquals(new double[] {0, 1, 1, 0}, b.domainOneHot().toArray(), 0.0);
        assertArrayEquals(profiles.of(2, 1), b.profile().toRows()[0], 0.0);
        assertArrayEquals(new int[] {0, 0}, factory.rows(new int[] {6, 0}, SlotMode.SINGLE).slots());
    }

    @Test
    void aHidingFactoryRefusesHiddenRowsNamingThem() {
        BatchFactory hiding = factory.hiding(new int[] {4});
        HiddenRowException e = assertThrows(HiddenRowException.class,
                () -> hiding.rows(new int[] {3, 4}, SlotMode.SINGLE));
        assertTrue(e.getMessage().contains("row 4 (user u1, domain d1)"), e.getMessage());
        assertTrue(hiding.isHidden(4));
        assertEquals(1, hiding.rows(new int[] {3}, SlotMode.SINGLE).size());
        assertEquals(2, hiding.unrestricted().rows(new int[] {3, 4}, SlotMode.SINGLE).size());
    }

    @Test
    void forUserRepeatsTheContextOverTheItems() {
        UserContext ctx = factory.context(0, 1);
        assertArrayEquals(new int[] {0, 1}, ctx.historyItems());
        RatingBatch b = factory.forUser(ctx, new int[] {3, 4, 5}, null);
        assertEquals(3, b.size());
        assertArrayEquals(new int[] {0, 0, 0}, b.slots());
        assertArrayEquals(new double[3], b.ratingValues(), 0.0);
        for (double[] row : b.profile().toRows()) {
            assertArrayEquals(profiles.of(0, 1), row, 0.0);
        }
        UserContext fresh = factory.newUserContext(1, null, new int[] {0, 1}, new double[] {4, 2});
        assertArrayEquals(profiles.of(0, 1), fresh.profile(), 1e-12);
        RatingBatch nb = factory.forUser(fresh, new int[] {3}, new double[] {5});
        assertArrayEquals(new double[users.width()], nb.userFeatures().toArray(), 0.0);
        assertNull(factory.withProfiles(null).forUser(fresh, new int[] {3}, null).profile());
    }

    @Test
    void batchesConcatenateRowWise() {
        RatingBatch a = factory.rows(new int[] {0, 1}, SlotMode.SINGLE);
        RatingBatch b = factory.rows(new int[] {2}, SlotMode.SINGLE);
        RatingBatch ab = a.concat(b);
        assertArrayEquals(factory.rows(new int[] {0, 1, 2}, SlotMode.SINGLE).items(), ab.items());
        assertArrayEquals(new double[] {4, 2, 5}, ab.ratingValues(), 0.0);
        assertEquals(3, ab.profile().rows());
    }
}
