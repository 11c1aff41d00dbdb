package org.metarec.experiments.run;

import java.awt.AWTError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.experiments.ExperimentKinds;
import org.metarec.experiments.checkpoint.Checkpoint;
import org.metarec.experiments.checkpoint.CheckpointException;
import org.metarec.experiments.config.Config;
import org.metarec.core.data.Dataset;
import org.metarec.experiments.data.DataSources;
import org.metarec.experiments.io.AtomicFiles;
import org.metarec.experiments.io.ErrorText;
import org.metarec.core.json.Json;
import org.metarec.experiments.plots.RunPlots;
import org.metarec.core.stats.Correction;
import org.metarec.experiments.results.EvidenceFiles;
import org.metarec.experiments.results.Families;
import org.metarec.experiments.results.ResultSink;
import org.metarec.experiments.results.Summary;
import org.metarec.experiments.results.SummaryRow;
import org.metarec.experiments.results.TaskId;
import org.metarec.experiments.results.TrainCsv;

/**
 * Runs an experiment in a run folder and resumes it after a crash.
 *
 * <p>Folder life cycle: {@code config.resolved.yaml} and {@code provenance.json} are written first; the kind
 * appends {@code train.csv} and replaces {@code checkpoint.ckpt}; at the end come {@code tasks.csv}, {@code per_seed.csv}, {@code per_user.csv},
 * {@code summary.md}, {@code plots/}, the final {@code provenance.json} and, last, {@code summary.json}, whose
 * presence marks a finished run. Every file except the appended log is written atomically.
 */
public final class Runner {

    /**
     * How to run.
     *
     * @param threads  threads for {@link RunContext#parallel} (results do not depend on it)
     * @param progress where progress goes
     * @param plots    whether to draw the figures in {@code plots/} (they take most of a small run's time)
     */
    public record Options(int threads, Progress progress, boolean plots) {
        /** Requires at least one thread and a progress reporter. */
        public Options {
            Resources.checkThreads("--threads", threads);
            Objects.requireNonNull(progress, "progress");
        }

        /** Options that draw the figures. */
        public Options(int threads, Progress progress) {
            this(threads, progress, true);
        }
    }

    private Runner() {
    }

    /**
     * Starts a new run of {@code config} in {@code outDir}, which must not exist or be empty, or hold a run of the
     * same config that stopped before its first checkpoint (which is then started again).
     *
     * <p>Everything that can be checked without running is checked before the folder is created: the threads and
     * the model's size against the machine, and the data files (loaded here and handed to the kind, so they are read
     * once).
     *
     * @throws UsageException    when the folder already holds something, or the data or sizes are wrong
     * @throws RunFailedException when the experiment fails (a NaN, an exception); the last checkpoint is kept
     */
    public static RunOutcome run(Config config, Path outDir, Options options) throws IOException {
        Resources.checkMemory(config, Runtime.getRuntime().maxMemory());
        Dataset data = preload(config, options.threads());
        RunFolder folder = new RunFolder(outDir);
        if (Files.exists(outDir)) {
            checkReusable(config, folder);
        }
        try {
            Files.createDirectories(outDir);
        } catch (java.nio.file.FileSystemException e) {
            // Nothing has run: a folder that cannot be made (a file on the way, no permission) is a usage error.
            throw new UsageException(outDir + ": expected a folder that can be created for the run, found: " + ErrorText.of(e));
        }
        AtomicFiles.writeString(folder.file(RunFolder.CONFIG), config.toYaml());
        Map<String, Object> provenance = Provenance.start(config, options.threads(), Instant.now());
        AtomicFiles.writeJson(folder.file(RunFolder.PROVENANCE), provenance);
        return execute(config, folder, options, provenance, Optional.empty(), data);
    }

    /**
     * The data set of a config whose data come from files, loaded now so that a malformed file is a usage error
     * before the run folder exists; null for generated data (synthetic, sinusoid) and kinds without data. The run's
     * threads read the files (the data set does not depend on their number).
     */
    private static Dataset preload(Config config, int threads) {
        if (!DataSources.readsFiles(config)) {
            return null;
        }
        try {
            return DataSources.load(config, threads);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException(ErrorText.of(e));
        }
    }

