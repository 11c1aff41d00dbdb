package org.metarec.core.tasks;

import java.util.Arrays;

/**
 * A few-shot task: support rows to adapt on and query rows to evaluate on, all rows of one
 * {@link org.metarec.core.data.Interactions}.
 *
 * @param user the user the task belongs to, or {@link #ANY_USER} for a task drawn from a whole domain
 * @param domain the domain of the task's rows
 * @param supportRows rows given for adaptation (may be empty: K = 0)
 * @param queryRows rows whose ratings are to be predicted (at least one)
 */
public record RatingTask(int user, int domain, int[] supportRows, int[] queryRows) {

    /** The user of a task that is not about a single user. */
    public static final int ANY_USER = -1;

    /**
     * Validates the task and stores copies of the row arrays.
     *
     * @throws IllegalArgumentException if a row repeats, support and query share a row, the query set is
     *     empty, or the user or domain index is invalid
     */
    public RatingTask {
        if (supportRows == null || queryRows == null) {
            throw new IllegalArgumentException("rating task: expected support and query rows, found null");
        }
        if (user < ANY_USER) {
            throw new IllegalArgumentException("rating task: expected a user index >= 0 or ANY_USER, found " + user);
        }
        if (domain < 0) {
            throw new IllegalArgumentException("rating task: expected a domain index >= 0, found " + domain);
        }
        if (queryRows.length == 0) {
            throw new IllegalArgumentException("rating task of user " + user + ": expected at least one query row, "
                    + "found none");
        }
        supportRows = supportRows.clone();
        queryRows = queryRows.clone();
        int[] all = new int[supportRows.length + queryRows.length];
        System.arraycopy(supportRows, 0, all, 0, supportRows.length);
        System.arraycopy(queryRows, 0, all, supportRows.length, queryRows.length);
        Arrays.sort(all);
        for (int i = 1; i < all.length; i++) {
            if (all[i] == all[i - 1]) {
                throw new IllegalArgumentException("rating task of user " + user
                        + ": expected distinct rows in support and query, found row " + all[i] + " twice");
            }
        }
    }

    /**
     * The support rows (a copy).
     *
     * @return row indices
     */
    @Override
    public int[] supportRows() {
        return supportRows.clone();
    }

    /**
     * The query rows (a copy).
     *
     * @return row indices
     */
    @Override
    public int[] queryRows() {
        return queryRows.clone();
    }

    /**
     * The same task with only its first {@code k} support rows (the same query): for tasks whose support rows
     * are in random order, a random K-shot subset, and the subsets for growing K are nested.
     *
     * @param k the support size, 0 &le; k &le; {@link #supportSize()}
     * @return a new task
     * @throws IllegalArgumentException if the task has fewer than {@code k} support rows
     */
    public RatingTask withSupportSize(int k) {
        if (k < 0 || k > supportRows.length) {
            throw new IllegalArgumentException("rating task of user " + user + ": expected a support size in 0.."
                    + supportRows.length + ", found " + k);
        }
        return new RatingTask(user, domain, Arrays.copyOf(supportRows, k), queryRows);
    }

    /**
     * The number of support rows, K.
     *
     * @return the support size
     */
    public int supportSize() {
        return supportRows.length;
    }

    /**
     * The number of query rows.
     *
     * @return the query size
     */
    public int querySize() {
        return queryRows.length;
    }

    /**
     * Equality of user, domain and row arrays (by content, in order).
     *
     * @param o another object
     * @return true if equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof RatingTask t && user == t.user && domain == t.domain
                && Arrays.equals(supportRows, t.supportRows) && Arrays.equals(queryRows, t.queryRows);
    }

    /**
     * Hash consistent with {@link #equals(Object)}.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return ((31 * user + domain) * 31 + Arrays.hashCode(supportRows)) * 31 + Arrays.hashCode(queryRows);
    }

    /**
     * A readable description.
     *
     * @return e.g. {@code RatingTask[user=3, domain=1, support=[5, 9], query=[2, 7, 11]]}
     */
    @Override
    public String toString() {
        return "RatingTask[user=" + user + ", domain=" + domain + ", support=" + Arrays.toString(supportRows)
                + ", query=" + Arrays.toString(queryRows) + "]";
    }
}
