package org.metarec.experiments.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.metarec.algorithms.data.XYBatch;
import org.metarec.algorithms.meta.ImplicitMAML;
import org.metarec.algorithms.meta.InnerLoop;
import org.metarec.algorithms.meta.MAML;
import org.metarec.algorithms.meta.MetaLearner;
import org.metarec.algorithms.meta.MetaLearnerSettings;
import org.metarec.algorithms.meta.MetaMethod;
import org.metarec.algorithms.meta.Task;
import org.metarec.algorithms.meta.TaskLoss;
import org.metarec.algorithms.optim.Adam;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.train.MetaTrainer;
import org.metarec.autodiff.DotGraph;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.kernel.VectorSupport;
import org.metarec.autodiff.nn.Activation;
import org.metarec.autodiff.nn.MLP;
import org.metarec.core.random.Rng;
import org.metarec.experiments.bench.RecNetTasks;
import org.metarec.experiments.run.UsageException;
import org.metarec.experiments.study.sinusoid.SinusoidProtocol;
import org.metarec.experiments.study.sinusoid.SinusoidStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code metarec bench ...}: speed benchmarks of meta-training. Each runs meta-iterations for a
 * warm-up period, then for {@code --seconds}, and prints {@code meta-iterations/s: X} as its last
 * line. Speed is measured here, never in unit tests; figures go into {@code docs/benchmarks.md}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Speed benchmarks; the last line is the figure.",
        subcommands = {BenchCommand.Sinusoid.class, BenchCommand.RecNet.class, AdaptBenchCommand.class, BenchCommand.Memory.class,
                LoadBenchCommand.class, RankBenchCommand.class})
final class BenchCommand implements Callable<Integer> {

    /** The methods the speed benchmarks train. */
    private static final List<MetaMethod> BENCHED = List.of(MetaMethod.MAML, MetaMethod.FOMAML, MetaMethod.REPTILE,
            MetaMethod.MAMLPP, MetaMethod.IMAML);

    /** The benched methods' names, for messages. */
    private static String benchedNames() {
        return BENCHED.stream().map(MetaMethod::configName).collect(Collectors.joining(", "));
    }

    @ParentCommand
    Main main;

    /** Without a benchmark: the usage on stderr, and a usage error. */
    @Override
    public Integer call() {
        picocli.CommandLine.usage(this, main.err);
        main.err.println("error: expected a benchmark (sinusoid, recnet, adapt, memory, load or rank), found none");
        return ExitCodes.USAGE;
    }

    /** Options shared by the meta-training benchmarks. */
    abstract static class Timed implements Callable<Integer> {
        @ParentCommand
        BenchCommand bench;

        @Option(names = "--method", required = true, description = "maml, fomaml, reptile, mamlpp or imaml (MAML++ and "
                + "iMAML with their default settings, meta.mamlpp and meta.imaml in docs/configs.md).")
        String method;

        @Option(names = "--seconds", defaultValue = "10", description = "Measured time, after the warm-up (default 10).")
        double seconds;

        @Option(names = "--warmup", defaultValue = "3", description = "Warm-up time in seconds (default 3).")
        double warmup;

        @Option(names = "--threads", defaultValue = "1", split = ",",
                description = "Threads for the tasks of a meta-batch (default 1). Several, e.g. 1,2: one JVM runs each "
                        + "count in turn, --rounds times, and prints the speed-up between them.")
        int[] threads;

        @Option(names = "--rounds", defaultValue = "4",
                description = "With several --threads: turns per thread count, each of --seconds / rounds (default 4).")
        int rounds;

        abstract MetaTrainer<XYBatch> trainer(TaskPool pool);

        abstract String describe();

