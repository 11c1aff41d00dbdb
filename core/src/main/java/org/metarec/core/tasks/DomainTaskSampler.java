package org.metarec.core.tasks;

import java.util.Arrays;
import org.metarec.core.data.Interactions;
import org.metarec.core.random.Rng;

/**
 * Tasks drawn from a whole domain (the view in which "a task is a domain"): K support rows and up to Q query
 * rows sampled uniformly without replacement from the pool's rows in the domain, whatever their users.
 */
public final class DomainTaskSampler {

    private final int domain;
    private final int supportSize;
    private final int querySize;
    private final int[] domainRows;

    /**
     * Indexes the pool.
     *
     * @param data the interactions
     * @param rows the pool of rows tasks may use (distinct rows of data)
     * @param domain the domain of the tasks
     * @param supportSize K &ge; 0
     * @param maxQuerySize Q &ge; 1; the query has min(Q, n - K) rows for n pool rows in the domain
     * @throws IllegalArgumentException if the domain has fewer than K + 1 pool rows
     */
    public DomainTaskSampler(Interactions data, int[] rows, int domain, int supportSize, int maxQuerySize) {
        RowPool.checkDomain(data, domain);
        if (supportSize < 0) {
            throw new IllegalArgumentException("support size K: expected >= 0, found " + supportSize);
        }
        if (maxQuerySize < 1) {
            throw new IllegalArgumentException("query size Q: expected >= 1, found " + maxQuerySize);
        }
        boolean[] mask = RowPool.mask(data, rows);
        int[] all = data.rowsInDomain(domain);
        int n = 0;
        for (int r : all) {
            if (mask[r]) {
                all[n++] = r;
            }
        }
        if (n <= supportSize) {
            throw new IllegalArgumentException("domain tasks in " + data.domains().name(domain) + ": expected at least "
                    + (supportSize + 1) + " rows, found " + n);
        }
        this.domain = domain;
        this.supportSize = supportSize;
        this.querySize = (int) Math.min(maxQuerySize, (long) n - supportSize);
        this.domainRows = Arrays.copyOf(all, n);
    }

    /**
     * A task: K + min(Q, n - K) distinct pool rows of the domain in random order, the first K as support.
     *
     * @param rng the generator, advanced by the call
     * @return a task with user {@link RatingTask#ANY_USER}
     */
    public RatingTask task(Rng rng) {
        int[] picked = rng.sample(domainRows.length, supportSize + querySize);
        int[] support = new int[supportSize];
        int[] query = new int[querySize];
        for (int i = 0; i < picked.length; i++) {
            if (i < supportSize) {
                support[i] = domainRows[picked[i]];
            } else {
                query[i - supportSize] = domainRows[picked[i]];
            }
        }
        return new RatingTask(RatingTask.ANY_USER, domain, support, query);
    }

    /**
     * The number of pool rows in the domain.
     *
     * @return n
     */
    public int poolSize() {
        return domainRows.length;
    }
}
