package org.metarec.algorithms.rec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.metarec.algorithms.rec.RecFixtures;
import org.metarec.core.data.Dataset;

class UserProfilesTest {

    private final Dataset tiny = RecFixtures.tiny();
    private final FeatureEncoding items = FeatureEncoding.of(tiny.itemFeatures());

    @Test
    void profileOfUser0ForDomain1SummarisesTheirDomain0Ratings() {
        int[] all = tiny.interactions().allRows();
        UserProfiles p = UserProfiles.build(tiny.interactions(), all, new int[] {0, 1}, items);
        // mu = (4+2+5+3+1+5+4+2+3) / 9 = 29/9; item 0 has ratings 4, 3; item 1 has 2, 3 (shrinkage 5).
        double mu = 29.0 / 9;
        double m0 = (7 + 5 * mu) / 7;
        double m1 = (5 + 5 * mu) / 7;
        assertEquals(mu, p.globalMean(), 1e-12);
        assertEquals(m0, p.itemMean(0), 1e-12);
        double dev0 = 4 - m0;
        double dev1 = 2 - m1;
        double[] x0 = items.row(0);
        double[] x1 = items.row(1);
        double[] expected = new double[p.dim()];
        expected[0] = Math.log(3) / Math.log(101);
        expected[1] = (dev0 + dev1) / (2 + UserProfiles.PROFILE_SHRINK);
        for (int j = 0; j < x0.length; j++) {
            expected[2 + j] = (dev0 * x0[j] + dev1 * x1[j]) / (2 + UserProfiles.PROFILE_SHRINK);
        }
        assertArrayEquals(expected, p.of(0, 1), 1e-12);
        assertArrayEquals(new int[] {0, 1}, p.historyRows(0, 1));
        assertArrayEquals(p.of(0, 1), p.ofHistory(new int[] {0, 1}, new double[] {4, 2}), 1e-12);
    }

    @Test
    void rowsOutsideTheTrainingRowsAndTheTaskDomainNeverCount() {
        // Train on rows 2, 4, 6, 7 (domain 1) only: user 0's profile for domain 1 sees nothing.
        UserProfiles p = UserProfiles.build(tiny.interactions(), new int[] {2, 4, 6, 7}, new int[] {0, 1}, items);
        double[] empty = new double[p.dim()];
        assertArrayEquals(empty, p.of(0, 1), 0.0);
        // For domain 0, user 0's domain-1 row 2 (item 3, rating 5) counts.
        assertEquals(Math.log(2) / Math.log(101), p.of(0, 0)[0], 1e-12);
        assertArrayEquals(new int[] {2}, p.historyRows(0, 0));
    }
}
