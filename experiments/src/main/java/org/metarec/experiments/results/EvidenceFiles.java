package org.metarec.experiments.results;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The run folder's evidence behind its summary, so that others can run their own tests: {@code per_seed.csv}, one
 * row per method, metric, steps and seed with the seed's mean and its number of tasks; and {@code per_user.csv},
 * one row per seed, method, setting, steps and test task (its user, when tasks are users) with that task's value
 * of every per-user metric. {@link #read} rebuilds the sink from both, which is how a report merges runs.
 */
public final class EvidenceFiles {

    /** The per-seed file's name. */
    public static final String PER_SEED = "per_seed.csv";
    /** The per-user file's name. */
    public static final String PER_USER = "per_user.csv";

    private static final String SEED_HEADER = "method,metric,steps,seed,mean,n_tasks,setting,averaging";
    private static final String POOLED = "pooled";
    private static final String OVER_TASKS = "over_tasks";

    private EvidenceFiles() {
    }

    /**
     * The content of {@code per_seed.csv}; {@code averaging} says whether a row's mean is over its tasks
     * ({@code over_tasks}) or is a value pooled over the seed's test users ({@code pooled}).
     *
     * @param sink the results
     * @return the CSV text
     */
    public static String perSeed(ResultSink sink) {
        java.io.StringWriter out = new java.io.StringWriter();
        try {
            writePerSeed(sink, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);   // a StringWriter does not throw
        }
        return out.toString();
    }

    /**
     * Writes {@link #perSeed}'s text to {@code out} as it goes, for a run too large to hold it as one string.
     *
     * @param sink the results
     * @param out where to write (not closed)
     * @throws IOException if writing fails
     */
    public static void writePerSeed(ResultSink sink, Writer out) throws IOException {
        out.write(SEED_HEADER);
        out.write('\n');
        for (ResultSink.Series s : sink.series()) {
            for (var e : s.perSeed().entrySet()) {
                ResultSink.SeedMean m = e.getValue();
                out.write(s.method() + ',' + s.key().metric() + ',' + steps(s.measure().steps()) + ',' + e.getKey() + ','
                        + m.mean() + ',' + m.tasks() + ',' + s.measure().setting() + ','
                        + (s.isPooled() ? POOLED : OVER_TASKS) + '\n');
            }
        }
    }

    /** A row of per_user.csv: everything but the metric values. */
    private record Row(String method, String setting, Integer steps, TaskId id) {
    }

    /**
     * The content of {@code per_user.csv}: columns seed, method, setting, steps, task, user (empty when tasks are
     * not users), then one column per metric (empty where a row has no such value); rows by method (table order),
     * setting, steps, seed and task.
     *
     * @param sink the results
     * @return the CSV text
     */
    public static String perUser(ResultSink sink) {
        java.io.StringWriter out = new java.io.StringWriter();
        try {
            writePerUser(sink, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);   // a StringWriter does not throw
        }
        return out.toString();
    }

    /**
     * Writes {@link #perUser}'s text to {@code out} row by row, for a run too large to hold it as one string (a
     * ten-seed study's file is hundreds of megabytes).
     *
     * @param sink the results
     * @param out where to write (not closed)
     * @throws IOException if writing fails
     */
    public static void writePerUser(ResultSink sink, Writer out) throws IOException {
        List<String> methods = sink.methods();
        TreeSet<String> metrics = new TreeSet<>();
        Map<Row, Map<String, Double>> rows = new TreeMap<>((a, b) -> {
            int c = Integer.compare(methods.indexOf(a.method), methods.indexOf(b.method));
            c = c != 0 ? c : a.setting.compareTo(b.setting);
            c = c != 0 ? c : Integer.compare(a.steps == null ? -1 : a.steps, b.steps == null ? -1 : b.steps);
            return c != 0 ? c : a.id.compareTo(b.id);
        });
        for (ResultSink.Series s : sink.series()) {
            if (s.isPooled()) {
                continue;
            }
            metrics.add(s.measure().metric());
            s.tasks().forEach((id, v) -> rows.computeIfAbsent(new Row(s.method(), s.measure().setting(), s.measure().steps(), id),
                    r -> new LinkedHashMap<>()).put(s.measure().metric(), v));
        }
        StringBuilder line = new StringBuilder("seed,method,setting,steps,task,user");
        metrics.forEach(m -> line.append(',').append(m));
        out.write(line.append('\n').toString());
        for (var e : rows.entrySet()) {
            Row r = e.getKey();
            line.setLength(0);
            line.append(r.id.seed()).append(',').append(r.method).append(',').append(r.setting).append(',').append(steps(r.steps))
                    .append(',').append(r.id.task()).append(',').append(r.id.user() == null ? "" : r.id.user());
            for (String m : metrics) {
                Double v = e.getValue().get(m);
                line.append(',').append(v == null ? "" : v.toString());
            }
            out.write(line.append('\n').toString());
        }
    }

    /**
     * Records the contents of a run folder's two files in {@code sink}: every per-user value, and every pooled
     * per-seed value with the users of the same seed, method, setting and steps.
     *
     * @param dir  the run folder
     * @param sink where to record
     * @throws IOException if a file cannot be read
     * @throws IllegalArgumentException naming the file and line of a malformed row, or a value already recorded
     *                                  (the same seed in two runs)
     */
    public static void read(Path dir, ResultSink sink) throws IOException {
        Path users = dir.resolve(PER_USER);
        Path seeds = dir.resolve(PER_SEED);
        for (Path p : List.of(users, seeds)) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException(p + ": expected the file a run writes beside summary.json (runs written "
                        + "before per-seed results cannot be merged), found none");
            }
        }
        // "seed/method/setting/steps" -> users, in first-seen order (a set: a run has hundreds of thousands of rows)
        Map<String, java.util.Set<Integer>> usersOf = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(users);
        String[] header = lines.isEmpty() ? new String[0] : lines.get(0).split(",", -1);
        if (header.length < 6 || !String.join(",", List.of(header).subList(0, 6)).equals("seed,method,setting,steps,task,user")) {
            throw new IllegalArgumentException(users + ":1: expected the header seed,method,setting,steps,task,user,<metrics>, found "
                    + (lines.isEmpty() ? "an empty file" : lines.get(0)));
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            String where = users + ":" + (i + 1);
            if (f.length != header.length) {
                throw new IllegalArgumentException(where + ": expected " + header.length + " fields, found " + f.length);
            }
            try {
                long seed = Long.parseLong(f[0]);
                Integer steps = f[3].isEmpty() ? null : Integer.valueOf(f[3]);
                Integer user = f[5].isEmpty() ? null : Integer.valueOf(f[5]);
                TaskId id = new TaskId(seed, Integer.parseInt(f[4]), user);
                for (int c = 6; c < f.length; c++) {
                    if (!f[c].isEmpty()) {
                        sink.record(f[1], new Measure(header[c], f[2], steps), id, Double.parseDouble(f[c]));
                    }
                }
                if (user != null) {
                    usersOf.computeIfAbsent(f[0] + "/" + f[1] + "/" + f[2] + "/" + f[3], k -> new java.util.LinkedHashSet<>())
                            .add(user);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        lines = Files.readAllLines(seeds);
        if (lines.isEmpty() || !lines.get(0).equals(SEED_HEADER)) {
            throw new IllegalArgumentException(seeds + ":1: expected the header " + SEED_HEADER + ", found "
                    + (lines.isEmpty() ? "an empty file" : lines.get(0)));
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            String where = seeds + ":" + (i + 1);
            if (f.length != 8 || !(f[7].equals(POOLED) || f[7].equals(OVER_TASKS))) {
                throw new IllegalArgumentException(where + ": expected 8 fields ending in " + POOLED + " or " + OVER_TASKS
                        + ", found " + lines.get(i));
            }
            if (f[7].equals(OVER_TASKS)) {
                continue;   // rebuilt from per_user.csv
            }
            try {
                String setting = f[6];
                String metric = setting.isEmpty() ? f[1] : f[1].substring(0, f[1].length() - setting.length() - 1);
                Integer steps = f[2].isEmpty() ? null : Integer.valueOf(f[2]);
                int[] seedUsers = usersOf.getOrDefault(f[3] + "/" + f[0] + "/" + setting + "/" + f[2], java.util.Set.of()).stream()
                        .mapToInt(Integer::intValue).toArray();
                sink.recordPooled(f[0], new Measure(metric, setting, steps), Long.parseLong(f[3]), seedUsers,
                        Double.parseDouble(f[4]));
            } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
    }

    private static String steps(Integer steps) {
        return steps == null ? "" : steps.toString();
    }
}
