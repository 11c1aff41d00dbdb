package org.metarec.algorithms.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.ejml.data.DMatrixRMaj;
import org.metarec.autodiff.GradMode;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * Computes one meta-step over a batch of tasks, the tasks in parallel.
 *
 * <p>Tasks are independent, so each runs on one of the threads with its own graph; the shared
 * meta-parameters are only read. The per-task gradients are then summed in task order, whatever
 * order the threads finished in, so the result is bit-for-bit the same with 1 thread or many. Every
 * task runs in the calling thread's recording mode ({@link GradMode}), on whichever thread it lands.
 */
public final class MetaBatch implements AutoCloseable {

    private final int threads;
    private final ExecutorService pool;   // null when single-threaded

    /** A meta-batch runner on {@code threads} threads: the calling thread and {@code threads - 1} workers. */
    public MetaBatch(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("MetaBatch: threads must be >= 1, found " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "metarec-task");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The result of a meta-step.
     *
     * @param metaLoss mean over tasks of the query loss at the adapted parameters
     * @param gradient mean over tasks of the per-task (pseudo-)gradients, by meta-parameter name
     * @param adapted the adapted parameters of each task, in task order
     */
    public record Result(double metaLoss, Params gradient, List<Params> adapted) {}

    /** Runs {@code learner.taskGradient} on every task and averages in task order. */
    public <B> Result step(MetaLearner<B> learner, Params meta, List<Task<B>> tasks) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("MetaBatch: expected at least one task, found none");
        }
        List<MetaLearner.TaskResult> results = map(tasks, task -> learner.taskGradient(meta, task));
        return average(meta, results);
    }

    /**
     * Applies {@code f} to every item, in parallel, returning the results in item order.
     *
     * <p>The calling thread works too, and the workers take the next item from a shared counter, so
     * a meta-batch costs one hand-over per extra thread rather than one per task (a hand-over to a
     * parked thread takes tens of microseconds, as long as a whole sinusoid MAML task). The caller
     * waits for the items, not for the workers: a worker that starts late finds nothing left to do,
     * so a call from inside a task cannot deadlock on a busy pool. If items fail, the exception of the
     * first failing item in item order is thrown, whatever the timing.
     */
    public <T, R> List<R> map(List<T> items, java.util.function.Function<T, R> f) {
        int n = items.size();
        if (pool == null || n == 1) {
            List<R> out = new ArrayList<>(n);
            for (T item : items) {
                out.add(f.apply(item));
            }
            return out;
        }
        Object[] results = new Object[n];
        Throwable[] failures = new Throwable[n];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(n);   // also publishes the workers' writes
        boolean recording = GradMode.isEnabled();
        Runnable worker = () -> {
            try (GradMode.Scope scope = recording ? GradMode.enableGrad() : GradMode.noGrad()) {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    try {
                        results[i] = f.apply(items.get(i));
                    } catch (RuntimeException | Error e) {
                        failures[i] = e;
                    } finally {
                        done.countDown();
                    }
                }
            }
        };
        for (int h = Math.min(threads, n) - 1; h > 0; h--) {
            pool.execute(worker);
        }
        worker.run();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a task", e);
        }
        for (Throwable failure : failures) {
            if (failure instanceof RuntimeException re) {
                throw re;
            }
            if (failure instanceof Error err) {
                throw err;
            }
        }
        List<R> out = new ArrayList<>(n);
        for (Object r : results) {
            @SuppressWarnings("unchecked")
            R value = (R) r;
            out.add(value);
        }
        return out;
    }

    private static Result average(Params meta, List<MetaLearner.TaskResult> results) {
        int n = results.size();
        List<Tensor> means = new ArrayList<>();
        for (String name : meta.names()) {
            Tensor like = meta.get(name);
            DMatrixRMaj sum = new DMatrixRMaj(like.rows(), like.cols());
            for (MetaLearner.TaskResult r : results) {
                double[] g = r.gradient().get(name).data().data;
                for (int e = 0; e < like.size(); e++) {
                    sum.data[e] += g[e];
                }
            }
            for (int e = 0; e < like.size(); e++) {
                sum.data[e] /= n;
            }
            means.add(Tensor.constant(sum));
        }
        double loss = 0;
        List<Params> adapted = new ArrayList<>();
        for (MetaLearner.TaskResult r : results) {
            loss += r.queryLoss();
            adapted.add(r.adapted());
        }
        return new Result(loss / n, meta.withValues(means), adapted);
    }

    /** Number of threads a meta-batch runs on, the calling thread included. */
    public int threads() {
        return threads;
    }

    /** Stops the worker threads. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
