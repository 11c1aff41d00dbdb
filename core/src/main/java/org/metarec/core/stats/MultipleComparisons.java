package org.metarec.core.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Adjusted p-values for a family of m tests, so that a table that marks many comparisons keeps its error
 * rate: Holm's step-down procedure (Holm, Scand. J. Statistics 6(2), 1979), which controls the family-wise
 * error rate under any dependence, and the Benjamini-Hochberg step-up procedure (J. R. Statist. Soc. B 57(1),
 * 1995), which controls the false discovery rate for independent or positively dependent tests. A hypothesis is
 * rejected at level a exactly when its adjusted p-value is at most a.
 */
public final class MultipleComparisons {

    private MultipleComparisons() {
    }

    /**
     * Holm's adjusted p-values, in the order given: with the p-values sorted ascending, {@code p_(1) <= ... <= p_(m)},
     * {@code adj_(i) = max_{j <= i} min(1, (m - j + 1) p_(j))}.
     *
     * @param p the p-values, each in [0, 1]
     * @return the adjusted values, same order
     */
    public static double[] holm(double[] p) {
        Integer[] order = ascending(p);
        int m = p.length;
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1, (m - rank) * p[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }

    /**
     * Benjamini-Hochberg adjusted p-values, in the order given: with the p-values sorted ascending,
     * {@code adj_(i) = min_{j >= i} min(1, m p_(j) / j)}.
     *
     * @param p the p-values, each in [0, 1]
     * @return the adjusted values, same order
     */
    public static double[] benjaminiHochberg(double[] p) {
        Integer[] order = ascending(p);
        int m = p.length;
        double[] adjusted = new double[m];
        double running = 1;
        for (int rank = m - 1; rank >= 0; rank--) {
            int i = order[rank];
            running = Math.min(running, Math.min(1, p[i] * ((double) m / (rank + 1))));
            adjusted[i] = running;
        }
        return adjusted;
    }

    private static Integer[] ascending(double[] p) {
        for (double v : p) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("multiple comparisons: expected p-values in [0, 1], found " + v);
            }
        }
        Integer[] order = IntStream.range(0, p.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));   // stable: ties keep their order
        return order;
    }
}