    /**
     * Requires an existing {@code folder} to be empty (temporary files of an interrupted write aside), or to hold a
     * run of the same config that stopped before its first checkpoint: nothing was learned there, so its files are
     * removed and the run starts again. Anything else is refused with a message saying what to do.
     */
    private static void checkReusable(Config config, RunFolder folder) throws IOException {
        Path dir = folder.dir();
        if (!Files.isDirectory(dir)) {
            throw new UsageException(dir + ": expected a folder for the run, found a file");
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            // Temporary files left by a write that a crash interrupted do not make a folder "used".
            entries = list.filter(p -> !AtomicFiles.isTemporary(p)).toList();
        }
        if (entries.isEmpty()) {
            return;
        }
        if (!folder.started()) {
            throw new UsageException(dir + ": expected a new or empty folder, found a folder with files in it; choose another --out");
        }
        if (folder.finished()) {
            throw new UsageException(dir + ": expected a new or empty folder, found a finished run; choose another --out");
        }
        String started = Config.sha256(Files.readString(folder.file(RunFolder.CONFIG)));
        boolean sameConfig = started.equals(config.sha256());
        boolean trained = Files.exists(folder.file(RunFolder.CHECKPOINT));
        if (sameConfig && !trained) {
            for (Path p : entries) {
                if (!RESTARTABLE.contains(p.getFileName().toString())) {
                    throw new UsageException(dir + ": expected only the files of a run that stopped before its first checkpoint, found "
                            + p.getFileName() + "; choose another --out");
                }
            }
            for (Path p : entries) {
                Files.delete(p);
            }
            return;
        }
        throw new UsageException(dir + ": expected a new or empty folder, found an unfinished run" + (sameConfig
                ? "; continue it with: metarec resume " + dir
                : " of another config; choose another --out (or continue that run with: metarec resume " + dir + ")"));
    }

    /** The files of a run that stopped before its first checkpoint, which {@link #run} may replace. */
    private static final java.util.Set<String> RESTARTABLE = java.util.Set.of(RunFolder.CONFIG, RunFolder.PROVENANCE, RunFolder.TRAIN_LOG);

    /**
     * Continues the run in {@code dir} from its last checkpoint (or from the start when none was written). The
     * results are identical to those of an uninterrupted run. A finished run is left untouched.
     *
     * @throws UsageException when {@code dir} is not a run folder or its resolved config was edited
     */
    public static RunOutcome resume(Path dir, Options options) throws IOException {
        RunFolder folder = new RunFolder(dir);
        if (!folder.started()) {
            throw new UsageException(dir + ": expected a run folder (containing " + RunFolder.CONFIG + "), found none");
        }
        if (folder.finished()) {
            Summary summary = Summary.fromJson(Json.readFile(folder.file(RunFolder.SUMMARY_JSON)), folder.file(RunFolder.SUMMARY_JSON).toString());
            return new RunOutcome(dir, summary, true, List.of());
        }
        Config config = ExperimentKinds.loader().load(folder.file(RunFolder.CONFIG), List.of());
        Resources.checkMemory(config, Runtime.getRuntime().maxMemory());
        Dataset data = preload(config, options.threads());
        Map<String, Object> provenance = readProvenance(folder);
        if (provenance == null) {
            // A crash between writing the config and the provenance: nothing ran yet, so start the record now.
            provenance = Provenance.start(config, options.threads(), Instant.now());
        } else if (!config.sha256().equals(provenance.get("config_sha256"))) {
            throw new UsageException(folder.file(RunFolder.CONFIG) + ": expected the config the run started with (SHA-256 "
                    + provenance.get("config_sha256") + " in " + RunFolder.PROVENANCE + "), found SHA-256 " + config.sha256()
                    + "; it was edited, or this version of metarec resolves it differently from the one that started the run "
                    + "(new keys with defaults; provenance.json names that version), so start a new run instead");
        }
        Optional<Checkpoint> checkpoint;
        try {
            checkpoint = RunCheckpoints.read(folder.file(RunFolder.CHECKPOINT));
        } catch (CheckpointException e) {
            throw new RunFailedException("cannot resume: " + e.getMessage(), e);
        }
        Provenance.resumed(provenance, checkpoint.map(Checkpoint::step).orElse(0L), options.threads(), Instant.now());
        AtomicFiles.writeJson(folder.file(RunFolder.PROVENANCE), provenance);
        return execute(config, folder, options, provenance, checkpoint, data);
    }

