package org.metarec.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Progress output with a fake clock (so nothing depends on real time). */
class ProgressTest {

    @Test
    void logLinesAtStartEveryIntervalAndAtTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        LogProgress p = new LogProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now[0], 10.0);
        p.start("train", 100, 0);
        now[0] = 5_000_000_000L;
        p.update(10, 0.5); // 5 s since the last line: nothing printed
        now[0] = 10_000_000_000L;
        p.update(20, 0.25); // 20 steps in 10 s = 2 steps/s; 80 steps left = 40 s
        p.finish();
        // finish() repeats nothing: the last state was already printed.
        String expected = "train 0/100 steps (0%)\n"
                + "train 20/100 steps (20%) loss 0.2500 2.0 steps/s ETA 0:40\n";
        assertEquals(expected, bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void rateCountsOnlyStepsOfThisSession() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        LogProgress p = new LogProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now[0], 1.0);
        p.start("train", 100, 60); // resumed at step 60
        now[0] = 4_000_000_000L;
        p.update(80, Double.NaN); // 20 steps in 4 s = 5 steps/s; 20 left = 4 s
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("train 80/100 steps (80%) 5.0 steps/s ETA 0:04"), bytes.toString());
    }

    @Test
    void terminalBarIsRedrawnInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        TerminalProgress p = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now[0]);
        p.start("train", 4, 0);
        now[0] = 1_000_000_000L;
        p.update(4, 1.0);
        p.finish();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("\r[........................] train 0/4 steps (0%)"), out);
        String last = "\r[########################] train 4/4 steps (100%) loss 1.000 4.0 steps/s";
        assertTrue(out.endsWith(last + System.lineSeparator()), out);
        assertEquals(out.indexOf(last), out.lastIndexOf(last), "the final state is drawn once: " + out);
    }

    @Test
    void slowWorkIsCountedInItsOwnUnitAndShownAsSecondsPerUnit() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        LogProgress p = new LogProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now[0], 1.0);
        p.start("train", 8, 0, "methods");
        now[0] = 10_000_000_000L;
        p.update(2, Double.NaN); // 2 methods in 10 s: 5 s per method, 6 left = 30 s
        now[0] = 40_000_000_000L;
        p.update(8, Double.NaN);
        p.finish();
        assertEquals("train 0/8 methods (0%)\ntrain 2/8 methods (25%) 5.0 s per method ETA 0:30\n"
                + "train 8/8 methods (100%) 5.0 s per method\n",
                bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void durations() {
        assertEquals("1:02:05", ProgressMeter.duration(3725));
        assertEquals("0:59", ProgressMeter.duration(59.4));
        assertEquals("0:00", ProgressMeter.duration(-3));
    }
}
