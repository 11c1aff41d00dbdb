package org.metarec.experiments.run;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The numbers both progress reporters show: steps done, rate in steps per second over this session, and the
 * estimated time left ((total - done) / rate).
 */
final class ProgressMeter {

    private final LongSupplier nanoClock;
    private String phase = "";
    private String unit = "steps";
    private long total;
    private long startDone;
    private long startNanos;
    private long done;
    private double loss = Double.NaN;

    ProgressMeter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    void start(String phase, long total, long done, String unit) {
        this.phase = phase;
        this.unit = unit;
        this.total = total;
        this.startDone = done;
        this.done = done;
        this.startNanos = nanoClock.getAsLong();
        this.loss = Double.NaN;
    }

    void update(long done, double loss) {
        this.done = done;
        this.loss = loss;
    }

    long total() {
        return total;
    }

    long done() {
        return done;
    }

    double seconds() {
        return (nanoClock.getAsLong() - startNanos) / 1e9;
    }

    /** Steps per second since {@link #start}, or NaN before the first step. */
    double rate() {
        double s = seconds();
        return s > 0 && done > startDone ? (done - startDone) / s : Double.NaN;
    }

    /**
     * E.g. {@code train 120/1000 steps (12%) loss 0.1234 45.2 steps/s ETA 0:19}; a rate below one per second is
     * shown as seconds per unit ({@code 4.2 s per method}); the estimated time left is left out once all is done.
     */
    String line() {
        StringBuilder sb = new StringBuilder(phase).append(' ').append(done).append('/').append(total).append(' ').append(unit);
        if (total > 0) {
            sb.append(String.format(Locale.ROOT, " (%d%%)", 100 * done / total));
        }
        if (!Double.isNaN(loss)) {
            sb.append(String.format(Locale.ROOT, " loss %.4g", loss));
        }
        double rate = rate();
        if (!Double.isNaN(rate)) {
            sb.append(rate >= 1 ? String.format(Locale.ROOT, " %.1f %s/s", rate, unit)
                    : String.format(Locale.ROOT, " %.1f s per %s", 1 / rate, singular(unit)));
            if (done < total) {
                sb.append(" ETA ").append(duration((total - done) / rate));
            }
        }
        return sb.toString();
    }

    /** "methods" to "method": the unit of one. */
    private static String singular(String unit) {
        return unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
    }

    /** h:mm:ss or m:ss. */
    static String duration(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}
