package org.metarec.core.tasks;

import java.util.Arrays;
import org.metarec.core.data.Interactions;

/** Validation and membership of a pool of candidate rows (e.g. the training rows of a split). */
final class RowPool {

    private RowPool() {
    }

    /** A membership mask of {@code rows}, which must be distinct rows of {@code data}. */
    static boolean[] mask(Interactions data, int[] rows) {
        boolean[] in = new boolean[data.size()];
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            if (r < 0 || r >= in.length) {
                throw new IllegalArgumentException("row pool[" + i + "]: expected a row in [0, " + in.length
                        + "), found " + r);
            }
            if (in[r]) {
                throw new IllegalArgumentException("row pool[" + i + "]: expected distinct rows, found row " + r
                        + " twice");
            }
            in[r] = true;
        }
        return in;
    }

    /** The rows of {@code user} in {@code domain} that are in the mask, ascending. */
    static int[] userRows(Interactions data, boolean[] mask, int user, int domain) {
        int[] rows = data.rowsOf(user, domain);
        int n = 0;
        for (int r : rows) {
            if (mask[r]) {
                rows[n++] = r;
            }
        }
        return Arrays.copyOf(rows, n);
    }

    static void checkDomain(Interactions data, int domain) {
        if (domain < 0 || domain >= data.domainCount()) {
            throw new IllegalArgumentException("domain index: expected 0.." + (data.domainCount() - 1) + ", found "
                    + domain);
        }
    }
}
