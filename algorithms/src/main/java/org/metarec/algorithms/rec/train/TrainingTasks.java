package org.metarec.algorithms.rec.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.metarec.algorithms.meta.Task;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.SlotMode;
import org.metarec.core.data.Interactions;
import org.metarec.core.random.Rng;

/**
 * The meta-training task distribution: a task is one (user, domain) pair of the training rows with
 * at least K + 1 ratings there, split at random into K support rows and up to Q query rows, both in
 * slot 0 (the user starts from the shared initialisation). A draw picks the target domain with
 * probability {@code targetShare} (when it has eligible users) and otherwise a source-domain pair,
 * uniformly among the eligible pairs of the chosen side.
 */
public final class TrainingTasks {

    private final BatchFactory factory;
    private final int supportSize;
    private final int maxQuery;
    private final double targetShare;
    private final int[][] targetPairs;   // rows of each eligible (user, target) pair
    private final int[][] sourcePairs;

    /**
     * Indexes the eligible pairs.
     *
     * @param factory builds the batches (hiding test rows)
     * @param trainingRows the rows tasks may use
     * @param sourceDomains the source domain indices
     * @param targetDomain the target domain index
     * @param supportSize K &ge; 0
     * @param maxQuery Q &ge; 1
     * @param targetShare probability of a target-domain task, in [0, 1]
     */
    public TrainingTasks(BatchFactory factory, int[] trainingRows, int[] sourceDomains, int targetDomain,
            int supportSize, int maxQuery, double targetShare) {
        if (supportSize < 0 || maxQuery < 1 || !(targetShare >= 0 && targetShare <= 1)) {
            throw new IllegalArgumentException("training tasks: expected K >= 0, Q >= 1 and a target share in [0, 1], "
                    + "found " + supportSize + ", " + maxQuery + ", " + targetShare);
        }
        this.factory = factory;
        this.supportSize = supportSize;
        this.maxQuery = maxQuery;
        Interactions data = factory.data();
        boolean[] isSource = new boolean[data.domainCount()];
        for (int d : sourceDomains) {
            isSource[d] = true;
        }
        boolean[] usable = new boolean[data.size()];
        for (int r : trainingRows) {
            usable[r] = true;
        }
        List<int[]> target = new ArrayList<>();
        List<int[]> source = new ArrayList<>();
        for (int u = 0; u < data.userCount(); u++) {
            for (int d = 0; d < data.domainCount(); d++) {
                if (d != targetDomain && !isSource[d]) {
                    continue;
                }
                int[] rows = Arrays.stream(data.rowsOf(u, d)).filter(r -> usable[r]).toArray();
                if (rows.length > supportSize) {
                    (d == targetDomain ? target : source).add(rows);
                }
            }
        }
        if (target.isEmpty() && source.isEmpty()) {
            throw new IllegalArgumentException("training tasks: expected at least one user with " + (supportSize + 1)
                    + " training ratings in a domain, found none");
        }
        this.targetPairs = target.toArray(new int[0][]);
        this.sourcePairs = source.toArray(new int[0][]);
        this.targetShare = sourcePairs.length == 0 ? 1.0 : targetPairs.length == 0 ? 0.0 : targetShare;
    }

    /**
     * Draws a task; all randomness from {@code rng}, which advances.
     *
     * @param rng the task stream
     * @return the task
     */
    public Task<RatingBatch> draw(Rng rng) {
        int[][] pool = rng.nextDouble() < targetShare ? targetPairs : sourcePairs;
        int[] rows = pool[rng.nextInt(pool.length)].clone();
        rng.shuffle(rows);
        int q = Math.min(maxQuery, rows.length - supportSize);
        return new Task<>(factory.rows(Arrays.copyOfRange(rows, 0, supportSize), SlotMode.SINGLE),
                factory.rows(Arrays.copyOfRange(rows, supportSize, supportSize + q), SlotMode.SINGLE));
    }

    /**
     * The number of eligible (user, target domain) pairs.
     *
     * @return the count
     */
    public int targetPairs() {
        return targetPairs.length;
    }

    /**
     * The number of eligible (user, source domain) pairs.
     *
     * @return the count
     */
    public int sourcePairs() {
        return sourcePairs.length;
    }
}
