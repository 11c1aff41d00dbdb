package org.metarec.autodiff.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD half of {@link MatMul}: the same products with the JDK's incubating Vector API, used when
 * the JVM was started with {@code --add-modules jdk.incubator.vector} ({@code bin/metarec} does this).
 *
 * <p>The lanes of a vector are neighbouring <em>columns</em> of the result, never neighbouring terms of
 * one sum: each lane accumulates {@code A(i,p) * B(p,j)} for increasing {@code p} from 0, with a
 * separate multiply and add (no fused multiply-add). Every element is therefore rounded exactly as in
 * the scalar kernel and the textbook triple loop, and results are bit-identical whichever kernel runs.
 *
 * <p>The block is 4 rows by 2 vectors (16 columns with 512-bit vectors, 8 with 256-bit ones): 8
 * accumulators, each element of {@code B} loaded once per 4 rows; the rows left over go 2 and 1 at a
 * time. Columns left over after the last full vector go to the scalar kernel.
 *
 * <p>Only {@link MatMul} and {@link VectorSupport} refer to this class, {@code MatMul} only after
 * checking {@link VectorSupport#enabled()}: without the module, loading it would fail.
 */
final class VectorMatMul {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorMatMul() {}

    /** The number of doubles per vector on this machine (8 with AVX-512, 4 with AVX2). */
    static int lanes() {
        return LANES;
    }

    /**
     * Columns {@code [0, n - n % LANES)} of {@code c = A B} for a row-major KxN {@code b}, where
     * {@code A(i,p) = a[i ai + p ap]}; returns the first column it did not compute.
     */
    static int product(double[] a, int ai, int ap, double[] b, double[] c, int m, int k, int n) {
        int vectorColumns = n - n % LANES;
        if (vectorColumns == 0) {
            return 0;
        }
        int i = 0;
        for (; i + 3 < m; i += 4) {
            fourRows(a, i, ai, ap, b, c, k, n, vectorColumns);
        }
        if (i + 1 < m) {
            twoRows(a, i, ai, ap, b, c, k, n, vectorColumns);
            i += 2;
        }
        if (i < m) {
            oneRow(a, i * ai, ap, b, c, i * n, k, n, vectorColumns);
        }
        return vectorColumns;
    }

    private static void fourRows(double[] a, int i, int ai, int ap, double[] b, double[] c,
                                 int k, int n, int vectorColumns) {
        int a0 = i * ai;
        int a1 = a0 + ai;
        int a2 = a1 + ai;
        int a3 = a2 + ai;
        int c0 = i * n;
        int j = 0;
        for (; j + 2 * LANES <= vectorColumns; j += 2 * LANES) {
            DoubleVector s0 = DoubleVector.zero(SPECIES);
            DoubleVector s1 = s0, s2 = s0, s3 = s0, u0 = s0, u1 = s0, u2 = s0, u3 = s0;
            for (int p = 0, q = j; p < k; p++, q += n) {
                DoubleVector left = DoubleVector.fromArray(SPECIES, b, q);
                DoubleVector right = DoubleVector.fromArray(SPECIES, b, q + LANES);
                int o = p * ap;
                double x0 = a[a0 + o], x1 = a[a1 + o], x2 = a[a2 + o], x3 = a[a3 + o];
                s0 = s0.add(left.mul(x0));
                s1 = s1.add(left.mul(x1));
                s2 = s2.add(left.mul(x2));
                s3 = s3.add(left.mul(x3));
                u0 = u0.add(right.mul(x0));
                u1 = u1.add(right.mul(x1));
                u2 = u2.add(right.mul(x2));
                u3 = u3.add(right.mul(x3));
            }
            s0.intoArray(c, c0 + j);
            s1.intoArray(c, c0 + n + j);
            s2.intoArray(c, c0 + 2 * n + j);
            s3.intoArray(c, c0 + 3 * n + j);
            u0.intoArray(c, c0 + j + LANES);
            u1.intoArray(c, c0 + n + j + LANES);
            u2.intoArray(c, c0 + 2 * n + j + LANES);
            u3.intoArray(c, c0 + 3 * n + j + LANES);
        }
        if (j < vectorColumns) {           // one vector of columns is left
            DoubleVector s0 = DoubleVector.zero(SPECIES);
            DoubleVector s1 = s0, s2 = s0, s3 = s0;
            for (int p = 0, q = j; p < k; p++, q += n) {
                DoubleVector v = DoubleVector.fromArray(SPECIES, b, q);
                int o = p * ap;
                s0 = s0.add(v.mul(a[a0 + o]));
                s1 = s1.add(v.mul(a[a1 + o]));
                s2 = s2.add(v.mul(a[a2 + o]));
                s3 = s3.add(v.mul(a[a3 + o]));
            }
            s0.intoArray(c, c0 + j);
            s1.intoArray(c, c0 + n + j);
            s2.intoArray(c, c0 + 2 * n + j);
            s3.intoArray(c, c0 + 3 * n + j);
        }
    }

    /** Two rows left over after the blocks of four (M = 10 is common: 4 + 4 + 2). */
    private static void twoRows(double[] a, int i, int ai, int ap, double[] b, double[] c,
                                int k, int n, int vectorColumns) {
        int a0 = i * ai;
        int a1 = a0 + ai;
        int c0 = i * n;
        int j = 0;
        for (; j + 2 * LANES <= vectorColumns; j += 2 * LANES) {
            DoubleVector s0 = DoubleVector.zero(SPECIES);
            DoubleVector s1 = s0, u0 = s0, u1 = s0;
            for (int p = 0, q = j; p < k; p++, q += n) {
                DoubleVector left = DoubleVector.fromArray(SPECIES, b, q);
                DoubleVector right = DoubleVector.fromArray(SPECIES, b, q + LANES);
                int o = p * ap;
                double x0 = a[a0 + o], x1 = a[a1 + o];
                s0 = s0.add(left.mul(x0));
                s1 = s1.add(left.mul(x1));
                u0 = u0.add(right.mul(x0));
                u1 = u1.add(right.mul(x1));
            }
            s0.intoArray(c, c0 + j);
            s1.intoArray(c, c0 + n + j);
            u0.intoArray(c, c0 + j + LANES);
            u1.intoArray(c, c0 + n + j + LANES);
        }
        if (j < vectorColumns) {
            DoubleVector s0 = DoubleVector.zero(SPECIES);
            DoubleVector s1 = s0;
            for (int p = 0, q = j; p < k; p++, q += n) {
                DoubleVector v = DoubleVector.fromArray(SPECIES, b, q);
                int o = p * ap;
                s0 = s0.add(v.mul(a[a0 + o]));
                s1 = s1.add(v.mul(a[a1 + o]));
            }
            s0.intoArray(c, c0 + j);
            s1.intoArray(c, c0 + n + j);
        }
    }

    private static void oneRow(double[] a, int a0, int ap, double[] b, double[] c, int c0,
                               int k, int n, int vectorColumns) {
        int j = 0;
        for (; j + 2 * LANES <= vectorColumns; j += 2 * LANES) {
            DoubleVector s = DoubleVector.zero(SPECIES);
            DoubleVector u = s;
            for (int p = 0, q = j; p < k; p++, q += n) {
                double x = a[a0 + p * ap];
                s = s.add(DoubleVector.fromArray(SPECIES, b, q).mul(x));
                u = u.add(DoubleVector.fromArray(SPECIES, b, q + LANES).mul(x));
            }
            s.intoArray(c, c0 + j);
            u.intoArray(c, c0 + j + LANES);
        }
        if (j < vectorColumns) {
            DoubleVector s = DoubleVector.zero(SPECIES);
            for (int p = 0, q = j; p < k; p++, q += n) {
                s = s.add(DoubleVector.fromArray(SPECIES, b, q).mul(a[a0 + p * ap]));
            }
            s.intoArray(c, c0 + j);
        }
    }
}
