package org.metarec.algorithms.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metarec.algorithms.meta.MetaLearner;
import org.metarec.algorithms.meta.MetaStep;
import org.metarec.algorithms.meta.Task;
import org.metarec.autodiff.GradMode;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * {@link TaskPool#map}: results in item order, the first failing item's exception whatever the
 * timing, and the caller's recording mode on every thread. The bit-identity of whole meta-steps across
 * thread counts is checked in {@code MetaLearnerPropertiesTest} and the reference cases.
 */
class TaskPoolTest {

    private static final List<Integer> ITEMS = IntStream.range(0, 40).boxed().toList();

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3, 8})
    void resultsComeBackInItemOrderAndTheWorkIsShared(int threads) {
        Set<String> threadNames = ConcurrentHashMap.newKeySet();
        try (TaskPool pool = new TaskPool(threads)) {
            for (int round = 0; round < 20; round++) {
                List<Integer> out = pool.map(ITEMS, i -> {
                    threadNames.add(Thread.currentThread().getName());
                    spin(i % 7);                 // uneven work, so the finishing order varies
                    return i * i;
                });
                List<Integer> want = new ArrayList<>();
                ITEMS.forEach(i -> want.add(i * i));
                assertEquals(want, out);
            }
        }
        assertTrue(threadNames.contains(Thread.currentThread().getName()),
                "the calling thread should take items too: " + threadNames);
        assertTrue(threadNames.size() <= threads, threadNames + " for " + threads + " threads");
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3, 8})
    void theCallersItemsAreAPrefixTakenInOrder(int threads) {
        // TaskPool.step adds the caller's gradients as they come, which needs exactly this.
        Thread caller = Thread.currentThread();
        try (TaskPool pool = new TaskPool(threads)) {
            for (int round = 0; round < 20; round++) {
                List<Integer> taken = java.util.Collections.synchronizedList(new ArrayList<>());
                int shift = round;
                pool.map(ITEMS, i -> {
                    if (Thread.currentThread() == caller) {
                        taken.add(i);
                    }
                    spin((i * 7 + shift) % 5);
                    return i;
                });
                assertEquals(IntStream.range(0, taken.size()).boxed().toList(), taken, "round " + round);
            }
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3})
    void mapOverIndicesReturnsTheResultsInIndexOrder(int threads) {
        try (TaskPool pool = new TaskPool(threads)) {
            List<Integer> want = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                want.add(i * i);
            }
            assertEquals(want, pool.map(30, i -> {
                spin(i % 4);
                return i * i;
            }));
            assertEquals(List.of(), pool.map(0, i -> i));
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3})
    void itCountsTheTasksAndThoseTheCallerRan(int threads) {
        Thread caller = Thread.currentThread();
        AtomicInteger byCaller = new AtomicInteger();
        try (TaskPool pool = new TaskPool(threads)) {
            assertEquals(0, pool.tasksRun());
            for (int round = 0; round < 20; round++) {
                pool.map(ITEMS, i -> {
                    if (Thread.currentThread() == caller) {
                        byCaller.incrementAndGet();
                    }
                    spin(i % 3);
                    return i;
                });
            }
            pool.map(List.of(7), i -> i);                 // one item: always on the caller
            assertEquals(20 * ITEMS.size() + 1, pool.tasksRun());
            assertEquals(byCaller.get() + 1, pool.tasksRunByCaller());
            if (threads == 1) {
                assertEquals(pool.tasksRun(), pool.tasksRunByCaller());
            }
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3})
    void theFirstFailingItemInItemOrderIsReported(int threads) {
        try (TaskPool pool = new TaskPool(threads)) {
            for (int round = 0; round < 20; round++) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.map(ITEMS, i -> {
                    spin(40 - i);                // later items finish first
                    if (i == 11 || i == 29 || i == 35) {
                        throw new IllegalStateException("item " + i);
                    }
                    return i;
                }));
                assertEquals("item 11", e.getMessage());
            }
            // An Error is passed on as it is, too.
            AssertionError err = assertThrows(AssertionError.class, () -> pool.map(ITEMS, i -> {
                if (i == 3) {
                    throw new AssertionError("item 3");
                }
                return i;
            }));
            assertEquals("item 3", err.getMessage());
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3})
    void everyItemRunsInTheCallersRecordingMode(int threads) {
        try (TaskPool pool = new TaskPool(threads)) {
            try (GradMode.Scope off = GradMode.noGrad()) {
                assertFalse(pool.map(ITEMS, i -> GradMode.isEnabled()).contains(true));
            }
            assertFalse(pool.map(ITEMS, i -> GradMode.isEnabled()).contains(false));
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 3})
    @Timeout(60)
    void aCallFromInsideATaskFinishes(int threads) {
        // Every worker is busy with an outer item when the inner calls hand work to the pool: the inner
        // calls must not wait for workers that cannot start.
        try (TaskPool pool = new TaskPool(threads)) {
            List<Integer> outer = pool.map(List.of(1, 2, 3, 4, 5, 6), o -> pool.map(ITEMS, i -> i * o)
                    .stream().mapToInt(Integer::intValue).sum());
            int base = ITEMS.stream().mapToInt(Integer::intValue).sum();
            assertEquals(List.of(base, 2 * base, 3 * base, 4 * base, 5 * base, 6 * base), outer);
        }
    }

    @Test
    @Timeout(60)
    void helpersThatWentToSleepAreWokenAndCloseStopsThem() throws InterruptedException {
        // Between batches a helper spins for a moment and then parks; a batch after a pause must
        // still be shared, and closing the batch must end the helper threads.
        Thread caller = Thread.currentThread();
        Set<Thread> helpers = ConcurrentHashMap.newKeySet();
        int sharedAfterAPause = 0;
        try (TaskPool pool = new TaskPool(3)) {
            for (int round = 0; round < 10; round++) {
                Thread.sleep(5);                 // much longer than a helper spins
                Set<Thread> seen = ConcurrentHashMap.newKeySet();
                List<Integer> out = pool.map(ITEMS, i -> {
                    seen.add(Thread.currentThread());
                    spin(3);
                    return i;
                });
                assertEquals(ITEMS, out);
                seen.remove(caller);
                helpers.addAll(seen);
                sharedAfterAPause += seen.isEmpty() ? 0 : 1;
            }
        }
        assertTrue(sharedAfterAPause > 0, "no helper took an item after a pause in 10 rounds");
        assertTrue(helpers.size() <= 2, helpers + " for 3 threads");
        for (Thread h : helpers) {
            h.join(10_000);
            assertFalse(h.isAlive(), h.getName() + " still runs after close()");
        }
    }

    /** A learner whose "gradient" of task k is the 1x3 row (k, k^2, 1/k), and that fails on task 13. */
    private static final MetaLearner<Integer> COUNTING = new MetaLearner<>() {
        @Override
        public String name() {
            return "counting";
        }

        @Override
        public Params adapt(Params meta, Integer support, int steps) {
            return meta;
        }

        @Override
        public TaskResult taskGradient(Params meta, Task<Integer> task) {
            int k = task.support();
            if (k == 13) {
                throw new IllegalStateException("task 13");
            }
            spin(k % 4);
            return new TaskResult(k, Params.of("w", Tensor.row(k, (double) k * k, 1.0 / k)), null);
        }
    };

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3})
    void aMetaStepSumsInTaskOrderReportsAFailingTaskAndGoesOn(int threads) {
        Params meta = Params.of("w", Tensor.row(0, 0, 0));
        List<Task<Integer>> good = IntStream.range(1, 40).filter(k -> k != 13).mapToObj(k -> new Task<>(k, k)).toList();
        List<Task<Integer>> bad = IntStream.range(1, 40).mapToObj(k -> new Task<>(k, k)).toList();
        double[] want = new double[3];
        double loss = 0;
        for (Task<Integer> t : good) {
            int k = t.support();
            want[0] += k;
            want[1] += (double) k * k;
            want[2] += 1.0 / k;
            loss += k;
        }
        for (int e = 0; e < 3; e++) {
            want[e] /= good.size();
        }
        try (TaskPool pool = new TaskPool(threads)) {
            for (int round = 0; round < 10; round++) {
                MetaStep r = pool.step(COUNTING, meta, good);
                assertArrayEquals(want, r.gradient().get("w").toArray(), 0.0, "round " + round);
                assertEquals(loss / good.size(), r.metaLoss(), 0.0);
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.step(COUNTING, meta, bad));
                assertEquals("task 13", e.getMessage());
            }
        }
    }

    private static void spin(int units) {
        double x = 0;
        for (int k = 0; k < units * 20_000; k++) {
            x += Math.sqrt(k);
        }
        if (x < 0) {
            throw new AssertionError("unreachable");
        }
    }
}
