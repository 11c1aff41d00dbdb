package org.metarec.experiments.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.metarec.core.random.Rng;

/** The sink's output does not depend on the order values arrive in, and bad values are refused. */
class ResultSinkTest {

    @Test
    void recordingOrderDoesNotMatter() {
        List<Object[]> values = new ArrayList<>();
        for (int task = 0; task < 20; task++) {
            for (String m : List.of("x", "y")) {
                values.add(new Object[] {m, task, task * 0.25 + (m.equals("x") ? 1 : 2)});
            }
        }
        ResultSink inOrder = new ResultSink();
        values.forEach(v -> inOrder.record((String) v[0], "mse", 1, (Integer) v[1], (Double) v[2]));
        for (long seed = 1; seed <= 5; seed++) {
            List<Object[]> shuffled = new ArrayList<>(values);
            Rng.seeded(seed).shuffle(shuffled);
            ResultSink sink = new ResultSink();
            shuffled.forEach(v -> sink.record((String) v[0], "mse", 1, (Integer) v[1], (Double) v[2]));
            assertEquals(inOrder.series(), sink.series(), "seed " + seed);
        }
    }

    @Test
    void refusesNonFiniteAndRepeatedValues() {
        ResultSink sink = new ResultSink();
        assertEquals("method m, mse after 2 steps, seed 0 task 4: expected a finite value, found NaN",
                assertThrows(IllegalArgumentException.class, () -> sink.record("m", "mse", 2, 4, Double.NaN)).getMessage());
        sink.record("m", "mse", 4, 1.0);
        assertEquals("method m, mse, seed 0 task 4: recorded twice",
                assertThrows(IllegalArgumentException.class, () -> sink.record("m", "mse", 4, 1.0)).getMessage());
        // The same task index and user in another seed is another task.
        Measure rmse = new Measure("rmse_user", "k5", null);
        sink.record("m", rmse, new TaskId(1, 0, 7), 1.0);
        sink.record("m", rmse, new TaskId(2, 0, 7), 2.0);
        assertEquals("method m, rmse_user_k5, seed 2 task 0 (user 7): recorded twice",
                assertThrows(IllegalArgumentException.class, () -> sink.record("m", rmse, new TaskId(2, 0, 7), 2.0)).getMessage());
        assertEquals("method m, rmse_user_k5: recorded per task, not per seed", assertThrows(IllegalArgumentException.class,
                () -> sink.recordPooled("m", rmse, 1, new int[] {7}, 1.0)).getMessage());
    }
}