    /** The provenance record of a started run, or null when the run crashed before writing it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> readProvenance(RunFolder folder) throws IOException {
        Path file = folder.file(RunFolder.PROVENANCE);
        if (!Files.exists(file)) {
            return null;
        }
        Object json = Json.readFile(file);
        if (!(json instanceof Map<?, ?>)) {
            throw new UsageException(file + ": expected a JSON object, found " + json);
        }
        return new LinkedHashMap<>((Map<String, Object>) json);
    }

    private static RunOutcome execute(Config config, RunFolder folder, Options options, Map<String, Object> provenance,
                                      Optional<Checkpoint> checkpoint, Dataset data) throws IOException {
        try (InterruptGuard guard = InterruptGuard.install(folder, provenance, options.progress()::note)) {
            return execute(config, folder, options, provenance, checkpoint, data, guard);
        }
    }

    private static RunOutcome execute(Config config, RunFolder folder, Options options, Map<String, Object> provenance,
                                      Optional<Checkpoint> checkpoint, Dataset data, InterruptGuard guard) throws IOException {
        ExperimentKind kind = ExperimentKinds.get(config.experiment());
        long keepRows = checkpoint.map(c -> Long.parseLong(c.string(RunCheckpoints.TRAIN_ROWS))).orElse(0L);
        ResultSink results = new ResultSink(config.seed());
        TaskPool pool = new TaskPool(options.threads());
        RunCheckpoints checkpoints;
        try (TrainLog log = TrainLog.open(folder.file(RunFolder.TRAIN_LOG), keepRows)) {
            checkpoints = new RunCheckpoints(folder.file(RunFolder.CHECKPOINT), log, checkpoint.orElse(null));
            RunContext context = new RunContext(config, folder.dir(), options.progress(), checkpoints, log, results, pool, data);
            checkpoint.ifPresent(c -> options.progress().note("resuming " + folder.dir() + " from step " + c.step()));
            kind.run(context);
        } catch (NonFiniteValueException e) {
            // Resuming would replay the same steps to the same value: only a changed config helps.
            throw fail(folder, provenance, guard, e.getMessage(), e, Retry.NEW_RUN);
        } catch (RunFailedException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(folder, provenance, guard, "interrupted", e, Retry.RESUME);
        } catch (IOException | java.io.UncheckedIOException | OutOfMemoryError e) {
            // A full disk or too little memory is fixed outside the run, which can then continue where it stopped.
            throw fail(folder, provenance, guard, "experiment '" + kind.name() + "' failed: " + ErrorText.of(e), e, Retry.RESUME);
        } catch (Exception | StackOverflowError e) {
            throw fail(folder, provenance, guard, "experiment '" + kind.name() + "' failed: " + ErrorText.of(e), e, Retry.NEW_RUN);
        } finally {
            pool.close();
        }
        String reference = config.isSet("evaluation.reference") ? config.getString("evaluation.reference") : null;
        Summary summary;
        try {
            summary = Summary.of(results, reference, correction(config), families(config));
        } catch (IllegalArgumentException e) {
            throw fail(folder, provenance, guard, "the config cannot be summarised: " + e.getMessage(), e, Retry.NEW_RUN);
        }
        List<String> warnings;
        try {
            warnings = writeResults(config, folder, summary, results, options.plots());
        } catch (IOException e) {
            throw fail(folder, provenance, guard, "the results could not be written: " + ErrorText.of(e), e, Retry.RESUME);
        }
        boolean recorded = guard.end(() -> {
            Provenance.ended(provenance, "finished", warnings.isEmpty() ? null : String.join("; ", warnings), Instant.now());
            AtomicFiles.writeJson(folder.file(RunFolder.PROVENANCE), provenance);
            AtomicFiles.writeJson(folder.file(RunFolder.SUMMARY_JSON), summary.toJson(header(config)));
        });
        if (!recorded) {
            throw new RunFailedException("interrupted while writing the results; continue with: metarec resume " + folder.dir());
        }
        return new RunOutcome(folder.dir(), summary, false, warnings);
    }

    /** What can make a failed run succeed: resuming it (after fixing its surroundings), or only a new run. */
    private enum Retry { RESUME, NEW_RUN }

