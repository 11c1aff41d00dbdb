package org.metarec.experiments.study.rec;

import java.util.Arrays;
import org.metarec.core.random.Rng;

/**
 * The k folds of k-fold validation ({@code tuning.folds}): the training users, in ascending order, shuffled with a
 * stream of the cell's seed and dealt round-robin into k folds, so the folds are disjoint, cover every user and differ
 * in size by at most one. They depend on the users and the stream alone, never on the number of threads.
 */
public final class Folds {

    private Folds() {
    }

    /**
     * Splits {@code users} into {@code k} folds.
     *
     * @param users the training users (any order; each once)
     * @param k the number of folds, &ge; 2
     * @param rng the stream of the split ({@code <kind>/folds} of the seed); only advanced here
     * @param what the split, for the error message (e.g. {@code split k5_beta20_seed1})
     * @return the folds, each ascending
     * @throws IllegalArgumentException for k &lt; 2, repeated users, or more folds than users
     */
    public static int[][] partition(int[] users, int k, Rng rng, String what) {
        if (k < 2) {
            throw new IllegalArgumentException("tuning.folds: expected at least 2 folds to partition, found " + k);
        }
        int[] order = users.clone();
        Arrays.sort(order);
        for (int i = 1; i < order.length; i++) {
            if (order[i] == order[i - 1]) {
                throw new IllegalArgumentException("tuning.folds: expected each training user once, found user "
                        + order[i] + " twice");
            }
        }
        if (k > order.length) {
            throw new IllegalArgumentException("tuning.folds: expected at most " + order.length + " folds (the training "
                    + "users of " + what + " that can be validated), found " + k);
        }
        rng.shuffle(order);
        int[][] folds = new int[k][];
        for (int f = 0; f < k; f++) {
            int size = (order.length - f + k - 1) / k;
            folds[f] = new int[size];
            for (int j = 0; j < size; j++) {
                folds[f][j] = order[f + j * k];
            }
            Arrays.sort(folds[f]);
        }
        return folds;
    }

    /**
     * The fold sizes as {@code a/b/c}.
     *
     * @param folds the folds
     * @return the text
     */
    public static String sizes(int[][] folds) {
        StringBuilder s = new StringBuilder();
        for (int[] f : folds) {
            s.append(s.isEmpty() ? "" : "/").append(f.length);
        }
        return s.toString();
    }
}
