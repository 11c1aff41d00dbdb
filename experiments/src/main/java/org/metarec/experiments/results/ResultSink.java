package org.metarec.experiments.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collects per-task metric values of a run: for each method and {@link MetricKey}, one value per test task
 * index. Safe to fill from several threads; what it returns never depends on the order of recording, so results
 * are identical for any number of threads.
 */
public final class ResultSink {

    private final Set<String> declared = new LinkedHashSet<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Map<MetricKey, TreeMap<Integer, Double>>> values = new HashMap<>();

    /**
     * The values of one method for one metric.
     *
     * @param method method name
     * @param key    metric and adaptation steps
     * @param tasks  task indices, ascending
     * @param values the value of each task, same order
     */
    public record Series(String method, MetricKey key, int[] tasks, double[] values) {
        /** Copies the arrays; requires equal lengths. */
        public Series {
            tasks = tasks.clone();
            values = values.clone();
            if (tasks.length != values.length) {
                throw new IllegalArgumentException("tasks and values differ in length");
            }
        }

        /** A copy of the task indices. */
        @Override
        public int[] tasks() {
            return tasks.clone();
        }

        /** A copy of the values. */
        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Series s && s.method.equals(method) && s.key.equals(key)
                    && Arrays.equals(s.tasks, tasks) && Arrays.equals(s.values, values);
        }

        @Override
        public int hashCode() {
            return method.hashCode() * 31 + key.hashCode();
        }

        @Override
        public String toString() {
            return "Series[" + method + ", " + key + ", n=" + tasks.length + "]";
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

    /** Records a metric without an adaptation-steps dimension. */
    public void record(String method, String metric, int task, double value) {
        record(method, new MetricKey(metric, null), task, value);
    }

    /** Records a metric measured after {@code adaptSteps} steps of test-time adaptation. */
    public void record(String method, String metric, int adaptSteps, int task, double value) {
        record(method, new MetricKey(metric, adaptSteps), task, value);
    }

    /**
     * Records the value of {@code key} for {@code method} on test task {@code task}.
     *
     * @throws IllegalArgumentException for a non-finite value, a negative task or a value recorded twice
     */
    public synchronized void record(String method, MetricKey key, int task, double value) {
        if (method == null || !method.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("method names use letters, digits, '_', '.', '-'; found '" + method + "'");
        }
        if (task < 0) {
            throw new IllegalArgumentException("task index must be >= 0, found " + task);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("method " + method + ", " + key + ", task " + task + ": expected a finite value, found " + value);
        }
        TreeMap<Integer, Double> byTask = values.computeIfAbsent(method, m -> new HashMap<>()).computeIfAbsent(key, k -> new TreeMap<>());
        if (byTask.containsKey(task)) {
            throw new IllegalArgumentException("method " + method + ", " + key + ", task " + task + ": recorded twice");
        }
        byTask.put(task, value);
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
                TreeMap<Integer, Double> byTask = values.get(method).get(key);
                if (byTask != null) {
                    out.add(new Series(method, key, byTask.keySet().stream().mapToInt(Integer::intValue).toArray(),
                            byTask.values().stream().mapToDouble(Double::doubleValue).toArray()));
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
