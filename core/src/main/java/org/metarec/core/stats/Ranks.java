package org.metarec.core.stats;

import java.util.Arrays;

/** Ranks 1..n of values (ascending), with tied values sharing the average of their ranks. */
final class Ranks {

    private final double[] ranks;
    private final double tieCorrection;

    private Ranks(double[] ranks, double tieCorrection) {
        this.ranks = ranks;
        this.tieCorrection = tieCorrection;
    }

    /** Average ranks of {@code values}; also accumulates sum(t^3 - t) over groups of t tied values. */
    static Ranks average(double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
        double[] ranks = new double[n];
        double correction = 0;
        int start = 0;
        while (start < n) {
            int end = start;
            while (end + 1 < n && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            // Positions start..end (0-based) hold equal values: ranks start+1..end+1, average (start+end)/2 + 1.
            double average = (start + end) / 2.0 + 1;
            for (int i = start; i <= end; i++) {
                ranks[order[i]] = average;
            }
            double t = end - start + 1;
            correction += t * t * t - t;
            start = end + 1;
        }
        return new Ranks(ranks, correction);
    }

    double rank(int i) {
        return ranks[i];
    }

    boolean hasTies() {
        return tieCorrection > 0;
    }

    /** Sum over tie groups of t^3 - t (0 without ties). */
    double tieCorrection() {
        return tieCorrection;
    }
}
