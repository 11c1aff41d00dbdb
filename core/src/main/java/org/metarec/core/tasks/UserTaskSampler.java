package org.metarec.core.tasks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.metarec.core.data.Interactions;
import org.metarec.core.random.Rng;

/**
 * Per-user few-shot tasks within one domain: for each user with at least K + 1 ratings among the pool's
 * rows in the domain, a task whose support is K of them and whose query is up to Q of the rest, chosen
 * uniformly at random. Users with 1..K ratings there are skipped and counted.
 *
 * <p>The split of user u is drawn from {@code rng.fork("user-" + u)}, so it depends only on the generator's
 * key and the user: the same generator gives the same tasks whatever else is sampled. Pass a different
 * fork (e.g. {@code rng.fork("epoch-3")}) to re-draw.
 */
public final class UserTaskSampler {

    private final Interactions data;
    private final int domain;
    private final int supportSize;
    private final int maxQuerySize;
    private final int[] eligibleUsers;
    private final int[][] rowsOfEligible;
    private final int skippedUsers;

    /**
     * Indexes the pool.
     *
     * @param data the interactions
     * @param rows the pool of rows tasks may use (distinct rows of data), e.g. the training rows
     * @param domain the domain of the tasks
     * @param supportSize K &ge; 0
     * @param maxQuerySize Q &ge; 1 (use {@link Integer#MAX_VALUE} for "all remaining ratings")
     */
    public UserTaskSampler(Interactions data, int[] rows, int domain, int supportSize, int maxQuerySize) {
        RowPool.checkDomain(data, domain);
        if (supportSize < 0) {
            throw new IllegalArgumentException("support size K: expected >= 0, found " + supportSize);
        }
        if (maxQuerySize < 1) {
            throw new IllegalArgumentException("query size Q: expected >= 1, found " + maxQuerySize);
        }
        this.data = data;
        this.domain = domain;
        this.supportSize = supportSize;
        this.maxQuerySize = maxQuerySize;
        boolean[] mask = RowPool.mask(data, rows);
        List<Integer> users = new ArrayList<>();
        List<int[]> userRows = new ArrayList<>();
        int skipped = 0;
        for (int u = 0; u < data.userCount(); u++) {
            if (data.countOf(u, domain) == 0) {
                continue;
            }
            int[] mine = RowPool.userRows(data, mask, u, domain);
            if (mine.length > supportSize) {
                users.add(u);
                userRows.add(mine);
            } else if (mine.length > 0) {
                skipped++;
            }
        }
        this.eligibleUsers = users.stream().mapToInt(Integer::intValue).toArray();
        this.rowsOfEligible = userRows.toArray(new int[0][]);
        this.skippedUsers = skipped;
    }

    /**
     * Users with at least K + 1 pool rows in the domain, ascending.
     *
     * @return a new array
     */
    public int[] eligibleUsers() {
        return eligibleUsers.clone();
    }

    /**
     * Users with 1..K pool rows in the domain (too few for a task with a query).
     *
     * @return the count
     */
    public int skippedUsers() {
        return skippedUsers;
    }

    /**
     * The task of one eligible user: the user's pool rows in the domain shuffled with
     * {@code rng.fork("user-" + user)}, the first K as support, the next min(Q, n - K) as query.
     *
     * @param user an eligible user
     * @param rng the generator whose fork is used
     * @return the task
     */
    public RatingTask task(int user, Rng rng) {
        int position = Arrays.binarySearch(eligibleUsers, user);
        if (position < 0) {
            throw new IllegalArgumentException("user " + user + ": expected a user with at least " + (supportSize + 1)
                    + " ratings in domain " + data.domains().name(domain) + ", found fewer");
        }
        return split(user, rowsOfEligible[position], rng.fork("user-" + user));
    }

    /**
     * One task per eligible user, in user order (each as by {@link #task(int, Rng)}).
     *
     * @param rng the generator whose forks are used
     * @return the tasks
     */
    public List<RatingTask> allTasks(Rng rng) {
        List<RatingTask> tasks = new ArrayList<>(eligibleUsers.length);
        for (int i = 0; i < eligibleUsers.length; i++) {
            tasks.add(split(eligibleUsers[i], rowsOfEligible[i], rng.fork("user-" + eligibleUsers[i])));
        }
        return Collections.unmodifiableList(tasks);
    }

    /**
     * A task of a uniformly chosen eligible user, split with draws from {@code rng} itself (which advances),
     * for training loops that draw a fresh task at every step.
     *
     * @param rng the generator, advanced by the call
     * @return the task
     */
    public RatingTask randomTask(Rng rng) {
        if (eligibleUsers.length == 0) {
            throw new IllegalStateException("user tasks in domain " + data.domains().name(domain)
                    + ": expected at least one user with " + (supportSize + 1) + " ratings, found none");
        }
        int i = rng.nextInt(eligibleUsers.length);
        return split(eligibleUsers[i], rowsOfEligible[i], rng);
    }

    private RatingTask split(int user, int[] rows, Rng rng) {
        int[] shuffled = rows.clone();
        rng.shuffle(shuffled);
        int querySize = (int) Math.min(maxQuerySize, (long) shuffled.length - supportSize);
        int[] support = Arrays.copyOfRange(shuffled, 0, supportSize);
        int[] query = Arrays.copyOfRange(shuffled, supportSize, supportSize + querySize);
        return new RatingTask(user, domain, support, query);
    }
}
