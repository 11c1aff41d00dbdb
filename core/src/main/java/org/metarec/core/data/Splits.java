package org.metarec.core.data;

import java.util.Arrays;
import org.metarec.core.random.Rng;

/**
 * Partitions of rows into training and test: at random, by user, by item or by time. Random splits take
 * the generator as an argument (derive it from the experiment seed and a purpose name, e.g.
 * {@code Rng.derive(seed, "split")}), so a split is reproducible.
 *
 * <p>Each method takes the candidate rows (e.g. all rows, or the training part of an earlier split) and a
 * test fraction f in (0, 1); the test part gets round(f * count) of the units being split (rows, users
 * or items). Both parts are returned ascending, disjoint, and together equal to the candidate rows.
 */
public final class Splits {

    private Splits() {
    }

    /**
     * Random rows: a uniformly random round(f * n) of the rows go to test.
     *
     * @param rows candidate rows (distinct)
     * @param testFraction f in (0, 1)
     * @param rng the random stream
     * @return the split
     */
    public static Split byRow(int[] rows, double testFraction, Rng rng) {
        checkFraction(testFraction);
        int[] shuffled = distinctSorted(rows);
        rng.shuffle(shuffled);
        int testCount = (int) Math.round(testFraction * shuffled.length);
        return sortedSplit(Arrays.copyOfRange(shuffled, testCount, shuffled.length),
                Arrays.copyOf(shuffled, testCount));
    }

    /**
     * By user: a uniformly random round(f * U) of the U users having candidate rows become test users,
     * and all their candidate rows go to test (so no test user is seen in training).
     *
     * @param data the interactions the rows refer to
     * @param rows candidate rows
     * @param testFraction f in (0, 1)
     * @param rng the random stream
     * @return the split
     */
    public static Split byUser(Interactions data, int[] rows, double testFraction, Rng rng) {
        int[] key = new int[data.size()];
        for (int r = 0; r < key.length; r++) {
            key[r] = data.user(r);
        }
        return byGroup(key, data.userCount(), rows, testFraction, rng);
    }

    /**
     * By item: a uniformly random round(f * I) of the I items having candidate rows become test items,
     * and all their candidate rows go to test.
     *
     * @param data the interactions the rows refer to
     * @param rows candidate rows
     * @param testFraction f in (0, 1)
     * @param rng the random stream
     * @return the split
     */
    public static Split byItem(Interactions data, int[] rows, double testFraction, Rng rng) {
        int[] key = new int[data.size()];
        for (int r = 0; r < key.length; r++) {
            key[r] = data.item(r);
        }
        return byGroup(key, data.itemCount(), rows, testFraction, rng);
    }

    /**
     * By time (global cut-off): the rows are ordered by (timestamp, row index) and the last
     * round(f * n) go to test, so every test rating is at least as late as every training rating. No
     * randomness is involved.
     *
     * @param data the interactions the rows refer to; must have timestamps
     * @param rows candidate rows
     * @param testFraction f in (0, 1)
     * @return the split
     */
    public static Split byTime(Interactions data, int[] rows, double testFraction) {
        checkFraction(testFraction);
        if (!data.hasTimestamps()) {
            throw new IllegalArgumentException("split by time: expected interactions with timestamps, found none");
        }
        int[] distinct = distinctSorted(rows);
        checkRows(data, distinct);
        Integer[] order = Arrays.stream(distinct).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> {
            int byTime = Long.compare(data.timestamp(a), data.timestamp(b));
            return byTime != 0 ? byTime : Integer.compare(a, b);
        });
        int testCount = (int) Math.round(testFraction * order.length);
        int cut = order.length - testCount;
        int[] train = new int[cut];
        int[] test = new int[testCount];
        for (int i = 0; i < order.length; i++) {
            if (i < cut) {
                train[i] = order[i];
            } else {
                test[i - cut] = order[i];
            }
        }
        return sortedSplit(train, test);
    }

    private static Split byGroup(int[] keyOfRow, int keyCount, int[] rows, double testFraction, Rng rng) {
        checkFraction(testFraction);
        int[] distinct = distinctSorted(rows);
        for (int r : distinct) {
            if (r < 0 || r >= keyOfRow.length) {
                throw new IllegalArgumentException("split rows: expected rows in [0, " + keyOfRow.length + "), found "
                        + r);
            }
        }
        boolean[] present = new boolean[keyCount];
        for (int r : distinct) {
            present[keyOfRow[r]] = true;
        }
        // Groups in ascending order before shuffling, so the result depends only on the seed and the data.
        int[] groups = new int[keyCount];
        int groupCount = 0;
        for (int k = 0; k < keyCount; k++) {
            if (present[k]) {
                groups[groupCount++] = k;
            }
        }
        groups = Arrays.copyOf(groups, groupCount);
        rng.shuffle(groups);
        int testGroups = (int) Math.round(testFraction * groupCount);
        boolean[] inTest = new boolean[keyCount];
        for (int g = 0; g < testGroups; g++) {
            inTest[groups[g]] = true;
        }
        int testCount = 0;
        for (int r : distinct) {
            if (inTest[keyOfRow[r]]) {
                testCount++;
            }
        }
        int[] train = new int[distinct.length - testCount];
        int[] test = new int[testCount];
        int i = 0;
        int j = 0;
        for (int r : distinct) {
            if (inTest[keyOfRow[r]]) {
                test[j++] = r;
            } else {
                train[i++] = r;
            }
        }
        return new Split(train, test);
    }

    private static Split sortedSplit(int[] train, int[] test) {
        Arrays.sort(train);
        Arrays.sort(test);
        return new Split(train, test);
    }

    private static int[] distinctSorted(int[] rows) {
        int[] sorted = rows.clone();
        Arrays.sort(sorted);
        for (int k = 1; k < sorted.length; k++) {
            if (sorted[k] == sorted[k - 1]) {
                throw new IllegalArgumentException("split rows: expected distinct rows, found row " + sorted[k]
                        + " twice");
            }
        }
        return sorted;
    }

    private static void checkRows(Interactions data, int[] sortedRows) {
        if (sortedRows.length > 0 && (sortedRows[0] < 0 || sortedRows[sortedRows.length - 1] >= data.size())) {
            int bad = sortedRows[0] < 0 ? sortedRows[0] : sortedRows[sortedRows.length - 1];
            throw new IllegalArgumentException("split rows: expected rows in [0, " + data.size() + "), found " + bad);
        }
    }

    private static void checkFraction(double testFraction) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction: expected a value in (0, 1), found " + testFraction);
        }
    }
}
