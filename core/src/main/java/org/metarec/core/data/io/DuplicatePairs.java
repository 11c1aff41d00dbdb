package org.metarec.core.data.io;

import java.util.Arrays;
import org.metarec.core.data.Interactions;

/** Counts repeated (user, item) pairs, which loaders keep but warn about. */
final class DuplicatePairs {

    private DuplicatePairs() {
    }

    /** The number of rows whose (user, item) pair already occurred in an earlier row of the same user. */
    static int count(Interactions x) {
        // Linear time: walk each user's rows, remembering which user last rated each item.
        int[] lastUser = new int[x.itemCount()];
        Arrays.fill(lastUser, -1);
        int duplicates = 0;
        for (int u = 0; u < x.userCount(); u++) {
            for (int r : x.rowsOfUser(u)) {
                int item = x.item(r);
                if (lastUser[item] == u) {
                    duplicates++;
                } else {
                    lastUser[item] = u;
                }
            }
        }
        return duplicates;
    }

    /** A warning naming the file if there are duplicates, else null. */
    static String warning(Interactions x, String file) {
        int n = count(x);
        return n == 0 ? null : file + ": " + n + " ratings repeat an earlier (user, item) pair; all were kept";
    }
}
