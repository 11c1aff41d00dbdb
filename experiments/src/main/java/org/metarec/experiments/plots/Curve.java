package org.metarec.experiments.plots;

import java.util.Objects;

/**
 * One line of a chart, optionally with symmetric error bars (e.g. 95% CI half-widths).
 *
 * @param label  legend text
 * @param x      x values
 * @param y      y values, same length
 * @param errors half-widths of the error bars, same length, or null for none
 */
public record Curve(String label, double[] x, double[] y, double[] errors) {

    /** Copies the arrays; requires equal lengths and at least one point. */
    public Curve {
        Objects.requireNonNull(label, "label");
        x = x.clone();
        y = y.clone();
        errors = errors == null ? null : errors.clone();
        if (x.length != y.length || (errors != null && errors.length != x.length) || x.length == 0) {
            throw new IllegalArgumentException("curve " + label + ": expected x, y (and errors) of one equal, non-zero length");
        }
    }

    /** A copy of the x values. */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** A copy of the y values. */
    @Override
    public double[] y() {
        return y.clone();
    }

    /** A copy of the error half-widths, or null. */
    @Override
    public double[] errors() {
        return errors == null ? null : errors.clone();
    }
}
