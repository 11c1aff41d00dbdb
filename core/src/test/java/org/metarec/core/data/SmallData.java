package org.metarec.core.data;

import org.metarec.core.random.Rng;

/** Hand-written and seeded random interaction fixtures for the data tests. */
final class SmallData {

    private SmallData() {
    }

    /**
     * Six rows, 3 users, 4 items, 2 domains:
     * <pre>
     * row user item rating domain time
     *  0   u0   i0    5      A     10
     *  1   u1   i1    3      A      5
     *  2   u0   i2    4      B      7
     *  3   u2   i3    2      B      1
     *  4   u0   i1    1      A      3
     *  5   u1   i2    2      B      9
     * </pre>
     */
    static Interactions sixRows() {
        return Interactions.of(IdMap.sequential("u", 3), IdMap.sequential("i", 4), Domains.of("A", "B"),
                new int[] {0, 1, 0, 2, 0, 1}, new int[] {0, 1, 2, 3, 1, 2}, new double[] {5, 3, 4, 2, 1, 2},
                new int[] {0, 0, 1, 1, 0, 1}, new long[] {10, 5, 7, 1, 3, 9});
    }

    /** Random interactions (users, items, domains, times all random) for property tests. */
    static Interactions random(long seed, int rows, int users, int items, int domains) {
        Rng rng = Rng.derive(seed, "test/small-data");
        String[] names = new String[domains];
        for (int d = 0; d < domains; d++) {
            names[d] = "d" + d;
        }
        Interactions.Builder b = Interactions.builder(Domains.of(names), true);
        for (int r = 0; r < rows; r++) {
            b.add(rng.nextInt(users), rng.nextInt(items), 1 + rng.nextInt(5), rng.nextInt(domains), rng.nextInt(50));
        }
        return b.build(IdMap.sequential("u", users), IdMap.sequential("i", items));
    }
}
