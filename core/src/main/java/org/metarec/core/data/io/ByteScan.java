package org.metarec.core.data.io;

/**
 * The two byte searches the line readers spend most of their time in: the next line end, and the next byte that
 * stops a JSON string (its closing quote, a backslash or a control character). With the incubating module
 * {@code jdk.incubator.vector} present (bin/jvm.options adds it), they compare a whole vector of bytes at a time
 * ({@link VectorByteScan}); without it, or with {@code -Dmetarec.simd=false}, one byte at a time. Both give the
 * same index; only the speed differs (docs/benchmarks.md, "Amazon review files").
 */
final class ByteScan {

    private static final boolean VECTOR = detect();

    private ByteScan() {
    }

    /** Whether the searches use the Vector API. */
    static boolean vectorized() {
        return VECTOR;
    }

    /** The first index in {@code [from, to)} holding {@code b}, or {@code to} if there is none. */
    static int indexOf(byte[] buf, int from, int to, byte b) {
        return VECTOR ? VectorByteScan.indexOf(buf, from, to, b) : scalarIndexOf(buf, from, to, b);
    }

    /**
     * The first index in {@code [from, to)} holding a byte that ends the plain run of a JSON string: {@code "},
     * {@code \} or a control character (below 0x20, which RFC 8259 forbids unescaped); {@code to} if there is none.
     */
    static int stringStop(byte[] buf, int from, int to) {
        return VECTOR ? VectorByteScan.stringStop(buf, from, to) : scalarStringStop(buf, from, to);
    }

    static int scalarIndexOf(byte[] buf, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return to;
    }

    static int scalarStringStop(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (stopsString(buf[i])) {
                return i;
            }
        }
        return to;
    }

    static boolean stopsString(byte b) {
        return b == '"' || b == '\\' || (b & 0xFF) < 0x20;
    }

    private static boolean detect() {
        if ("false".equalsIgnoreCase(System.getProperty("metarec.simd"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            byte[] probe = new byte[200];
            probe[150] = '\n';
            probe[170] = '"';
            return VectorByteScan.indexOf(probe, 0, probe.length, (byte) '\n') == 150
                    && VectorByteScan.stringStop(probe, 0, probe.length) == 0
                    && VectorByteScan.stringStop(probe, 151, probe.length) == 151;
        } catch (LinkageError | RuntimeException e) {
            return false; // the module is there but unusable here: search byte by byte, do not fail
        }
    }
}
