package org.metarec.experiments.checkpoint;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named array of doubles in a checkpoint: row-major values with a shape (e.g. {@code [40, 1]} for a weight matrix).
 *
 * @param shape  dimensions, each >= 0; the empty shape is a scalar
 * @param values {@code product(shape)} values in row-major order
 */
public record Tensor(int[] shape, double[] values) {

    /** Copies both arrays and requires {@code values.length == product(shape)}. */
    public Tensor {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(values, "values");
        shape = shape.clone();
        values = values.clone();
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + ": dimensions must be >= 0");
            }
            size *= d;
        }
        if (size != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
                    + " values, found " + values.length);
        }
    }

    /** A one-dimensional tensor holding {@code values}. */
    public static Tensor vector(double... values) {
        return new Tensor(new int[] {values.length}, values);
    }

    /** A copy of the shape. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** A copy of the values. */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** Equal when shapes are equal and values are bit-for-bit equal (so NaN equals NaN and 0.0 differs from -0.0). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Tensor t) || !Arrays.equals(shape, t.shape) || values.length != t.values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.doubleToRawLongBits(values[i]) != Double.doubleToRawLongBits(t.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    /** Shape and size, not the values. */
    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
