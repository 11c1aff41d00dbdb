package org.metarec.experiments.run;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/** A one-line progress bar redrawn in place with {@code \r}, at most ten times a second. */
final class TerminalProgress implements Progress {

    private static final int BAR = 24;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final ProgressMeter meter;
    private final LongSupplier nanoClock;
    private long lastDraw = Long.MIN_VALUE;
    private int lastWidth;
    private String lastText;

    TerminalProgress(PrintStream err, LongSupplier nanoClock) {
        this.err = err;
        this.nanoClock = nanoClock;
        this.meter = new ProgressMeter(nanoClock);
    }

    @Override
    public void start(String phase, long total, long done, String unit) {
        meter.start(phase, total, done, unit);
        lastDraw = Long.MIN_VALUE;
        draw(true);
    }

    @Override
    public void update(long done, double loss) {
        meter.update(done, loss);
        draw(done >= meter.total());
    }

    @Override
    public void note(String message) {
        clear();
        err.println(message);
        lastDraw = Long.MIN_VALUE;
    }

    @Override
    public void finish() {
        draw(true);
        err.println();
        lastWidth = 0;
        lastText = null;
    }

    private void draw(boolean force) {
        long now = nanoClock.getAsLong();
        if (!force && lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        int filled = meter.total() > 0 ? (int) (BAR * Math.min(1.0, (double) meter.done() / meter.total())) : 0;
        String text = "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] " + meter.line();
        if (text.equals(lastText) && lastWidth > 0) {
            return; // the same state is drawn once
        }
        lastText = text;
        // Pad with spaces so a shorter line fully covers the previous one.
        err.print("\r" + text + " ".repeat(Math.max(0, lastWidth - text.length())));
        err.flush();
        lastWidth = text.length();
    }

    private void clear() {
        if (lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            lastWidth = 0;
        }
    }
}
