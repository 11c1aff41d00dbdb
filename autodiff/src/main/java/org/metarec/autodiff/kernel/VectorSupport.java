package org.metarec.autodiff.kernel;

/**
 * Whether the matrix products run on the SIMD kernel ({@link VectorMatMul}) or the scalar one.
 *
 * <p>The SIMD kernel needs the incubating module {@code jdk.incubator.vector}, which a JVM only loads
 * when started with {@code --add-modules jdk.incubator.vector}; {@code bin/metarec}, the build's tests
 * and the benchmarks pass that flag. Without it, or with {@code -Dmetarec.simd=false}, the scalar kernel
 * runs. Both give bit-identical results; only the speed differs.
 */
public final class VectorSupport {

    private static final boolean ENABLED = detect();

    private VectorSupport() {}

    /** True when matrix products use SIMD instructions through the Vector API. */
    public static boolean enabled() {
        return ENABLED;
    }

    /** One line for logs and benchmark output, e.g. {@code "SIMD (Vector API, 8 doubles per vector)"}. */
    public static String describe() {
        if (ENABLED) {
            return "SIMD (Vector API, " + VectorMatMul.lanes() + " doubles per vector)";
        }
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        return present ? "scalar (SIMD switched off by -Dmetarec.simd=false)"
                : "scalar (start the JVM with --add-modules jdk.incubator.vector for SIMD)";
    }

    private static boolean detect() {
        if ("false".equalsIgnoreCase(System.getProperty("metarec.simd"))) {
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            // A product small enough for the scalar check below, large enough to use a vector.
            int lanes = VectorMatMul.lanes();
            double[] a = {2.0};
            double[] b = new double[lanes];
            double[] c = new double[lanes];
            for (int j = 0; j < lanes; j++) {
                b[j] = j + 0.5;
            }
            VectorMatMul.product(a, 1, 1, b, c, 1, 1, lanes);
            for (int j = 0; j < lanes; j++) {
                if (c[j] != 2.0 * b[j]) {
                    return false;
                }
            }
            return true;
        } catch (LinkageError | RuntimeException e) {
            return false;           // the module is there but unusable here: fall back, do not fail
        }
    }
}
