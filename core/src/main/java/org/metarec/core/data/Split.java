package org.metarec.core.data;

import java.util.Arrays;

/**
 * A partition of some rows of an {@link Interactions} into training and test rows (each ascending).
 *
 * @param train training row indices
 * @param test test row indices
 */
public record Split(int[] train, int[] test) {

    /**
     * Validates that both parts are ascending, duplicate-free and disjoint; stores copies.
     *
     * @throws IllegalArgumentException if a part is null, unsorted, repeats a row, or shares a row with the other
     */
    public Split {
        if (train == null || test == null) {
            throw new IllegalArgumentException("split: expected train and test rows, found null");
        }
        train = train.clone();
        test = test.clone();
        checkAscending("train", train);
        checkAscending("test", test);
        int i = 0;
        int j = 0;
        while (i < train.length && j < test.length) {
            if (train[i] == test[j]) {
                throw new IllegalArgumentException("split: expected disjoint train and test rows, found row "
                        + train[i] + " in both");
            }
            if (train[i] < test[j]) {
                i++;
            } else {
                j++;
            }
        }
    }

    private static void checkAscending(String part, int[] rows) {
        for (int k = 1; k < rows.length; k++) {
            if (rows[k] <= rows[k - 1]) {
                throw new IllegalArgumentException("split " + part + " rows: expected strictly ascending rows, found "
                        + rows[k - 1] + " before " + rows[k]);
            }
        }
    }

    /**
     * Training rows (a copy).
     *
     * @return ascending row indices
     */
    @Override
    public int[] train() {
        return train.clone();
    }

    /**
     * Test rows (a copy).
     *
     * @return ascending row indices
     */
    @Override
    public int[] test() {
        return test.clone();
    }

    /**
     * Content equality of both parts.
     *
     * @param o another object
     * @return true if both parts hold the same rows
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Split s && Arrays.equals(train, s.train) && Arrays.equals(test, s.test);
    }

    /**
     * Hash consistent with {@link #equals(Object)}.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(train) + Arrays.hashCode(test);
    }

    /**
     * A readable summary.
     *
     * @return e.g. {@code Split[train=800 rows, test=200 rows]}
     */
    @Override
    public String toString() {
        return "Split[train=" + train.length + " rows, test=" + test.length + " rows]";
    }
}
