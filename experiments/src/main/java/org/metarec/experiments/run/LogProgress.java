package org.metarec.experiments.run;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/** Plain progress lines for non-terminals: at the start, every {@code intervalSeconds}, and at the end. */
final class LogProgress implements Progress {

    private final PrintStream err;
    private final ProgressMeter meter;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private long lastLine;
    private String lastText;

    LogProgress(PrintStream err, LongSupplier nanoClock, double intervalSeconds) {
        this.err = err;
        this.nanoClock = nanoClock;
        this.meter = new ProgressMeter(nanoClock);
        this.intervalNanos = (long) (intervalSeconds * 1e9);
    }

    @Override
    public void start(String phase, long total, long done, String unit) {
        meter.start(phase, total, done, unit);
        lastText = null;
        print();
    }

    @Override
    public void update(long done, double loss) {
        meter.update(done, loss);
        if (nanoClock.getAsLong() - lastLine >= intervalNanos) {
            print();
        }
    }

    @Override
    public void note(String message) {
        err.println(message);
    }

    @Override
    public void finish() {
        print();
    }

    private void print() {
        lastLine = nanoClock.getAsLong();
        String text = meter.line();
        // The last state is printed once, even when the final update already printed it.
        if (!text.equals(lastText)) {
            err.println(text);
            lastText = text;
        }
    }
}
