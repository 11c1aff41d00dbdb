package org.metarec.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench memory} explains its columns, and its graph counts grow by the same amount per inner step. */
class BenchMemoryTest {

    @Test
    void countsGrowLinearlyAndFirstOrderStaysFlat() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.execute(new String[] {"bench", "memory", "--steps", "1,2,4"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()), false);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        assertTrue(text.contains("'nodes' are the graph's tensors"), text);
        List<long[]> rows = text.lines().filter(l -> l.matches("^\\d+\\s+\\d+.*")).map(l -> {
            String[] f = l.trim().split("\\s+");
            return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[5])};
        }).toList();
        assertEquals(3, rows.size(), text);
        long perStep = rows.get(1)[1] - rows.get(0)[1];
        assertTrue(perStep > 0);
        assertEquals(2 * perStep, rows.get(2)[1] - rows.get(1)[1], "each inner step adds the same nodes");
        assertEquals(rows.get(0)[3], rows.get(2)[3], "first-order MAML's graph does not grow");
        assertEquals(2 * rows.get(0)[2], rows.get(1)[2], "the backward-recorded nodes are per step");
        assertTrue(text.contains("steps 2 -> 4: " + perStep + ".0 nodes"), text);
    }
}
