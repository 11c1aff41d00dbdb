package org.metarec.experiments.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collects the test results of a run, for each method and {@link MetricKey}: either one value per test task,
 * each with its {@link TaskId} (seed, task, user), or, for a metric pooled over a seed's test users (such as
 * {@code rmse_pooled}), one value per seed. Safe to fill from several threads; what it returns never depends
 * on the order of recording, so results are identical for any number of threads.
 */
public final class ResultSink {

    private final long runSeed;
    private final Set<String> declared = new LinkedHashSet<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Map<MetricKey, Values>> values = new HashMap<>();

    /** A sink whose plain {@link #record(String, MetricKey, int, double)} tasks belong to seed 0. */
    public ResultSink() {
        this(0);
    }

    /**
     * A sink for a run.
     *
     * @param runSeed the seed of tasks recorded without one (kinds that run a single seed)
     */
    public ResultSink(long runSeed) {
        this.runSeed = runSeed;
    }

    /**
     * A pooled metric's value for one seed.
     *
     * @param value the value over all query ratings of the seed's test users
     * @param users those users
     */
    public record Pooled(double value, int[] users) {
        /** Copies the users. */
        public Pooled {
            users = users.clone();
        }

        /** A copy of the users. */
        @Override
        public int[] users() {
            return users.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Pooled p && Double.compare(p.value, value) == 0 && Arrays.equals(p.users, users);
        }

        @Override
        public int hashCode() {
            return Double.hashCode(value) * 31 + Arrays.hashCode(users);
        }
    }

    /**
     * A seed's mean of a series.
     *
     * @param mean  the mean over the seed's tasks, or the seed's pooled value
     * @param tasks the number of tasks (test users) behind it
     */
    public record SeedMean(double mean, int tasks) {
    }

    /**
     * The values of one method for one measure: per task ({@link #tasks}) or per seed ({@link #pooled}), never both.
     *
     * @param method  method name
     * @param measure metric, setting and steps
     * @param tasks   task to value, ordered (empty for a pooled metric)
     * @param pooled  seed to pooled value, ordered (empty for a per-task metric)
     */
    public record Series(String method, Measure measure, SortedMap<TaskId, Double> tasks, SortedMap<Long, Pooled> pooled) {
        /** Copies the maps. */
        public Series {
            tasks = Collections.unmodifiableSortedMap(new TreeMap<>(tasks));
            pooled = Collections.unmodifiableSortedMap(new TreeMap<>(pooled));
        }

        /** The table's name of the measure. */
        public MetricKey key() {
            return measure.key();
        }

        /** True for a metric recorded once per seed. */
        public boolean isPooled() {
            return !pooled.isEmpty();
        }

        /** The values per task, in task order (empty for a pooled metric). */
        public double[] values() {
            return tasks.values().stream().mapToDouble(Double::doubleValue).toArray();
        }

        /** Per seed, the mean over its tasks (or its pooled value) and how many tasks it has. */
        public SortedMap<Long, SeedMean> perSeed() {
            SortedMap<Long, SeedMean> out = new TreeMap<>();
            pooled.forEach((seed, p) -> out.put(seed, new SeedMean(p.value(), p.users.length)));
            Map<Long, double[]> sums = new TreeMap<>();
            tasks.forEach((id, v) -> {
                double[] s = sums.computeIfAbsent(id.seed(), k -> new double[2]);
                s[0] += v;
                s[1]++;
            });
            sums.forEach((seed, s) -> out.put(seed, new SeedMean(s[0] / s[1], (int) s[1])));
            return out;
        }

        /**
         * Per unit ({@link TaskId#unit()}: a user, or a task that is no user), its mean over the seeds in which it
         * was tested; empty for a pooled metric.
         */
        public SortedMap<String, Double> perUnit() {
            Map<String, double[]> sums = new TreeMap<>();
            tasks.forEach((id, v) -> {
                double[] s = sums.computeIfAbsent(id.unit(), k -> new double[2]);
                s[0] += v;
                s[1]++;
            });
            SortedMap<String, Double> out = new TreeMap<>();
            sums.forEach((unit, s) -> out.put(unit, s[0] / s[1]));
            return out;
        }

        /** The number of distinct test users (units) over all seeds. */
        public int distinctUsers() {
            if (!isPooled()) {
                return perUnit().size();
            }
            Set<Integer> users = new TreeSet<>();
            pooled.values().forEach(p -> Arrays.stream(p.users).forEach(users::add));
            return users.size();
        }
    }

    /** Per-method storage of one measure. */
    private static final class Values {
        final Measure measure;
        final TreeMap<TaskId, Double> tasks = new TreeMap<>();
        final TreeMap<Long, Pooled> pooled = new TreeMap<>();

        Values(Measure measure) {
            this.measure = measure;
        }
    }

