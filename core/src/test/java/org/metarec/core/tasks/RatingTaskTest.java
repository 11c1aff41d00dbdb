package org.metarec.core.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RatingTaskTest {

    @Test
    void holdsCopiesAndComparesByContent() {
        int[] support = {4, 2};
        RatingTask t = new RatingTask(3, 1, support, new int[] {7});
        support[0] = 99;
        assertArrayEquals(new int[] {4, 2}, t.supportRows());
        t.queryRows()[0] = 99;
        assertArrayEquals(new int[] {7}, t.queryRows());
        assertEquals(new RatingTask(3, 1, new int[] {4, 2}, new int[] {7}), t);
        assertEquals(new RatingTask(3, 1, new int[] {4, 2}, new int[] {7}).hashCode(), t.hashCode());
        assertNotEquals(new RatingTask(3, 1, new int[] {2, 4}, new int[] {7}), t);
        assertEquals(2, t.supportSize());
        assertEquals(1, t.querySize());
    }

    @Test
    void rejectsOverlapAndEmptyQuery() {
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
                () -> new RatingTask(3, 0, new int[] {1, 2}, new int[] {2}));
        assertEquals("rating task of user 3: expected distinct rows in support and query, found row 2 twice",
                overlap.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> new RatingTask(3, 0, new int[] {1}, new int[0]));
        assertEquals("rating task of user 3: expected at least one query row, found none", empty.getMessage());
    }

    @Test
    void withSupportSizeKeepsTheFirstKSupportRowsAndTheQuery() {
        RatingTask t = new RatingTask(3, 1, new int[] {9, 4, 6}, new int[] {7, 1});
        assertEquals(new RatingTask(3, 1, new int[] {9, 4}, new int[] {7, 1}), t.withSupportSize(2));
        assertEquals(new RatingTask(3, 1, new int[0], new int[] {7, 1}), t.withSupportSize(0));
        assertEquals(t, t.withSupportSize(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.withSupportSize(4));
        assertEquals("rating task of user 3: expected a support size in 0..3, found 4", e.getMessage());
    }

    @Test
    void emptySupportIsAllowed() {
        assertEquals(0, new RatingTask(RatingTask.ANY_USER, 0, new int[0], new int[] {1}).supportSize());
    }
}
