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

    LogProgress(PrintStream err, LongSupplier nanoClock, double intervalSeconds) {
        this.err = err;
        this.nanoClock = nanoClock;
        this.meter = new ProgressMeter(nanoClock);
        this.intervalNanos = (long) (intervalSeconds * 1e9);
    }

    @Override
    public void start(String phase, long total, long done) {
        meter.start(phase, total, done);
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
        err.println(meter.line());
    }
}
