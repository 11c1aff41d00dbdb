package org.metarec.experiments.results;

import java.util.Comparator;

/**
 * Which test task a value belongs to: the seed whose split drew it, its index among that seed's tasks, and the
 * test user it is, for kinds whose tasks are users. Ordered by seed, then task.
 *
 * @param seed the seed (kinds without seeds use the run's seed: one seed)
 * @param task the task's index among the seed's tasks, &ge; 0
 * @param user the test user, or null when tasks are not users (sinusoids, few-shot episodes)
 */
public record TaskId(long seed, int task, Integer user) implements Comparable<TaskId> {

    private static final Comparator<TaskId> ORDER = Comparator.comparingLong(TaskId::seed).thenComparingInt(TaskId::task);

    /** Requires a non-negative task index. */
    public TaskId {
        if (task < 0) {
            throw new IllegalArgumentException("task index must be >= 0, found " + task);
        }
    }

    /**
     * The unit that is counted once in the tests over users: the user, whatever the seed; a task that is not a
     * user is its own unit, since another seed's task of the same index is another task.
     *
     * @return e.g. {@code user 17} or {@code seed 3 task 5}
     */
    public String unit() {
        return user != null ? "user " + user : "seed " + seed + " task " + task;
    }

    /** {@code seed 3 task 5}, with {@code (user 17)} when the task is a user: how messages name a task. */
    @Override
    public String toString() {
        return "seed " + seed + " task " + task + (user == null ? "" : " (user " + user + ")");
    }

    @Override
    public int compareTo(TaskId o) {
        return ORDER.compare(this, o);
    }
}
