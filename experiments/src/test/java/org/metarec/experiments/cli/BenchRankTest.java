package org.metarec.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code bench rank} runs both protocols and ends with its figures; what it ranks is fixed by its seed, so the
 * checksum is the same with 1 or 2 threads (the timing itself is never asserted).
 */
class BenchRankTest {

    private static String run(String threads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.execute(new String[] {"bench", "rank", "--users", "30", "--items", "200", "--pairs", "20",
            "--negatives", "9", "--repeat", "2", "--threads", threads},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()), false);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        return text;
    }

    @Test
    void bothProtocolsRunAndRankTheSameWithAnyThreadCount() {
        String one = run("1");
        String two = run("2");
        assertTrue(one.lines().reduce((a, b) -> b).orElseThrow().startsWith("ranking seconds: full "), one);
        String checksum = one.lines().filter(l -> l.startsWith("checksum")).findFirst().orElseThrow();
        assertTrue(two.contains(checksum), two);
        assertEquals(2, Main.execute(new String[] {"bench", "rank", "--items", "5"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()), false));
    }
}
