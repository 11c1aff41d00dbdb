package org.metarec.experiments.study.rec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.parallel.TaskPool;

/**
 * {@link CellRunner}: cells prepared and committed on the calling thread in cell order, computed several at once on
 * pools of one thread; a failure commits the cells before it and is thrown as itself.
 */
class CellRunnerTest {

    private static final List<Integer> CELLS = IntStream.range(0, 9).boxed().toList();

    @Test
    void cellsRunAtOnceAndAreCommittedInOrderOnTheCallingThread() throws Exception {
        Thread caller = Thread.currentThread();
        List<Integer> prepared = new ArrayList<>();
        List<Integer> committed = new ArrayList<>();
        List<Integer> computed = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch secondDone = new CountDownLatch(1);
        try (TaskPool run = new TaskPool(2)) {
            CellRunner.run(CELLS, run, i -> {
                assertSame(caller, Thread.currentThread());
                prepared.add(i);
                return pool -> {
                    assertEquals(1, pool.threads(), "a cell computed beside others gets a pool of one thread");
                    if (i == 0) {
                        // Cell 0 finishes only after cell 1 has: the two ran at once, and 1 still commits after 0.
                        assertTrue(secondDone.await(30, TimeUnit.SECONDS), "cell 1 did not run beside cell 0");
                    }
                    computed.add(i);
                    if (i == 1) {
                        secondDone.countDown();
                    }
                    return i * 10;
                };
            }, (i, r, seconds) -> {
                assertSame(caller, Thread.currentThread());
                assertEquals(i * 10, r);
                committed.add(i);
            });
        }
        assertEquals(CELLS, prepared);
        assertEquals(CELLS, committed);
        assertEquals(1, computed.get(0), "cell 1 finished first");
    }

    @Test
    void withOneThreadEachCellRunsOnTheRunsPoolInTheCallingThread() throws Exception {
        Thread caller = Thread.currentThread();
        List<Integer> committed = new ArrayList<>();
        try (TaskPool run = new TaskPool(1)) {
            CellRunner.run(CELLS, run, i -> pool -> {
                assertSame(run, pool);
                assertSame(caller, Thread.currentThread());
                return i;
            }, (i, r, seconds) -> committed.add(r));
        }
        assertEquals(CELLS, committed);
    }

    @Test
    void aSingleCellUsesTheRunsWholePool() throws Exception {
        List<TaskPool> seen = new ArrayList<>();
        try (TaskPool run = new TaskPool(2)) {
            CellRunner.run(List.of(4), run, i -> pool -> {
                seen.add(pool);
                return i;
            }, (i, r, seconds) -> { });
            assertEquals(List.of(run), seen);
        }
    }

    @Test
    void aFailingCellCommitsTheCellsBeforeItAndIsThrownAsItself() {
        List<Integer> committed = new ArrayList<>();
        IllegalStateException failure = new IllegalStateException("cell 3: loss is NaN");
        try (TaskPool run = new TaskPool(2)) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> CellRunner.run(CELLS, run,
                    i -> pool -> {
                        if (i == 3) {
                            throw failure;
                        }
                        return i;
                    }, (i, r, seconds) -> committed.add(i)));
            assertSame(failure, thrown);
        }
        assertEquals(List.of(0, 1, 2), committed);
    }

    @Test
    void aFailingCommitStopsTheRun() {
        List<Integer> committed = new ArrayList<>();
        try (TaskPool run = new TaskPool(3)) {
            java.io.IOException thrown = assertThrows(java.io.IOException.class, () -> CellRunner.run(CELLS, run,
                    i -> pool -> i, (i, r, seconds) -> {
                        if (i == 5) {
                            throw new java.io.IOException("disk full");
                        }
                        committed.add(i);
                    }));
            assertEquals("disk full", thrown.getMessage());
        }
        assertEquals(List.of(0, 1, 2, 3, 4), committed);
    }

    @Test
    void aCellThatCannotBePreparedCommitsTheCellsBeforeIt() {
        List<Integer> committed = new ArrayList<>();
        try (TaskPool run = new TaskPool(2)) {
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> CellRunner.run(CELLS, run,
                    i -> {
                        if (i == 3) {
                            throw new IllegalArgumentException("split beta 0.50: too few users");
                        }
                        return pool -> i;
                    }, (i, r, seconds) -> committed.add(i)));
            assertEquals("split beta 0.50: too few users", thrown.getMessage());
        }
        assertEquals(List.of(0, 1, 2), committed);
    }
}