        @Override
        public Integer call() {
            if (MetaMethod.byName(method).filter(BENCHED::contains).isEmpty()) {
                throw new UsageException("--method: expected one of " + benchedNames() + ", found '" + method + "'");
            }
            if (Arrays.stream(threads).anyMatch(t -> t < 1) || !(seconds > 0) || warmup < 0 || rounds < 1) {
                throw new UsageException("expected --threads >= 1, --seconds > 0, --warmup >= 0 and --rounds >= 1");
            }
            var out = bench.main.out;
            out.println(describe() + ", method " + method + ", threads " + Arrays.stream(threads).mapToObj(String::valueOf).collect(Collectors.joining(","))
                    + ", java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                    + " cores, matrix kernel " + VectorSupport.describe());
            if (threads.length > 1) {
                return compareThreads(out);
            }
            try (TaskPool pool = new TaskPool(threads[0])) {
                MetaTrainer<XYBatch> trainer = trainer(pool);
                runFor(trainer, warmup);
                resetPeakHeap();
                long cpu0 = processCpuNanos();
                TaskCounts counts = new TaskCounts(pool);
                long t0 = System.nanoTime();
                long n = runFor(trainer, seconds);
                double elapsed = (System.nanoTime() - t0) / 1e9;
                double cpu = (processCpuNanos() - cpu0) / 1e9;
                out.printf(Locale.ROOT, "measured %d meta-iterations in %.2f s%n", n, elapsed);
                if (threads[0] > 1) {
                    out.println(shareLine(counts.callerShare(), threads[0], ""));
                }
                // On a busy machine the wall-clock rate includes waiting for a core; CPU time does not.
                out.printf(Locale.ROOT, "process CPU time: %.2f s (%.2f ms per meta-iteration, all threads incl. GC and JIT)%n",
                        cpu, 1e3 * cpu / n);
                out.printf(Locale.ROOT, "peak heap MiB: %.1f%n", peakHeapBytes() / (1024.0 * 1024.0));
                out.printf(Locale.ROOT, "meta-iterations/s: %.1f%n", n / elapsed);
            }
            return ExitCodes.OK;
        }

        /**
         * Several thread counts in one JVM, taking turns: separate runs differ by more than the effect
         * (the cores of a shared host change speed with the load of other machines), while turns in one
         * JVM share the compiled code and the moment. Each count has its own trainer from the same start.
         */
        private int compareThreads(PrintStream out) {
            int k = threads.length;
            TaskPool[] pools = new TaskPool[k];
            try {
                List<MetaTrainer<XYBatch>> trainers = new ArrayList<>();
                for (int c = 0; c < k; c++) {
                    pools[c] = new TaskPool(threads[c]);
                    trainers.add(trainer(pools[c]));
                }
                for (MetaTrainer<XYBatch> t : trainers) {
                    runFor(t, warmup);
                }
                double[][] rates = new double[k][rounds];
                double[][] shares = new double[k][rounds];   // of the tasks, those the calling thread ran
                for (int r = 0; r < rounds; r++) {
                    for (int c = 0; c < k; c++) {
                        TaskCounts counts = new TaskCounts(pools[c]);
                        long t0 = System.nanoTime();
                        long n = runFor(trainers.get(c), seconds / rounds);
                        rates[c][r] = n / ((System.nanoTime() - t0) / 1e9);
                        shares[c][r] = counts.callerShare();
                    }
                }
                for (int c = 0; c < k; c++) {
                    out.printf(Locale.ROOT, "threads %d: meta-iterations/s %.1f (median of %d turns of %.1f s; turns %s)%n",
                            threads[c], median(rates[c]), rounds, seconds / rounds, joined(rates[c]));
                    if (threads[c] > 1) {
                        out.println("  " + shareLine(median(shares[c]), threads[c], "median of the turns; "));
                    }
                }
                int cores = Runtime.getRuntime().availableProcessors();
                for (int c = 1; c < k; c++) {
                    double[] ratios = new double[rounds];
                    double[] againstMeanCore = new double[rounds];
                    for (int r = 0; r < rounds; r++) {
                        ratios[r] = rates[c][r] / rates[0][r];
                        againstMeanCore[r] = ratios[r] * threads[c] * shares[c][r];
                    }
                    out.printf(Locale.ROOT, "speed-up %d -> %d threads: %.2fx (median of the turns' ratios; %s)%n",
                            threads[0], threads[c], median(ratios), joined(ratios));
                    if (threads[0] == 1 && threads[c] <= cores) {
                        // The 1-thread turns ran on the calling thread's core, and that thread's share of
                        // the tasks with more threads says how fast its core is against their mean.
                        out.printf(Locale.ROOT, "  the same, against cores of the mean speed: %.2fx (each ratio times "
                                + "%d x the calling thread's share; %s)%n", median(againstMeanCore), threads[c],
                                joined(againstMeanCore));
                    }
                }
                out.printf(Locale.ROOT, "meta-iterations/s: %.1f%n", median(rates[k - 1]));
            } finally {
                for (TaskPool pool : pools) {
                    if (pool != null) {
                        pool.close();
                    }
                }
            }
            return ExitCodes.OK;
        }

        /**
         * The share of the tasks of a {@link TaskPool} that its calling thread ran while measured: the
         * threads share out the tasks as they go, so a thread on a slower core runs fewer. On a shared
         * host the cores' speeds differ at times, and a speed-up should be read with that.
         */
        private static final class TaskCounts {
            private final TaskPool pool;
            private final long startAll;
            private final long startByCaller;

            /** Counts from now on. */
            TaskCounts(TaskPool pool) {
                this.pool = pool;
                startAll = pool.tasksRun();
                startByCaller = pool.tasksRunByCaller();
            }

            /** Of the tasks run since this was made, the fraction the calling thread ran. */
            double callerShare() {
                long all = pool.tasksRun() - startAll;
                return all == 0 ? Double.NaN : (double) (pool.tasksRunByCaller() - startByCaller) / all;
            }
        }

        /**
         * The line that reports a calling thread's share of the tasks; {@code note} (how the share was
         * taken, or nothing) opens the brackets.
         */
        private static String shareLine(double share, int threads, String note) {
            return String.format(Locale.ROOT, "tasks run by the calling thread: %.1f%% (%san even share is %.1f%%, and a "
                    + "thread on a slower core runs fewer)", 100 * share, note, 100.0 / threads);
        }

        private static double median(double[] xs) {
            double[] s = xs.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        private static String joined(double[] xs) {
            StringBuilder b = new StringBuilder();
            for (double x : xs) {
                b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, x < 10 ? "%.2f" : "%.1f", x));
            }
            return b.toString();
        }

