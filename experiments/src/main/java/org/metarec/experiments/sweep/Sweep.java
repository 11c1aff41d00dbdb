package org.metarec.experiments.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.metarec.experiments.ExperimentKinds;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.config.ConfigException;
import org.metarec.experiments.config.ConfigLoader;
import org.metarec.experiments.config.ConfigOverride;
import org.metarec.experiments.config.ConfigProblem;
import org.metarec.experiments.config.YamlList;
import org.metarec.experiments.config.YamlNode;
import org.metarec.experiments.config.YamlScalar;
import org.metarec.core.json.Json;
import org.metarec.experiments.report.Report;
import org.metarec.experiments.run.Progress;
import org.metarec.experiments.run.RunFolder;
import org.metarec.experiments.run.Runner;

/**
 * Runs a sweep: every grid point times every seed is a run folder {@code out/<job name>}. A finished run is
 * skipped, a started one resumed from its checkpoint, a new one started; up to {@code parallel} runs at a time.
 * Finally the report of every finished run under {@code out} is written to {@code out/report}.
 */
public final class Sweep {

    /** The folder under the sweep's output folder that holds the merged report. */
    public static final String REPORT_DIR = "report";

    /** What happened to one job. */
    public enum Status {
        /** Started and finished in this invocation. */
        RAN,
        /** Continued from a checkpoint (or a folder without one) and finished. */
        RESUMED,
        /** Already finished before; left untouched. */
        SKIPPED,
        /** Failed; see the message. */
        FAILED
    }

    /**
     * The result of one job.
     *
     * @param job     the job
     * @param status  what happened
     * @param message the failure, or null
     */
    public record JobResult(SweepJob job, Status status, String message) {
    }

    /**
     * The result of a sweep invocation.
     *
     * @param out      the sweep's output folder
     * @param total    jobs in the whole sweep
     * @param results  the jobs of this shard, in job order
     * @param report   the merged report of all finished runs under {@code out}, or null when none finished
     * @param warnings non-fatal problems (figures)
     */
    public record Outcome(Path out, int total, List<JobResult> results, Report report, List<String> warnings) {
        /** Number of jobs of this shard with {@code status}. */
        public long count(Status status) {
            return results.stream().filter(r -> r.status() == status).count();
        }
    }

    private Sweep() {
    }

    /** The default output folder: {@code runs/<sweep file name without extension>} in the working directory. */
    public static Path defaultOut(Path sweepFile) {
        String name = sweepFile.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return Path.of("runs", name);
    }

