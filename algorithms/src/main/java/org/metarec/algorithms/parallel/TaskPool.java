package org.metarec.algorithms.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.metarec.algorithms.meta.MetaLearner;
import org.metarec.algorithms.meta.MetaStep;
import org.metarec.algorithms.meta.Task;
import org.metarec.autodiff.GradMode;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.kernel.Scratch;

/**
 * Computes {@link MetaLearner#metaStep} over a batch of tasks, the tasks in parallel, with the same bits.
 * A learner's {@link MetaLearner#batchTerm} (a term over the whole batch) runs after the tasks, on the caller.
 *
 * <p>Tasks are independent, so each runs on one of the threads with its own graph; the shared
 * meta-parameters are only read. The per-task gradients are then summed in task order, whatever
 * order the threads finished in, so the result is bit-for-bit the same with 1 thread or many. Every
 * task runs in the calling thread's recording mode ({@link GradMode}), on whichever thread it lands.
 */
public final class TaskPool implements AutoCloseable {

    private final int threads;
    private final HelperThreads helpers;   // null when single-threaded
    private final AtomicReference<GradientShelves> spareShelves = new AtomicReference<>();
    private final LongAdder itemsRun = new LongAdder();
    private final LongAdder itemsRunByCaller = new LongAdder();

    /** A meta-batch runner on {@code threads} threads: the calling thread and {@code threads - 1} workers. */
    public TaskPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("TaskPool: threads must be >= 1, found " + threads);
        }
        this.threads = threads;
        this.helpers = threads == 1 ? null : new HelperThreads(threads - 1, "metarec-task");
    }

    /** Runs {@code learner.taskGradient} on every task and averages in task order. */
    public <B> MetaStep step(MetaLearner<B> learner, Params meta, List<Task<B>> tasks) {
        return step(learner, meta, tasks, false);
    }

    /**
     * As {@link #step(MetaLearner, Params, List)}, and with {@code keepAdapted} the result also
     * holds each task's adapted parameters (a copy of every task's parameters, which training does
     * not need).
     *
     * <p>Each task computes in the {@link Scratch} memory of its thread, which the next task of that
     * thread reuses. The calling thread takes the tasks from the front, in order, so it adds each of
     * its gradients to the sum at once; a helper, taking tasks from the back, copies its gradients
     * into buffers of its own ({@link GradientShelves}), and they are added after the caller's, in
     * task order, by that helper when it was the only one. Then only the sum crosses between the
     * cores, not the gradients.
     */
    public <B> MetaStep step(MetaLearner<B> learner, Params meta, List<Task<B>> tasks, boolean keepAdapted) {
        int n = tasks.size();
        if (n == 0) {
            throw new IllegalArgumentException("TaskPool: expected at least one task, found none");
        }
        List<String> names = meta.names();
        List<Tensor> metaTensors = meta.tensors();
        double[][] sum = new double[names.size()][];
        for (int p = 0; p < sum.length; p++) {
            sum[p] = new double[metaTensors.get(p).size()];
        }
        GradientShelves shelves = GradientShelves.fitting(spareShelves.getAndSet(null), meta);
        shelves.startStep();
        double[][][] shelved = new double[n][][];   // a helper's gradient of task i; null for the caller's
        int[] added = {0};                           // the caller's tasks added so far: 0 .. added - 1
        Thread caller = Thread.currentThread();
        // The helpers' gradients are added after the caller's, in task order: by the helper itself when
        // it was the only one (they are in its cache; only the sum moves), else by the caller.
        Runnable addShelved = () -> {
            for (int i = added[0]; i < n; i++) {
                for (int p = 0; p < sum.length; p++) {
                    addInto(sum[p], shelved[i][p]);
                }
            }
        };
        List<MetaLearner.TaskResult> results = map(indices(n), i -> {
            try (Scratch scope = Scratch.open()) {
                MetaLearner.TaskResult r = learner.taskGradient(meta, tasks.get(i));
                boolean inOrder = Thread.currentThread() == caller && i == added[0];
                double[][] buffer = inOrder ? null : shelves.take();
                for (int p = 0; p < names.size(); p++) {
                    Tensor g = gradientOf(r.gradient(), names.get(p), metaTensors.get(p), learner.name());
                    if (inOrder) {
                        addInto(sum[p], g.data().data);
                    } else {
                        System.arraycopy(g.data().data, 0, buffer[p], 0, buffer[p].length);
                    }
                }
                if (inOrder) {
                    added[0]++;
                } else {
                    shelved[i] = buffer;
                }
                return new MetaLearner.TaskResult(r.queryLoss(), null,
                        keepAdapted ? Scratch.keep(r.adapted()) : null);
            }
        }, addShelved);
        spareShelves.set(shelves);   // taken, not shared: steps running at once never share buffers
        // The batch term couples the tasks: it runs once, here on the caller, after they are all done.
        MetaLearner.BatchTerm term = learner.batchTerm(meta, tasks);
        return mean(meta, metaTensors, sum, results, term, names);
    }

    /** The gradient of parameter {@code name} in {@code gradient}, which must have the size of {@code like}. */
    private static Tensor gradientOf(Params gradient, String name, Tensor like, String who) {
        Tensor g = gradient.get(name);
        if (g.size() != like.size()) {
            throw new IllegalStateException(who + ": the gradient of " + name + " has shape " + g.shape()
                    + ", expected the parameter's shape " + like.shape());
        }
        return g;
    }

    private static void addInto(double[] sum, double[] g) {
        for (int e = 0; e < sum.length; e++) {
            sum[e] += g[e];
        }
    }

    /**
     * Applies {@code f} to every item, in parallel, returning the results in item order.
     *
     * <p>The calling thread works too: it takes items from the front, in order, and the helpers take
     * them from the back, so the caller's items are always items 0, 1, 2, ... in that order (the
     * meta-step relies on it), and each side works through neighbouring items. A meta-batch costs one
     * hand-over per helper rather than one per task. The caller waits for the items, not for the
     * helpers: a helper that starts late finds nothing left to do, so a call from inside a task
     * cannot deadlock on a busy pool. If items fail, the exception of the first failing item in item
     * order is thrown, whatever the timing.
     */
    public <T, R> List<R> map(List<T> items, Function<T, R> f) {
        return map(items, f, null);
    }

    /** {@link #map(List, Function)} over the indices 0, 1, ..., {@code count - 1}. */
    public <R> List<R> map(int count, IntFunction<R> f) {
        return map(indices(count), f::apply);
    }

    private static List<Integer> indices(int count) {
        return IntStream.range(0, count).boxed().toList();
    }

    /**
     * {@link #map(List, Function)}, then {@code tail} once all items are done: on
     * the helper if exactly one helper took items (what it computed is in its cache), else on the
     * caller. Not run when an item failed.
     */
    private <T, R> List<R> map(List<T> items, Function<T, R> f, Runnable tail) {
        int n = items.size();
        if (helpers == null || n == 1) {
            List<R> out = new ArrayList<>(n);
            for (T item : items) {
                out.add(f.apply(item));
            }
            itemsRun.add(n);
            itemsRunByCaller.add(n);
            if (tail != null) {
                tail.run();
            }
            return out;
        }
        Object[] results = new Object[n];
        Throwable[] failures = new Throwable[n];
        // Claiming an item and choosing it are separate: at most n claims succeed, so the caller's
        // front and the helpers' back never take the same item.
        AtomicInteger claimed = new AtomicInteger();
        AtomicInteger fromBack = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(n);   // also publishes the helpers' writes
        boolean recording = GradMode.isEnabled();
        IntConsumer run = i -> {
            try {
                results[i] = f.apply(items.get(i));
            } catch (RuntimeException | Error e) {
                failures[i] = e;
            } finally {
                done.countDown();
            }
        };
        AtomicInteger working = new AtomicInteger();   // helpers that took an item
        CountDownLatch tailDone = new CountDownLatch(1);
        Throwable[] tailFailure = new Throwable[1];
        helpers.submit(() -> {
            boolean tookAny = false;
            try (GradMode.Scope scope = recording ? GradMode.enableGrad() : GradMode.noGrad()) {
                while (claimed.getAndIncrement() < n) {
                    if (!tookAny) {
                        tookAny = true;
                        working.incrementAndGet();   // before the item counts down: final once all are done
                    }
                    run.accept(n - 1 - fromBack.getAndIncrement());
                }
                if (tail != null && tookAny) {
                    awaitUninterruptibly(done);
                    if (working.get() == 1) {
                        try {
                            if (noneFailed(failures)) {
                                tail.run();
                            }
                        } catch (RuntimeException | Error e) {
                            tailFailure[0] = e;
                        } finally {
                            tailDone.countDown();
                        }
                    }
                }
            }
        });
        int front = 0;
        for (; claimed.getAndIncrement() < n; front++) {
            run.accept(front);
        }
        itemsRun.add(n);
        itemsRunByCaller.add(front);
        try {
            helpers.await(done);
            if (tail != null && working.get() == 1) {
                helpers.await(tailDone);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a task", e);
        }
        rethrowFirst(failures);
        rethrowFirst(tailFailure);
        if (tail != null && working.get() != 1) {
            tail.run();
        }
        List<R> out = new ArrayList<>(n);
        for (Object r : results) {
            @SuppressWarnings("unchecked")
            R value = (R) r;
            out.add(value);
        }
        return out;
    }

    private static boolean noneFailed(Throwable[] failures) {
        for (Throwable f : failures) {
            if (f != null) {
                return false;
            }
        }
        return true;
    }

    private static void rethrowFirst(Throwable[] failures) {
        for (Throwable failure : failures) {
            if (failure instanceof RuntimeException re) {
                throw re;
            }
            if (failure instanceof Error err) {
                throw err;
            }
        }
    }

    private void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                helpers.await(latch);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The result: {@code sum / n} by parameter, and the mean loss, summed in task order; plus the batch term
     * when there is one, added after the division as {@link MetaLearner#metaStep} adds it.
     */
    private static MetaStep mean(Params meta, List<Tensor> metaTensors, double[][] sum,
                               List<MetaLearner.TaskResult> results, MetaLearner.BatchTerm term, List<String> names) {
        int n = results.size();
        List<Tensor> means = new ArrayList<>();
        for (int p = 0; p < sum.length; p++) {
            for (int e = 0; e < sum[p].length; e++) {
                sum[p][e] /= n;
            }
            if (term != null) {
                addInto(sum[p], gradientOf(term.gradient(), names.get(p), metaTensors.get(p), "batch term").data().data);
            }
            Tensor like = metaTensors.get(p);
            means.add(Tensor.constant(DMatrixRMaj.wrap(like.rows(), like.cols(), sum[p])));
        }
        double loss = 0;
        List<Params> adapted = new ArrayList<>();
        for (MetaLearner.TaskResult r : results) {
            loss += r.queryLoss();
            if (r.adapted() != null) {
                adapted.add(r.adapted());
            }
        }
        double meanLoss = loss / n;
        return new MetaStep(term == null ? meanLoss : meanLoss + term.loss(), meta.withValues(means),
                List.copyOf(adapted));
    }

    /** Tasks (items of {@link #map}) run so far, on all threads. */
    public long tasksRun() {
        return itemsRun.sum();
    }

    /**
     * Of {@link #tasksRun()}, those the calling thread ran itself. With equally fast cores it is near
     * {@code 1 / threads} of them; a caller on a core slower than the helpers' (another machine's load
     * on a shared host) runs fewer, as the threads share out the tasks as they go.
     */
    public long tasksRunByCaller() {
        return itemsRunByCaller.sum();
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
