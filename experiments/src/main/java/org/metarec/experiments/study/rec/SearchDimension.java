package org.metarec.experiments.study.rec;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import org.metarec.core.random.Rng;

/**
 * One axis of a search space: a range {@code [min, max]} drawn uniformly (on a log scale with {@code log}, as
 * Bergstra and Bengio 2012 recommend for rates and penalties), or a list of choices drawn with equal
 * probability. Whole-number settings draw whole numbers (on a log scale: {@code floor(exp(U(ln min, ln(max + 1))))},
 * so each order of magnitude is equally likely). Real draws are rounded to three significant digits (towards
 * the inside of the range at its ends), which keeps {@code tuning.csv} readable; the value recorded there is
 * the value trained with.
 *
 * @param tunable the setting drawn
 * @param min the lower end (null with choices)
 * @param max the upper end (null with choices)
 * @param log whether the range is drawn on a log scale (requires {@code min > 0})
 * @param choices the values to choose among, or empty for a range
 */
public record SearchDimension(Tunable tunable, Double min, Double max, boolean log, List<Double> choices) {

    /** Validates: a range or choices, ordered bounds, positive bounds on a log scale, whole numbers for counts. */
    public SearchDimension {
        choices = List.copyOf(choices);
        String where = "tuning space " + tunable + ": expected ";
        if (choices.isEmpty() == (min == null || max == null) || (!choices.isEmpty() && (min != null || max != null))) {
            throw new IllegalArgumentException(where + "either min and max or choices, found min " + min + ", max " + max
                    + ", choices " + choices);
        }
        if (min != null && !(min <= max)) {
            throw new IllegalArgumentException(where + "min <= max, found " + min + " > " + max);
        }
        if (log && (min == null || !(min > 0))) {
            throw new IllegalArgumentException(where + "a range with min > 0 on a log scale, found min " + min);
        }
        if (tunable.integer()) {
            for (Double v : min == null ? choices : List.of(min, max)) {
                if (v != Math.rint(v)) {
                    throw new IllegalArgumentException(where + "whole numbers (" + tunable + " counts steps), found " + v);
                }
            }
        }
    }

    /**
     * Draws a value; all randomness from {@code rng}, which advances.
     *
     * @param rng the stream
     * @return the value
     */
    public double sample(Rng rng) {
        if (!choices.isEmpty()) {
            return choices.get(rng.nextInt(choices.size()));
        }
        if (tunable.integer()) {
            long lo = Math.round(min);
            long hi = Math.round(max);
            if (!log) {
                return lo + rng.nextLong(hi - lo + 1);
            }
            double x = Math.floor(Math.exp(uniform(rng, Math.log(lo), Math.log(hi + 1.0))));
            return Math.max(lo, Math.min(hi, x));
        }
        double x = log ? Math.exp(uniform(rng, Math.log(min), Math.log(max))) : uniform(rng, min, max);
        double rounded = round(x, RoundingMode.HALF_EVEN);
        // Near an end, round towards the inside; a range too narrow for three digits keeps the draw as it is.
        if (rounded > max) {
            rounded = round(x, RoundingMode.FLOOR);
        } else if (rounded < min) {
            rounded = round(x, RoundingMode.CEILING);
        }
        return rounded >= min && rounded <= max ? rounded : x;
    }

    private static double round(double x, RoundingMode mode) {
        return new BigDecimal(x).round(new MathContext(3, mode)).doubleValue();
    }

    private static double uniform(Rng rng, double lo, double hi) {
        return lo < hi ? rng.uniform(lo, hi) : lo;
    }
}
