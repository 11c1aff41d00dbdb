package org.metarec.autodiff.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the CPU time the benchmark's JVM spent per operation, in
 * microseconds: {@code (process CPU time during the iteration) / (operations in the iteration)}.
 *
 * <p>Why: JMH's score is wall-clock time, which on a machine shared with other processes includes
 * the time the benchmark thread waited for a core. CPU time does not, so it stays close to the
 * score of a quiet machine. It includes the JVM's own threads (garbage collection, the JIT
 * compiler), which after warm-up are mostly garbage collection, a real cost of the benchmark.
 * Enabled by {@code bin/bench-autodiff}; shown as the secondary result {@code :cpu}.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long startNanos;

    /** What the profiler measures, for JMH's list of profilers. */
    @Override
    public String getDescription() {
        return "CPU time of the benchmark JVM per operation, in us (robust to other load on the machine)";
    }

    /** Notes the process CPU time at the start of an iteration. */
    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        startNanos = os.getProcessCpuTime();
    }

    /** The CPU time of the iteration divided by all the operations it ran, warm-down included. */
    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        long cpuNanos = os.getProcessCpuTime() - startNanos;
        long ops = result.getMetadata().getAllOps();
        double microsPerOp = ops == 0 ? Double.NaN : cpuNanos / 1e3 / ops;
        return List.of(new ScalarResult("cpu", microsPerOp, "us/op", AggregationPolicy.AVG));
    }
}