        private static long processCpuNanos() {
            var os = ManagementFactory.getOperatingSystemMXBean();
            return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
        }

        private static long runFor(MetaTrainer<XYBatch> trainer, double secs) {
            long end = System.nanoTime() + (long) (secs * 1e9);
            long n = 0;
            do {
                trainer.step();
                n++;
            } while (System.nanoTime() < end);
            return n;
        }
    }

    /** {@code bench sinusoid}: the sinusoid study's protocol (1-40-40-1 ReLU, 25 tasks of 10 + 10 points). */
    @Command(name = "sinusoid", mixinStandardHelpOptions = true,
            description = "Meta-training steps of the sinusoid protocol (Finn et al. 2017): 1-40-40-1 ReLU, meta-batch 25, "
                    + "K = 10, inner lr 0.01; Reptile: 5 inner steps of 10 points with lr 0.02.")
    static final class Sinusoid extends Timed {
        @Option(names = "--inner-steps", defaultValue = "1",
                description = "Inner steps of all but Reptile (default 1, as the paper).")
        int innerSteps;

        @Override
        MetaTrainer<XYBatch> trainer(TaskPool pool) {
            SinusoidProtocol paper = SinusoidProtocol.paper(method, 1);
            SinusoidProtocol p = paper.withTraining(paper.training().withInnerSteps(innerSteps));
            return new SinusoidStudy(p).newTrainer(pool);
        }

        @Override
        String describe() {
            return "sinusoid: 1-40-40-1 relu, meta-batch 25, K = 10, inner steps "
                    + (MetaMethod.named(method).hasOwnInnerLoop() ? 5 : innerSteps);
        }
    }

    /** {@code bench recnet}: an MLP 100-64-1 over user and item features, 32 tasks of 10 + 10 rows. */
    @Command(name = "recnet", mixinStandardHelpOptions = true,
            description = "Meta-training steps of a recommender network: MLP 100-64-1 relu, MSE, 32 tasks of 10 support "
                    + "and 10 query rows, inner lr 0.01.")
    static final class RecNet extends Timed {
        @Option(names = "--steps", defaultValue = "5", description = "Inner steps (default 5).")
        int steps;

