package org.metarec.experiments.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.core.data.Dataset;
import org.metarec.core.random.Rng;
import org.metarec.experiments.data.DataSources;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.results.ResultSink;

/**
 * What an {@link ExperimentKind} works with: the validated config, the run folder, seeded random streams,
 * progress reporting, checkpoints, the training log, the result sink, and the run's {@link TaskPool} on
 * {@link #threads()} threads, which meta-training and {@link #parallel} share.
 */
public final class RunContext {

    private final Config config;
    private final Path outDir;
    private final Progress progress;
    private final RunCheckpoints checkpoints;
    private final TrainLog trainLog;
    private final ResultSink results;
    private final TaskPool pool;
    private final Dataset preloaded;

    RunContext(Config config, Path outDir, Progress progress, RunCheckpoints checkpoints, TrainLog trainLog,
               ResultSink results, TaskPool pool, Dataset preloaded) {
        this.config = Objects.requireNonNull(config, "config");
        this.outDir = Objects.requireNonNull(outDir, "outDir");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.trainLog = Objects.requireNonNull(trainLog, "trainLog");
        this.results = Objects.requireNonNull(results, "results");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.preloaded = preloaded;
    }

    /**
     * The data set of the config's {@code data} section. Data read from files were loaded and checked by the
     * runner before the run folder was created (so a malformed file is reported before anything is written) and
     * are returned as loaded; generated data (synthetic) are generated now.
     */
    public Dataset dataset() throws IOException {
        return preloaded != null ? preloaded : DataSources.load(config, threads());
    }

    /** The validated config with every default filled in. */
    public Config config() {
        return config;
    }

    /** The run folder (kinds may write extra files here, atomically). */
    public Path outDir() {
        return outDir;
    }

    /** Threads available to {@link #pool()} and {@link #parallel}; results must not depend on it. */
    public int threads() {
        return pool.threads();
    }

    /**
     * The run's task pool, on {@link #threads()} threads: give it to the trainers. The runner
     * closes it when the experiment ends.
     */
    public TaskPool pool() {
        return pool;
    }

    /**
     * The random stream for {@code purpose}, derived from the config seed: {@code Rng.derive(seed, purpose)}.
     * Each purpose gets an independent stream, so adding draws for one purpose never changes another; use
     * {@link Rng#fork(String)} for per-task sub-streams.
     */
    public Rng rng(String purpose) {
        return Rng.derive(config.seed(), purpose);
    }

    /** Where to report training progress. */
    public Progress progress() {
        return progress;
    }

    /** The run's checkpoint: the one to continue from, and where to save new ones. */
    public RunCheckpoints checkpoints() {
        return checkpoints;
    }

    /** The training curve ({@code train.csv}). */
    public TrainLog trainLog() {
        return trainLog;
    }

    /** Where per-task test metrics go. */
    public ResultSink results() {
        return results;
    }

    /**
     * Computes {@code task.apply(i)} for i = 0..count-1 on up to {@link #threads()} threads (those of
     * {@link #pool()}) and returns the results in index order, so the output does not depend on
     * scheduling. If tasks fail, the failure of the first in index order is thrown.
     */
    public <T> List<T> parallel(int count, IntFunction<T> task) {
        return pool.map(count, task);
    }

    /** Throws {@link NonFiniteValueException} ("step 37, method maml: loss is NaN") unless {@code value} is finite. */
    public void checkFinite(long step, String method, String quantity, double value) {
        if (!Double.isFinite(value)) {
            throw new NonFiniteValueException(step, method, quantity, value);
        }
    }

    /** Like {@link #checkFinite(long, String, String, double)} for every element, naming the first bad one as {@code quantity[i]}. */
    public void checkFinite(long step, String method, String quantity, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new NonFiniteValueException(step, method, quantity + "[" + i + "]", values[i]);
            }
        }
    }
}
