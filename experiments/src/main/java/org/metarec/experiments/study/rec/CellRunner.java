package org.metarec.experiments.study.rec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.metarec.algorithms.parallel.TaskPool;

/**
 * Runs the pending cells of a grid (one method, seed and setting each) several at a time, and commits their results
 * in cell order, so a run's files are the same whatever the thread count.
 *
 * <p>Why cells as well as tasks: a cell's meta-batches, epochs and validation scorings are small, and splitting them
 * over threads leaves cores idle between them. Cells are independent: each draws from its own seeded streams and only
 * reads the data and the split it shares with other cells. So with {@code T} threads, {@code T} cells run at once, each
 * on a pool of one thread; with one thread, or one cell left, a cell runs on the run's own pool. Measured on Douban
 * book to music at {@code --threads 2} (one seed, beta 20%, 57 cells, docs/benchmarks.md): 551 s before, 518 s with
 * cells at once, the same files to the byte. Up to {@link #AHEAD_PER_WORKER} cells per worker may be computed or
 * running ahead of the next one to commit: with two, a worker ran out of cells while the other trained a long MAMO
 * cell; with eight that slice took 372 s instead of 465 s (1.8 cores used instead of 1.4).
 *
 * <p>Each cell has three parts. {@code prepare} runs on the calling thread in cell order: it builds what cells share
 * (splits, ranking candidates) and writes its files. The work it returns runs on a worker and must not write anything
 * the run keeps. {@code commit} runs on the calling thread in cell order: it writes the cell's rows and checkpoint.
 * If a cell fails (in {@code prepare} or in its work), the cells before it are committed and its failure is thrown;
 * cells after it are dropped (a resumed run computes them again, to the same values).
 */
public final class CellRunner {

    /**
     * A cell's computation: training, selection and test scores, without side effects on the run's files.
     *
     * @param <R> what it returns
     */
    @FunctionalInterface
    public interface Work<R> {
        /**
         * Computes the cell.
         *
         * @param pool the pool to give the trainers (results do not depend on its thread count)
         * @return the cell's result
         * @throws Exception if the cell fails
         */
        R compute(TaskPool pool) throws Exception;
    }

    /**
     * Prepares one cell on the calling thread.
     *
     * @param <R> what its work returns
     */
    @FunctionalInterface
    public interface Prepare<R> {
        /**
         * Prepares cell {@code cell}.
         *
         * @param cell the cell's index in the grid
         * @return its work
         * @throws Exception if preparing fails
         */
        Work<R> prepare(int cell) throws Exception;
    }

    /**
     * Commits one cell's result on the calling thread.
     *
     * @param <R> the result
     */
    @FunctionalInterface
    public interface Commit<R> {
        /**
         * Commits cell {@code cell}.
         *
         * @param cell the cell's index
         * @param result what its work returned
         * @param seconds how long its work took (wall time on its worker), for the log
         * @throws Exception if writing fails
         */
        void commit(int cell, R result, double seconds) throws Exception;
    }

    /** How many cells may wait, computed or running, ahead of the next one to commit, per worker. */
    private static final int AHEAD_PER_WORKER = 8;

    private CellRunner() {
    }

    /**
     * Runs the cells.
     *
     * @param pending the cells to run, in the order to commit them
     * @param runPool the run's pool: its thread count is the number of cells at once
     * @param prepare prepares a cell (calling thread, in order)
     * @param commit commits a cell (calling thread, in order)
     * @param <R> a cell's result
     * @throws Exception the first failure in cell order
     */
    public static <R> void run(List<Integer> pending, TaskPool runPool, Prepare<R> prepare, Commit<R> commit)
            throws Exception {
        int workers = Math.min(runPool.threads(), pending.size());
        if (workers <= 1) {
            for (int cell : pending) {
                Work<R> work = prepare.prepare(cell);
                long start = System.nanoTime();
                R result = work.compute(runPool);
                commit.commit(cell, result, (System.nanoTime() - start) / 1e9);
            }
            return;
        }
        AtomicInteger named = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "metarec-cell-" + named.incrementAndGet());
            t.setDaemon(true);   // a failed run does not wait for the cells still running
            return t;
        });
        Deque<Integer> cells = new ArrayDeque<>();
        Deque<Future<Timed<R>>> running = new ArrayDeque<>();
        try {
            for (int cell : pending) {
                if (running.size() >= workers * AHEAD_PER_WORKER) {
                    Timed<R> done = await(running.removeFirst());
                    commit.commit(cells.removeFirst(), done.result(), done.seconds());
                }
                Work<R> work;
                try {
                    work = prepare.prepare(cell);
                } catch (Exception e) {
                    // The cells before this one are still committed (an earlier cell's own failure comes first).
                    while (!running.isEmpty()) {
                        Timed<R> done = await(running.removeFirst());
                        commit.commit(cells.removeFirst(), done.result(), done.seconds());
                    }
                    throw e;
                }
                cells.addLast(cell);
                running.addLast(executor.submit(() -> {
                    try (TaskPool own = new TaskPool(1)) {
                        long start = System.nanoTime();
                        R result = work.compute(own);
                        return new Timed<>(result, (System.nanoTime() - start) / 1e9);
                    }
                }));
            }
            while (!running.isEmpty()) {
                Timed<R> done = await(running.removeFirst());
                commit.commit(cells.removeFirst(), done.result(), done.seconds());
            }
        } finally {
            running.forEach(f -> f.cancel(true));
            executor.shutdownNow();
        }
    }

    /** A cell's result and how long it took. */
    private record Timed<R>(R result, double seconds) {}

    /** The result of a cell, or its own failure (not the executor's wrapper). */
    private static <R> R await(Future<R> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