        @Override
        MetaTrainer<XYBatch> trainer(TaskPool pool) {
            MLP mlp = new MLP(new int[] {RecNetTasks.FEATURES, 64, 1}, Activation.RELU);
            TaskLoss<XYBatch> loss = (params, b) -> Ops.mse(mlp.apply(params, b.x()), b.y());
            MetaLearner<XYBatch> learner = MetaMethod.named(method).learner(MetaLearnerSettings.of(loss, 0.01, steps));
            // Making a task (2,000 Gaussians) costs a third of learning from it: draw the tasks in parallel too.
            MetaTrainer.TaskSource<XYBatch> tasks = MetaTrainer.TaskSource.seededPerTask(rng -> RecNetTasks.draw(rng, 10));
            return new MetaTrainer<>(learner, new Adam(0.001), tasks, pool, 32, 0,
                    learner.initMeta(mlp.init(Rng.derive(1, "init"))), Rng.derive(1, "tasks"));
        }

        @Override
        String describe() {
            return "recnet: MLP 100-64-1 relu, 32 tasks of 10 + 10 rows, inner steps " + steps;
        }
    }

    /**
     * {@code bench memory}: memory against the number of inner steps k, for one sinusoid task.
     * <ul>
     *   <li>the live heap held by the graph of second-order MAML (support loss, k recorded inner
     *       updates, query loss) before the backward pass; it grows linearly in k, as each inner step adds
     *       one forward and one recorded backward pass;</li>
     *   <li>for each of {@code --methods} side by side (MAML and iMAML by default), the peak live heap of
     *       one task's whole meta-gradient ({@code taskGradient}): the live heap is sampled, after a full
     *       collection, each time the learner evaluates its loss, and the largest sample less the heap
     *       before the call is reported. MAML's largest sample is at its query loss, with the k-step graph
     *       alive; iMAML's inner steps keep no graph, so its samples should not grow with k. The samples
     *       miss what a learner allocates between two loss evaluations (the backward pass; iMAML's
     *       conjugate-gradient solve, whose graph is one support-loss gradient whatever k).</li>
     * </ul>
     */
    @Command(name = "memory", mixinStandardHelpOptions = true,
            description = "Memory against the number of inner steps for one sinusoid task (1-40-40-1, K = 10): the live "
                    + "heap of second-order MAML's graph, and the peak live heap of one task's meta-gradient for each "
                    + "of --methods (default maml,imaml) side by side.")
    static final class Memory implements Callable<Integer> {
        @ParentCommand
        BenchCommand bench;

        @Option(names = "--steps", split = ",", defaultValue = "1,5,10,20", description = "Inner step counts (default 1,5,10,20).")
        int[] steps;

        @Option(names = "--methods", split = ",", defaultValue = "maml,imaml",
                description = "Methods whose peak is measured (default maml,imaml; any of the registry's).")
        List<String> methods;

