package org.metarec.experiments.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.core.random.Rng;

/** Checkpoint round trips, the documented layout, and detection of damaged files. */
class CheckpointCodecTest {

    @TempDir
    Path dir;

    private static Checkpoint sample() {
        Rng rng = Rng.seeded(42);
        rng.nextGaussian(); // leaves a cached spare Gaussian in the state
        return Checkpoint.at(1234)
                .put("w", new Checkpoint.Array(new int[] {2, 3}, new double[] {1, -0.0, Double.NaN, Double.MIN_VALUE, Double.MAX_VALUE, 0.1}))
                .put("scalar", new Checkpoint.Array(new int[0], new double[] {3.5}))
                .put("empty", new Checkpoint.Array(new int[] {0, 4}, new double[0]))
                .put("rng", rng.state())
                .put("phase", "meta-train")
                .put("ünïcode ✓", "värde")
                .build();
    }

    @Test
    void roundTripIsExact() throws Exception {
        Checkpoint c = sample();
        Path f = dir.resolve("c.ckpt");
        CheckpointCodec.write(f, c);
        Checkpoint back = CheckpointCodec.read(f);
        assertEquals(c, back);
        assertEquals(1234, back.step());
        assertArrayEquals(new int[] {2, 3}, back.array("w").shape());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.doubles("w")[1]));
        // The restored generator continues exactly where the saved one was.
        Rng original = Rng.seeded(42);
        original.nextGaussian();
        Rng restored = Rng.restore(back.longArray("rng"));
        for (int i = 0; i < 5; i++) {
            assertEquals(original.nextGaussian(), restored.nextGaussian());
        }
        assertArrayEquals(CheckpointCodec.encode(c), Files.readAllBytes(f), "same state, same bytes");
    }

    @Test
    void layoutIsAsDocumented() {
        // docs/checkpoints.md: 8 magic + 4 version + 8 length + body + 32 checksum; an empty body is 8 + 3 * 4 = 20 bytes.
        byte[] empty = CheckpointCodec.encode(Checkpoint.at(7).build());
        assertEquals(72, empty.length);
        ByteBuffer b = ByteBuffer.wrap(empty);
        byte[] magic = new byte[8];
        b.get(magic);
        assertArrayEquals(new byte[] {0x4D, 0x52, 0x43, 0x4B, 0x50, 0x54, 0x0D, 0x0A}, magic);
        assertEquals(1, b.getInt());
        assertEquals(20, b.getLong());
        assertEquals(7, b.getLong());
        assertEquals(0, b.getInt());
        assertEquals(0, b.getInt());
        assertEquals(0, b.getInt());
        // One string entry "a" -> "bc": 4 + 1 + 4 + 2 = 11 more body bytes.
        assertEquals(72 + 11, CheckpointCodec.encode(Checkpoint.at(7).put("a", "bc").build()).length);
        // One tensor "t" of shape [3]: 4 + 1 (name) + 4 (rank) + 4 (dim) + 3 * 8 (values) = 37 more body bytes.
        assertEquals(72 + 37, CheckpointCodec.encode(Checkpoint.at(7).put("t", new double[3]).build()).length);
    }

    @Test
    void everyFlippedBodyByteIsDetected() {
        byte[] good = CheckpointCodec.encode(sample());
        for (int i = 20; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointCodec.decode(bad, "c.ckpt"), "byte " + i);
            assertEquals("c.ckpt: checksum mismatch: the file is corrupt (expected the SHA-256 of the body, found different bytes)",
                    e.getMessage(), "byte " + i);
        }
    }

    @Test
    void truncatedFileIsDetected() {
        byte[] good = CheckpointCodec.encode(sample());
        byte[] cut = Arrays.copyOf(good, good.length - 10);
        int body = good.length - 52;
        assertEquals("c.ckpt: truncated or padded: expected " + good.length + " bytes (body of " + body + "), found " + cut.length,
                assertThrows(CheckpointException.class, () -> CheckpointCodec.decode(cut, "c.ckpt")).getMessage());
        assertEquals("c.ckpt: truncated: expected a 20-byte header, found 12 bytes",
                assertThrows(CheckpointException.class, () -> CheckpointCodec.decode(Arrays.copyOf(good, 12), "c.ckpt")).getMessage());
        assertEquals("c.ckpt: expected a metarec checkpoint (magic MRCKPT\\r\\n), found a file of 0 bytes",
                assertThrows(CheckpointException.class, () -> CheckpointCodec.decode(new byte[0], "c.ckpt")).getMessage());
    }

    @Test
    void wrongMagicAndVersionAreDetected() {
        byte[] good = CheckpointCodec.encode(sample());
        byte[] text = good.clone();
        text[6] = '\n'; // a CR LF -> LF conversion shifts this byte
        assertEquals("c.ckpt: expected a metarec checkpoint (magic MRCKPT\\r\\n), found other content",
                assertThrows(CheckpointException.class, () -> CheckpointCodec.decode(text, "c.ckpt")).getMessage());
        byte[] future = good.clone();
        future[11] = 2;
        assertEquals("c.ckpt: expected checkpoint format version 1, found 2",
                assertThrows(CheckpointException.class, () -> CheckpointCodec.decode(future, "c.ckpt")).getMessage());
    }

    @Test
    void arrayShapeMustMatchItsValues() {
        assertEquals("shape [2, 3] holds 6 values, found 5",
                assertThrows(IllegalArgumentException.class, () -> new Checkpoint.Array(new int[] {2, 3}, new double[5])).getMessage());
    }

    @Test
    void missingEntriesAreNamed() {
        Checkpoint c = Checkpoint.at(1).put("w", new double[1]).build();
        assertEquals("checkpoint has no tensor named 'v'; it has [w]",
                assertThrows(IllegalArgumentException.class, () -> c.array("v")).getMessage());
    }
}
