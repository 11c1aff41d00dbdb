package org.metarec.algorithms.rec.implicit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.metarec.core.data.Domains;
import org.metarec.core.data.IdMap;
import org.metarec.core.data.Interactions;

/** Generated interactions for the implicit-feedback tests: every user has every item of a random subset. */
final class ImplicitFixtures {

    private ImplicitFixtures() {
    }

    /** {@code users} users and {@code items} items in two domains (items split in halves), each pair kept with p = 0.4. */
    static Interactions random(int users, int items, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<int[]> rows = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (rng.nextDouble() < 0.4 || i == u % items) {
                    rows.add(new int[] {u, i, i < items / 2 ? 0 : 1});
                }
            }
        }
        int n = rows.size();
        int[] uu = new int[n];
        int[] ii = new int[n];
        int[] dd = new int[n];
        double[] ones = new double[n];
        for (int r = 0; r < n; r++) {
            uu[r] = rows.get(r)[0];
            ii[r] = rows.get(r)[1];
            dd[r] = rows.get(r)[2];
            ones[r] = 1;
        }
        return Interactions.of(IdMap.sequential("u", users), IdMap.sequential("i", items), Domains.of("a", "b"), uu, ii,
                ones, dd, null);
    }
}