        @Override
        public Integer call() {
            var out = bench.main.out;
            SinusoidStudy study = new SinusoidStudy(SinusoidProtocol.paper("maml", 1));
            Params theta = study.mlp().init(Rng.derive(1, "init"));
            var task = study.taskSource().draw(Rng.derive(1, "task"));
            TaskLoss<XYBatch> loss = (params, b) -> Ops.mse(study.mlp().apply(params, b.x()), b.y());
            var inner = new InnerLoop<>(loss, null);
            for (int k : steps) {
                if (k < 0) {
                    throw new UsageException("--steps: expected counts >= 0, found " + k);
                }
            }
            List<MetaMethod> measured = new ArrayList<>();
            for (String m : methods) {
                measured.add(MetaMethod.byName(m).orElseThrow(() -> new UsageException("--methods: expected names of "
                        + MetaMethod.names() + ", found '" + m + "'")));
            }
            // The graph of k recorded inner steps and the query loss at their end.
            IntFunction<Tensor> queryLoss = k -> loss.apply(inner.run(theta, theta,
                    task.support(), k, InnerLoop.StepSize.constant(0.01),
                    InnerLoop.Batches.fullBatch(), true), task.query());
            // First-order MAML keeps only the query loss at phi: the inner steps leave no graph.
            IntFunction<Tensor> firstOrderLoss = k -> loss.apply(inner.run(theta, task.support(), k, 0.01, false)
                    .asVariables(), task.query());
            // One pass first, and thrown away: what the first products allocate for good (the SIMD
            // kernel's set-up, per-thread buffers) is not part of any graph.
            queryLoss.apply(Arrays.stream(steps).max().orElse(0));
            out.println("methods " + measured + " at inner lr 0.01 (iMAML: lambda " + ImplicitMAML.Settings.DEFAULT.lambda()
                    + ", " + ImplicitMAML.Settings.DEFAULT.cgIterations() + " CG iterations), java "
                    + System.getProperty("java.version") + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
            out.println("Second-order MAML keeps, until the meta-gradient is taken, the graph of every inner step: the");
            out.println("support loss's forward pass and its recorded backward pass (createGraph), then the query loss.");
            out.println("One sinusoid task (1-40-40-1 relu, K = 10). 'nodes' are the graph's tensors (of them, 'backward'");
            out.println("were recorded by backward passes: the gradients that second-order terms flow through); 'values'");
            out.println("are their numbers, 8 bytes each, parameters and data included; 'live heap' is what building the graph added,\n"
                    + "measured after full GC, object overhead included.");
            out.println("First-order MAML's graph is the query loss alone, the same for any number of steps.");
            out.printf(Locale.ROOT, "%-12s %8s %9s %11s %14s %22s%n", "inner steps", "nodes", "backward", "values KiB",
                    "live heap KiB", "first-order MAML nodes");
            DotGraph.Size previous = null;
            double previousHeap = 0;
            int previousK = 0;
            List<String> perStep = new ArrayList<>();
            for (int k : steps) {
                long before = liveHeap();
                Tensor query = queryLoss.apply(k);
                long held = liveHeap() - before;
                DotGraph.Size size = DotGraph.size(query);
                DotGraph.Size firstOrder = DotGraph.size(firstOrderLoss.apply(k));
                out.printf(Locale.ROOT, "%-12d %8d %9d %11.1f %14.1f %22d   (query loss %.6f)%n", k, size.nodes(),
                        size.fromBackward(), size.valueBytes() / 1024.0, held / 1024.0, firstOrder.nodes(), query.item());
                if (previous != null && k > previousK) {
                    int dk = k - previousK;
                    perStep.add(String.format(Locale.ROOT, "  steps %d -> %d: %.1f nodes, %.1f KiB of values and %.1f KiB "
                            + "of live heap per inner step", previousK, k, (size.nodes() - previous.nodes()) / (double) dk,
                            (size.valueBytes() - previous.valueBytes()) / 1024.0 / dk, (held - previousHeap) / 1024.0 / dk));
                }
                previous = size;
                previousHeap = held;
                previousK = k;
                StringBuilder peaks = new StringBuilder();
                for (MetaMethod m : measured) {
                    peaks.append(peaks.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f KiB",
                            m.configName(), peakLiveHeap(m, loss, theta, task, k) / 1024.0));
                }
                out.println("             peak live heap of one task's meta-gradient: " + peaks);
            }
            if (!perStep.isEmpty()) {
                out.println("Each inner step adds the same graph again (memory grows linearly with the steps):");
                perStep.forEach(out::println);
            }
            return ExitCodes.OK;
        }

        /** The largest live heap sampled at the learner's loss evaluations during one taskGradient, less the heap before. */
        private static long peakLiveHeap(MetaMethod method, TaskLoss<XYBatch> loss, Params theta, Task<XYBatch> task,
                                         int k) {
            long[] peak = {0};
            TaskLoss<XYBatch> sampled = (params, batch) -> {
                peak[0] = Math.max(peak[0], liveHeap());
                return loss.apply(params, batch);
            };
            MetaLearner<XYBatch> learner = method.learner(MetaLearnerSettings.of(sampled, 0.01, k));
            Params meta = learner.initMeta(theta);
            long before = liveHeap();
            MetaLearner.TaskResult r = learner.taskGradient(meta, task);
            if (!Double.isFinite(r.queryLoss())) {
                throw new IllegalStateException(method + ": non-finite query loss " + r.queryLoss());
            }
            return Math.max(0, peak[0] - before);
        }

        private static long liveHeap() {
            Runtime rt = Runtime.getRuntime();
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            return rt.totalMemory() - rt.freeMemory();
        }
    }

    static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum over heap pools of their peak usage since the last reset (an upper bound of the live peak). */
    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