    /**
     * Declares methods in the order tables list them; the first is the default reference for p-values.
     * Methods that report without being declared come after, sorted by name.
     */
    public synchronized void declareMethods(String... methods) {
        declared.addAll(Arrays.asList(methods));
    }

    /**
     * Adds a note that {@code summary.md} prints under the table (e.g. how to read the noise floor's row), so that
     * what a reader needs to interpret the numbers is kept with them and not only on the terminal.
     */
    public synchronized void note(String text) {
        notes.add(text);
    }

    /** The notes, in the order they were added. */
    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    /** Records a metric without an adaptation-steps dimension, for a task of the run's one seed. */
    public void record(String method, String metric, int task, double value) {
        record(method, new MetricKey(metric, null), task, value);
    }

    /** Records a metric measured after {@code adaptSteps} steps of test-time adaptation, for a task of the run's seed. */
    public void record(String method, String metric, int adaptSteps, int task, double value) {
        record(method, new MetricKey(metric, adaptSteps), task, value);
    }

    /**
     * Records the value of {@code key} for {@code method} on test task {@code task} of the run's one seed (kinds
     * whose tasks are not users and that run a single seed).
     *
     * @throws IllegalArgumentException for a non-finite value, a negative task or a value recorded twice
     */
    public void record(String method, MetricKey key, int task, double value) {
        record(method, new Measure(key.metric(), "", key.adaptSteps()), new TaskId(runSeed, task, null), value);
    }

    /**
     * Records a per-task value with its seed and user.
     *
     * @param method  the method
     * @param measure metric, setting and steps
     * @param id      the task
     * @param value   a finite value
     * @throws IllegalArgumentException for a non-finite value, a value recorded twice, or a measure recorded per seed
     */
    public synchronized void record(String method, Measure measure, TaskId id, double value) {
        Values v = values(method, measure, value, id.toString());
        if (!v.pooled.isEmpty()) {
            throw new IllegalArgumentException("method " + method + ", " + measure.key() + ": recorded per seed, not per task");
        }
        if (v.tasks.containsKey(id)) {
            throw new IllegalArgumentException("method " + method + ", " + measure.key() + ", " + id + ": recorded twice");
        }
        v.tasks.put(id, value);
    }

    /**
     * Records a metric that is one number per seed (pooled over the seed's test users, e.g. {@code rmse_pooled}).
     *
     * @param method  the method
     * @param measure metric, setting and steps
     * @param seed    the seed
     * @param users   the seed's test users the value pools
     * @param value   a finite value
     * @throws IllegalArgumentException for a non-finite value, a seed recorded twice, or a measure recorded per task
     */
    public synchronized void recordPooled(String method, Measure measure, long seed, int[] users, double value) {
        Values v = values(method, measure, value, "seed " + seed);
        if (!v.tasks.isEmpty()) {
            throw new IllegalArgumentException("method " + method + ", " + measure.key() + ": recorded per task, not per seed");
        }
        if (v.pooled.containsKey(seed)) {
            throw new IllegalArgumentException("method " + method + ", " + measure.key() + ", seed " + seed + ": recorded twice");
        }
        v.pooled.put(seed, new Pooled(value, users));
    }

    private Values values(String method, Measure measure, double value, String where) {
        if (method == null || !method.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("method names use letters, digits, '_', '.', '-'; found '" + method + "'");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("method " + method + ", " + measure.key() + ", " + where
                    + ": expected a finite value, found " + value);
        }
        Values v = values.computeIfAbsent(method, m -> new HashMap<>()).computeIfAbsent(measure.key(), k -> new Values(measure));
        if (!v.measure.equals(measure)) {
            throw new IllegalArgumentException("method " + method + ", " + measure.key() + ": recorded as " + v.measure
                    + " and as " + measure);
        }
        return v;
    }

    /** Methods with results: declared ones first (in declaration order), then the rest by name. */
    public synchronized List<String> methods() {
        List<String> out = new ArrayList<>();
        for (String m : declared) {
            if (values.containsKey(m)) {
                out.add(m);
            }
        }
        for (String m : new TreeSet<>(values.keySet())) {
            if (!declared.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }

    /** Every series, ordered by metric key, then method as in {@link #methods()}. */
    public synchronized List<Series> series() {
        List<String> methods = methods();
        Set<MetricKey> keys = new TreeSet<>();
        values.values().forEach(m -> keys.addAll(m.keySet()));
        List<Series> out = new ArrayList<>();
        for (MetricKey key : keys) {
            for (String method : methods) {
                Values v = values.get(method).get(key);
                if (v != null) {
                    out.add(new Series(method, v.measure, v.tasks, v.pooled));
                }
            }
        }
        return out;
    }

    /** True when nothing was recorded. */
    public synchronized boolean isEmpty() {
        return values.isEmpty();
    }
}
