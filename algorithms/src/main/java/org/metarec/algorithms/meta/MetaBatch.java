package org.metarec.algorithms.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ejml.data.DMatrixRMaj;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * Computes one meta-step over a batch of tasks, the tasks in parallel.
 *
 * <p>Tasks are independent, so each runs on its own thread with its own graph; the shared
 * meta-parameters are only read. The per-task gradients are then summed in task order, whatever
 * order the threads finished in, so the result is bit-for-bit the same with 1 thread or many.
 */
public final class MetaBatch implements AutoCloseable {

    private final int threads;
    private final ExecutorService pool;   // null when single-threaded

    /** A meta-batch runner with {@code threads} worker threads (1: run in the calling thread). */
    public MetaBatch(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("MetaBatch: threads must be >= 1, found " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
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

    /** Applies {@code f} to every item, in parallel, returning the results in item order. */
    public <T, R> List<R> map(List<T> items, java.util.function.Function<T, R> f) {
        List<R> out = new ArrayList<>(items.size());
        if (pool == null || items.size() == 1) {
            for (T item : items) {
                out.add(f.apply(item));
            }
            return out;
        }
        List<Future<R>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            futures.add(pool.submit(() -> f.apply(item)));
        }
        for (Future<R> fu : futures) {
            try {
                out.add(fu.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a task", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
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

    /** Number of worker threads. */
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
