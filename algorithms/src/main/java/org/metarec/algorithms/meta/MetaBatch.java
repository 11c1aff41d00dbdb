package org.metarec.algorithms.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.ejml.data.DMatrixRMaj;
import org.metarec.autodiff.GradMode;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Scratch;
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
    private final HelperThreads helpers;   // null when single-threaded
    private final AtomicReference<double[][][]> spareGradients = new AtomicReference<>();

    /** A meta-batch runner on {@code threads} threads: the calling thread and {@code threads - 1} workers. */
    public MetaBatch(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("MetaBatch: threads must be >= 1, found " + threads);
        }
        this.threads = threads;
        this.helpers = threads == 1 ? null : new HelperThreads(threads - 1, "metarec-task");
    }

    /**
     * The result of a meta-step.
     *
     * @param metaLoss mean over tasks of the query loss at the adapted parameters
     * @param gradient mean over tasks of the per-task (pseudo-)gradients, by meta-parameter name
     * @param adapted the adapted parameters of each task, in task order, when asked for (see
     *     {@link #step(MetaLearner, Params, List, boolean)}); otherwise empty
     */
    public record Result(double metaLoss, Params gradient, List<Params> adapted) {}

    /** Runs {@code learner.taskGradient} on every task and averages in task order. */
    public <B> Result step(MetaLearner<B> learner, Params meta, List<Task<B>> tasks) {
        return step(learner, meta, tasks, false);
    }

    /**
     * As {@link #step(MetaLearner, Params, List)}, and with {@code keepAdapted} the result also
     * holds each task's adapted parameters (a copy of every task's parameters, which training does
     * not need).
     *
     * <p>Each task computes in the {@link Scratch} memory of its thread, which the next task of that
     * thread reuses. Only its gradient leaves that memory, copied into a per-task buffer that the
     * next meta-step reuses (and its adapted parameters, if kept).
     */
    public <B> Result step(MetaLearner<B> learner, Params meta, List<Task<B>> tasks, boolean keepAdapted) {
        int n = tasks.size();
        if (n == 0) {
            throw new IllegalArgumentException("MetaBatch: expected at least one task, found none");
        }
        List<String> names = meta.names();
        double[][][] gradients = borrowGradientBuffers(meta, n);
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        List<MetaLearner.TaskResult> results = map(order, i -> {
            try (Scratch scope = Scratch.open()) {
                MetaLearner.TaskResult r = learner.taskGradient(meta, tasks.get(i));
                for (int p = 0; p < names.size(); p++) {
                    double[] g = r.gradient().get(names.get(p)).data().data;
                    if (r.gradient().get(names.get(p)).size() != gradients[i][p].length) {
                        throw new IllegalStateException(learner.name() + ": the gradient of " + names.get(p)
                                + " has shape " + r.gradient().get(names.get(p)).shape()
                                + ", expected the parameter's shape " + meta.get(names.get(p)).shape());
                    }
                    System.arraycopy(g, 0, gradients[i][p], 0, gradients[i][p].length);
                }
                return new MetaLearner.TaskResult(r.queryLoss(), null,
                        keepAdapted ? Scratch.keep(r.adapted()) : null);
            }
        });
        Result result = average(meta, gradients, results);
        spareGradients.set(gradients);
        return result;
    }

    /**
     * Buffers for {@code n} tasks' gradients, shaped like {@code meta}: the last step's if they fit,
     * else new ones. Taken, not shared, so that steps running at once never write to the same one.
     */
    private double[][][] borrowGradientBuffers(Params meta, int n) {
        double[][][] spare = spareGradients.getAndSet(null);
        List<Tensor> shapes = meta.tensors();
        if (spare != null && spare.length == n && spare[0].length == shapes.size()) {
            boolean fits = true;
            for (int p = 0; p < shapes.size() && fits; p++) {
                fits = spare[0][p].length == shapes.get(p).size();
            }
            if (fits) {
                return spare;
            }
        }
        double[][][] fresh = new double[n][shapes.size()][];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < shapes.size(); p++) {
                fresh[i][p] = new double[shapes.get(p).size()];
            }
        }
        return fresh;
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
        if (helpers == null || n == 1) {
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
        helpers.submit(worker);
        worker.run();
        try {
            HelperThreads.await(done);
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

    /** The mean gradient and loss, each element summed in task order. */
    private static Result average(Params meta, double[][][] gradients, List<MetaLearner.TaskResult> results) {
        int n = results.size();
        List<Tensor> metaTensors = meta.tensors();
        List<Tensor> means = new ArrayList<>();
        for (int p = 0; p < metaTensors.size(); p++) {
            Tensor like = metaTensors.get(p);
            DMatrixRMaj sum = new DMatrixRMaj(like.rows(), like.cols());
            for (int i = 0; i < n; i++) {
                double[] g = gradients[i][p];
                for (int e = 0; e < g.length; e++) {
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
            if (r.adapted() != null) {
                adapted.add(r.adapted());
            }
        }
        return new Result(loss / n, meta.withValues(means), List.copyOf(adapted));
    }

    /** Number of threads a meta-batch runs on, the calling thread included. */
    public int threads() {
        return threads;
    }

    /** Stops the worker threads. */
    @Override
    public void close() {
        if (helpers != null) {
            helpers.close();
        }
    }
}