    /**
     * All jobs of the sweep, in order (grid points with the last axis varying fastest, then seeds). Every job's
     * config is validated first; all problems of all jobs are reported at once (each once), pointing into the sweep
     * file for grid values and seeds.
     */
    public static List<SweepJob> jobs(SweepSpec spec) {
        ConfigLoader loader = ExperimentKinds.loader();
        List<int[]> points = gridPoints(spec);
        List<SweepJob> jobs = new ArrayList<>();
        Set<String> problemTexts = new LinkedHashSet<>();
        List<ConfigProblem> problems = new ArrayList<>();
        List<YamlScalar> seeds = spec.seeds().isEmpty() ? Collections.singletonList(null) : spec.seeds();
        for (int g = 0; g < points.size(); g++) {
            for (YamlScalar seed : seeds) {
                List<ConfigOverride> overrides = new ArrayList<>(spec.overrides(points.get(g)));
                if (seed != null) {
                    overrides.add(new ConfigOverride("seed", seed));
                }
                try {
                    Config config = loader.load(spec.base(), overrides);
                    jobs.add(new SweepJob(jobs.size(), name(spec, points.get(g), g, config.seed()), config));
                } catch (ConfigException e) {
                    for (ConfigProblem p : e.problems()) {
                        if (problemTexts.add(p.toString())) {
                            problems.add(p);
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return jobs;
    }

    private static List<int[]> gridPoints(SweepSpec spec) {
        List<int[]> points = new ArrayList<>();
        points.add(new int[spec.grid().size()]);
        for (int a = spec.grid().size() - 1; a >= 0; a--) {
            // Expanding from the last axis outwards keeps the last axis varying fastest.
            List<int[]> next = new ArrayList<>();
            for (int v = 0; v < spec.grid().get(a).values().size(); v++) {
                for (int[] p : points) {
                    int[] q = p.clone();
                    q[a] = v;
                    next.add(q);
                }
            }
            points = next;
        }
        return points;
    }

    /** E.g. {@code 003_lr=0.1_hidden=64-64_seed=2}; without a grid just {@code seed=2}. */
    static String name(SweepSpec spec, int[] point, int gridIndex, long seed) {
        if (spec.grid().isEmpty()) {
            return "seed=" + seed;
        }
        StringBuilder sb = new StringBuilder(String.format("%03d", gridIndex));
        for (int a = 0; a < spec.grid().size(); a++) {
            String key = spec.grid().get(a).key();
            String last = key.substring(key.lastIndexOf('.') + 1);
            sb.append('_').append(last).append('=').append(slug(spec.grid().get(a).values().get(point[a])));
        }
        return sb.append("_seed=").append(seed).toString();
    }

    private static String slug(YamlNode value) {
        String text = value instanceof YamlList list
                ? String.join("-", list.items().stream().map(Sweep::slug).toList())
                : value instanceof YamlScalar s ? s.text() : "map";
        String clean = text.replaceAll("[^A-Za-z0-9.+-]+", "-").replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
        return clean.isEmpty() ? "empty" : clean.substring(0, Math.min(40, clean.length()));
    }

    /**
     * Runs the jobs of {@code shard} with up to {@code parallel} runs at once ({@code threadsPerRun} threads each),
     * logging one line per job to {@code log}, then writes the report of all finished runs under {@code out}.
     */
    public static Outcome run(List<SweepJob> jobs, Path out, Shard shard, int parallel, int threadsPerRun, PrintStream log)
            throws IOException, InterruptedException {
        return run(jobs, out, shard, parallel, threadsPerRun, true, log);
    }

    /** Like {@link #run(List, Path, Shard, int, int, PrintStream)}; {@code plots} false skips every figure. */
    public static Outcome run(List<SweepJob> jobs, Path out, Shard shard, int parallel, int threadsPerRun, boolean plots,
                              PrintStream log) throws IOException, InterruptedException {
        List<SweepJob> mine = jobs.stream().filter(j -> shard.contains(j.index())).toList();
        Files.createDirectories(out);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, Math.max(1, mine.size()))));
        List<Future<JobResult>> futures = new ArrayList<>();
        int[] done = {0};
        for (SweepJob job : mine) {
            futures.add(pool.submit(() -> {
                JobResult r = runJob(job, out.resolve(job.name()), new Runner.Options(threadsPerRun, Progress.silent(), plots));
                synchronized (log) {
                    done[0]++;
                    log.println("[" + done[0] + "/" + mine.size() + "] " + r.status().name().toLowerCase() + " " + job.name()
                            + (r.message() == null ? "" : ": " + r.message()));
                }
                return r;
            }));
        }
        List<JobResult> results = new ArrayList<>();
        try {
            for (Future<JobResult> f : futures) {
                results.add(f.get());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a sweep job failed unexpectedly: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<Path> finished = finishedRuns(out);
        Report report = null;
        List<String> warnings = new ArrayList<>();
        if (!finished.isEmpty()) {
            report = Report.of(finished);
            warnings.addAll(report.write(out.resolve(REPORT_DIR), plots));
        }
        return new Outcome(out, jobs.size(), results, report, warnings);
    }

    private static JobResult runJob(SweepJob job, Path dir, Runner.Options options) {
        RunFolder folder = new RunFolder(dir);
        try {
            if (folder.finished()) {
                Object summary = Json.readFile(folder.file(RunFolder.SUMMARY_JSON));
                Object hash = summary instanceof Map<?, ?> m ? m.get("config_sha256") : null;
                if (!job.config().sha256().equals(hash)) {
                    return new JobResult(job, Status.FAILED, dir + " holds a finished run of a different config; move it away or change out");
                }
                return new JobResult(job, Status.SKIPPED, null);
            }
            if (folder.started()) {
                String existing = Files.readString(folder.file(RunFolder.CONFIG));
                if (!Config.sha256(existing).equals(job.config().sha256())) {
                    return new JobResult(job, Status.FAILED, dir + " holds a run of a different config; move it away or change out");
                }
                Runner.resume(dir, options);
                return new JobResult(job, Status.RESUMED, null);
            }
            Runner.run(job.config(), dir, options);
            return new JobResult(job, Status.RAN, null);
        } catch (IOException | RuntimeException e) {
            return new JobResult(job, Status.FAILED, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Sub-folders of {@code out} (except the report) holding a finished run, sorted by name. */
    public static List<Path> finishedRuns(Path out) throws IOException {
        try (Stream<Path> entries = Files.list(out)) {
            return entries.filter(p -> !p.getFileName().toString().equals(REPORT_DIR))
                    .filter(p -> new RunFolder(p).finished()).sorted().toList();
        }
    }
}
