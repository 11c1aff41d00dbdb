package org.metarec.core.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.metarec.core.random.Rng;

/**
 * The vector searches of {@link ByteScan} against the byte-by-byte ones on seeded random buffers: every length
 * around the vector width, ranges ending before the array does (the vector loads look past them) and at its end,
 * and bytes above 0x7F, which are no control characters although negative as Java bytes.
 */
class ByteScanTest {

    private static final byte[] ALPHABET = {'a', ' ', '"', '\\', '\n', '\t', 0x1F, 0x20, 0x7F, (byte) 0x80,
        (byte) 0xC3, (byte) 0xFF, '{', 0};

    @Test
    void theTestsRunTheVectorSearches() {
        assertTrue(ByteScan.vectorized(), "the tests run with --add-modules jdk.incubator.vector (bin/jvm.options)");
    }

    @Test
    void vectorAndScalarSearchesAgree() {
        Rng rng = Rng.seeded(3);
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] buf = new byte[1 + rng.nextInt(300)];
            // Mostly plain text with a rare stop byte, so that matches fall anywhere, including past one vector.
            int rare = 1 + rng.nextInt(200);
            for (int i = 0; i < buf.length; i++) {
                buf[i] = rng.nextInt(rare) == 0 ? ALPHABET[rng.nextInt(ALPHABET.length)]
                        : (byte) ('a' + rng.nextInt(26));
            }
            int from = rng.nextInt(buf.length + 1);
            int to = rng.nextInt(3) == 0 ? buf.length : from + rng.nextInt(buf.length - from + 1);
            String at = "trial " + trial + ", range [" + from + ", " + to + ") of " + buf.length;
            assertEquals(ByteScan.scalarIndexOf(buf, from, to, (byte) '\n'),
                    VectorByteScan.indexOf(buf, from, to, (byte) '\n'), at);
            assertEquals(ByteScan.scalarStringStop(buf, from, to), VectorByteScan.stringStop(buf, from, to), at);
        }
    }

    @Test
    void stopBytesAreQuoteBackslashAndControlCharacters() {
        for (int b = 0; b < 256; b++) {
            boolean stops = b == '"' || b == '\\' || b < 0x20;
            byte[] buf = new byte[100];
            buf[70] = (byte) b;
            java.util.Arrays.fill(buf, 0, 70, (byte) 'x');
            assertEquals(stops ? 70 : 71, VectorByteScan.stringStop(buf, 0, 71), "byte " + b);
            assertEquals(stops ? 70 : 71, ByteScan.scalarStringStop(buf, 0, 71), "byte " + b);
        }
    }
}
