package org.metarec.experiments.study.crossdomain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.metarec.core.data.Interactions;
import org.metarec.core.random.Rng;
import org.metarec.core.tasks.ColdStartSplit;
import org.metarec.core.tasks.RatingTask;
import org.metarec.core.tasks.SupportOrder;

/**
 * Warm users: a sample of training overlap users with some of their target ratings held out, so a table
 * can show next to the cold users whether a method trades warm accuracy for cold. Each warm user's
 * held-out ratings ({@link #HOLDOUT_SHARE} of their target ratings, at least one, at most Q) are removed
 * from the training rows and hidden from training and selection like a test user's; their other target
 * ratings stay in training, and K of those are the task's support set.
 *
 * <p>Users are drawn among the training overlap users with at least K + 2 target ratings, with
 * {@code rng.fork("users")}; a user's held-out rows are drawn with {@code rng.fork("user-" + u)}, or, with a
 * temporal support order, are the user's latest ratings (the support then being their first K).
 */
public final class WarmUsers {

    /** The share of a warm user's target ratings that is held out. */
    public static final double HOLDOUT_SHARE = 0.2;

    private final List<RatingTask> tasks;
    private final int[] heldOut;

    private WarmUsers(List<RatingTask> tasks, int[] heldOut) {
        this.tasks = tasks;
        this.heldOut = heldOut;
    }

    /** No warm users. */
    public static final WarmUsers NONE = new WarmUsers(List.of(), new int[0]);

    /**
     * Draws the warm users of a split.
     *
     * @param data the interactions
     * @param split the cold-start split (its training overlap users are the candidates)
     * @param count how many warm users, at most (fewer when fewer are eligible)
     * @param order the split's support order
     * @param rng the stream of the draw
     * @return the warm users
     */
    public static WarmUsers draw(Interactions data, ColdStartSplit split, int count, SupportOrder order, Rng rng) {
        if (count == 0) {
            return NONE;
        }
        int target = split.targetIndex();
        int k = split.config().supportSize();
        int[] candidates = Arrays.stream(split.trainingOverlapUsers()).filter(u -> data.countOf(u, target) >= k + 2)
                .toArray();
        rng.fork("users").shuffle(candidates);
        int[] chosen = Arrays.copyOf(candidates, Math.min(count, candidates.length));
        Arrays.sort(chosen);
        List<RatingTask> tasks = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        for (int u : chosen) {
            int[] rows = data.rowsOf(u, target);
            int n = rows.length;
            int h = (int) Math.min(Math.min(Math.max(1, Math.round(HOLDOUT_SHARE * n)), n - k - 1),
                    split.config().maxQuerySize());
            int[] query;
            int[] support;
            if (order == SupportOrder.TEMPORAL) {
                Integer[] boxed = Arrays.stream(rows).boxed().toArray(Integer[]::new);
                Arrays.sort(boxed, (a, b) -> data.timestamp(a) != data.timestamp(b)
                        ? Long.compare(data.timestamp(a), data.timestamp(b)) : Integer.compare(a, b));
                rows = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
                support = Arrays.copyOfRange(rows, 0, k);
                query = Arrays.copyOfRange(rows, n - h, n);
            } else {
                rng.fork("user-" + u).shuffle(rows);
                query = Arrays.copyOfRange(rows, 0, h);
                support = Arrays.copyOfRange(rows, h, h + k);
            }
            for (int r : query) {
                held.add(r);
            }
            tasks.add(new RatingTask(u, target, support, query));
        }
        int[] heldOut = held.stream().mapToInt(Integer::intValue).sorted().toArray();
        return new WarmUsers(Collections.unmodifiableList(tasks), heldOut);
    }

    /**
     * One task per warm user (user order): K support rows from their training ratings, the held-out query.
     *
     * @return an unmodifiable list
     */
    public List<RatingTask> tasks() {
        return tasks;
    }

    /**
     * The held-out rows of every warm user (ascending): not training rows, hidden from training and selection.
     *
     * @return a new array
     */
    public int[] heldOutRows() {
        return heldOut.clone();
    }
}
