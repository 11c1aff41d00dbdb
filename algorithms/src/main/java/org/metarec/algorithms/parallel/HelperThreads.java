package org.metarec.algorithms.parallel;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The helper threads of a {@link TaskPool}: each runs every job handed to it at most once.
 *
 * <p>Between jobs a helper stays awake for a short while, spinning, before it parks. Training hands
 * a meta-batch over every few hundred microseconds, with a short sequential gap in between (averaging,
 * the optimiser, drawing tasks), and waking a parked thread takes tens of microseconds. Measured on
 * sinusoid first-order MAML with 2 threads: inside a meta-batch of about 400 us, the tasks kept 1.59
 * of the 2 cores busy with parked helpers and 1.7 with spinning ones. Spinning costs CPU time only
 * while a run is in progress; an idle pool parks. With more threads than cores nobody spins, as a
 * spinning thread would hold a core that a thread with work needs.
 *
 * <p>A job is a {@link Runnable} that takes its items from shared counters, so a helper that comes
 * late, or runs a newer job instead, leaves nothing undone: the submitting thread works on its own
 * job too and waits for the items, not for the helpers.
 */
final class HelperThreads implements AutoCloseable {

    /** How long an idle helper spins before it parks. */
    private static final long SPIN_NANOS = 300_000;

    /**
     * The spin of these helpers: none when there are more threads than cores, where a spinning
     * thread would take the core from one with work to do.
     */
    private final long spinNanos;

    private record Job(long id, Runnable work) {}

    private final Helper[] helpers;
    private final AtomicLong ids = new AtomicLong();
    private volatile Job current;
    private volatile boolean closed;

    /** Starts {@code count} daemon helper threads named {@code name-1}, {@code name-2}, ... */
    HelperThreads(int count, String name) {
        spinNanos = count + 1 <= Runtime.getRuntime().availableProcessors() ? SPIN_NANOS : 0;
        helpers = new Helper[count];
        for (int i = 0; i < count; i++) {
            helpers[i] = new Helper();
            helpers[i].thread = new Thread(helpers[i], name + "-" + (i + 1));
            helpers[i].thread.setDaemon(true);
            helpers[i].thread.start();
        }
    }

    /** Hands {@code work} to every helper; it replaces a job that a helper has not started yet. */
    void submit(Runnable work) {
        current = new Job(ids.incrementAndGet(), work);
        // A helper sets its flag before its last look at current, and we wrote current before reading
        // the flag: one of us sees the other's write, so no helper sleeps through the job.
        for (Helper h : helpers) {
            if (h.parked) {
                LockSupport.unpark(h.thread);
            }
        }
    }

    /**
     * Waits for {@code latch}, spinning for a while first: the last items of a meta-batch usually end
     * within microseconds of each other, sooner than a parked thread would wake.
     */
    void await(CountDownLatch latch) throws InterruptedException {
        long until = System.nanoTime() + spinNanos;
        while (latch.getCount() > 0 && System.nanoTime() - until < 0) {
            Thread.onSpinWait();
        }
        latch.await();
    }

    /** Stops the helpers once they finish what they are running. */
    @Override
    public void close() {
        closed = true;
        for (Helper h : helpers) {
            LockSupport.unpark(h.thread);
        }
    }

    private final class Helper implements Runnable {
        Thread thread;
        volatile boolean parked;

        @Override
        public void run() {
            long done = 0;
            while (!closed) {
                Job job = current;
                if (job != null && job.id() > done) {
                    done = job.id();
                    job.work().run();
                    continue;
                }
                long until = System.nanoTime() + spinNanos;
                while (current == job && !closed && System.nanoTime() - until < 0) {
                    Thread.onSpinWait();
                }
                if (current == job && !closed) {
                    parked = true;
                    if (current == job && !closed) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
            }
        }
    }
}