    /**
     * Records the failure in provenance.json and builds the user-facing error, naming the checkpoint that is kept
     * and suggesting {@code resume} only where resuming can succeed.
     */
    private static RunFailedException fail(RunFolder folder, Map<String, Object> provenance, InterruptGuard guard, String message,
                                           Throwable cause, Retry retry) {
        Path file = folder.file(RunFolder.CHECKPOINT);
        String kept;
        try {
            Optional<Checkpoint> last = RunCheckpoints.read(file);
            String next = retry == Retry.RESUME
                    ? "fix the cause and resume with: metarec resume " + folder.dir()
                    : "fix the cause and start a new run (resuming would end the same way)";
            kept = last.map(c -> "the last good checkpoint (step " + c.step() + ") is kept in " + file + "; " + next)
                    .orElse("no checkpoint had been written yet; " + next);
        } catch (IOException | CheckpointException e) {
            kept = "the checkpoint could not be read back: " + ErrorText.of(e);
        }
        try {
            guard.end(() -> {
                Provenance.ended(provenance, "failed", message, Instant.now());
                AtomicFiles.writeJson(folder.file(RunFolder.PROVENANCE), provenance);
            });
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        return new RunFailedException(message + "; " + kept, cause);
    }

    /** The config's {@code evaluation.correction}, Holm's when the kind does not read it. */
    static Correction correction(Config config) {
        return config.isSet("evaluation.correction")
                ? Correction.byName(config.getString("evaluation.correction")).orElseThrow() : Correction.HOLM;
    }

    /** The config's {@code evaluation.primary_metrics}: one family when absent or empty, or when the kind does not read it. */
    static Families families(Config config) {
        return config.isSet(Families.KEY) ? new Families(config.getStringList(Families.KEY)) : Families.ONE;
    }

    /** The fixed part of summary.json before the results: nothing that varies between identical runs. */
    static Map<String, Object> header(Config config) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("name", config.name());
        h.put("experiment", config.experiment());
        h.put("seed", config.seed());
        h.put("config_sha256", config.sha256());
        return h;
    }

    /** tasks.csv, per_seed.csv, per_user.csv, summary.md and the plots; returns warnings for figures that could not be drawn. */
    private static List<String> writeResults(Config config, RunFolder folder, Summary summary, ResultSink results, boolean plots)
            throws IOException {
        // Written as they are made: a ten-seed study's tasks.csv is most of a gigabyte, too much to hold as a string.
        AtomicFiles.writeText(folder.file(RunFolder.TASKS), out -> {
            out.write("method,metric,adapt_steps,seed,task,user,value\n");
            StringBuilder line = new StringBuilder();
            for (ResultSink.Series s : results.series()) {
                for (var e : s.tasks().entrySet()) {
                    TaskId id = e.getKey();
                    line.setLength(0);
                    line.append(s.method()).append(',').append(s.key().metric()).append(',')
                            .append(s.key().adaptSteps() == null ? "" : s.key().adaptSteps()).append(',').append(id.seed())
                            .append(',').append(id.task()).append(',').append(id.user() == null ? "" : id.user()).append(',')
                            .append(e.getValue()).append('\n');
                    out.write(line.toString());
                }
            }
        });
        AtomicFiles.writeText(folder.file(EvidenceFiles.PER_SEED), out -> EvidenceFiles.writePerSeed(results, out));
        AtomicFiles.writeText(folder.file(EvidenceFiles.PER_USER), out -> EvidenceFiles.writePerUser(results, out));
        String title = config.name() + " (" + config.experiment() + ", seed " + config.seed() + ")";
        StringBuilder md = new StringBuilder(summary.markdown(title));
        for (String note : results.notes()) {
            md.append("\nNote: ").append(note).append('\n');
        }
        AtomicFiles.writeString(folder.file(RunFolder.SUMMARY_MD), md.toString());
        List<String> warnings = new ArrayList<>();
        if (!plots) {
            return warnings;
        }
        Path dir = folder.file(RunFolder.PLOTS);
        try {
            Files.createDirectories(dir);
            RunPlots.trainingCurves(TrainCsv.read(folder.file(RunFolder.TRAIN_LOG)), dir, config.name());
            RunPlots.metricVsSteps(summary.rows(), dir, config.name(), SummaryRow::method);
            RunPlots.results(summary.rows(), dir, config.name());
        } catch (IOException | RuntimeException | LinkageError | AWTError e) {
            // Figures are a convenience: a headless-graphics problem must not throw away finished results.
            warnings.add("figures could not be drawn: " + ErrorText.of(e));
        }
        return warnings;
    }
}
