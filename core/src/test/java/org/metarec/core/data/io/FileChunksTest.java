package org.metarec.core.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.core.random.Rng;

/**
 * {@link FileChunks#split} cuts only at line starts, and the chunks read by {@link LineReader#openRange} give,
 * in order, the lines of the whole file (CRLF, blank lines, a byte order mark, a last line without newline);
 * {@link FileChunks#run} reports the failure of the lowest-numbered chunk.
 */
class FileChunksTest {

    @TempDir
    Path dir;

    private static List<String> lines(LineReader in) throws IOException {
        List<String> out = new ArrayList<>();
        while (in.next()) {
            out.add(in.text(StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void chunksCutAtLineStartsAndTogetherReadTheWholeFile() throws IOException {
        Rng rng = Rng.seeded(21);
        for (int trial = 0; trial < 200; trial++) {
            StringBuilder sb = new StringBuilder(rng.nextInt(4) == 0 ? "\uFEFF" : "");
            int n = rng.nextInt(30);
            for (int i = 0; i < n; i++) {
                sb.append("x".repeat(rng.nextInt(rng.nextInt(10) == 0 ? 300 : 12)));
                if (i < n - 1 || rng.nextBoolean()) {
                    sb.append(rng.nextBoolean() ? "\n" : "\r\n");
                }
            }
            Path file = dir.resolve("f" + trial + ".txt");
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            Files.write(file, bytes);
            List<String> whole;
            try (LineReader in = LineReader.open(file, "f", false)) {
                whole = lines(in);
            }
            int parts = 1 + rng.nextInt(12);
            long[] b = FileChunks.split(file, parts, 1 + rng.nextInt(3) * rng.nextInt(40));
            String at = "trial " + trial + ", " + parts + " parts of " + bytes.length + " bytes";
            assertEquals(0, b[0], at);
            assertEquals(bytes.length, b[b.length - 1], at);
            assertTrue(b.length - 1 <= parts, at);
            List<String> joined = new ArrayList<>();
            for (int k = 0; k + 1 < b.length; k++) {
                assertTrue(b[k] <= b[k + 1], at);
                assertTrue(k == 0 || b[k] == bytes.length || bytes[(int) b[k] - 1] == '\n', at + ": bound " + b[k]);
                try (LineReader in = LineReader.openRange(file, "f", b[k], b[k + 1])) {
                    joined.addAll(lines(in));
                }
            }
            assertEquals(whole, joined, at);
        }
    }

    @Test
    void aSmallFileIsOneChunk() throws IOException {
        Path file = dir.resolve("small.txt");
        Files.writeString(file, "a\nb\nc\n");
        assertArrayEquals(new long[] {0, 6}, FileChunks.split(file, 4, 1 << 20));
        assertArrayEquals(new long[] {0, 2, 4, 6}, FileChunks.split(file, 3, 1));
        Files.writeString(file, "");
        assertArrayEquals(new long[] {0, 0}, FileChunks.split(file, 4, 1));
    }

    @Test
    void aCutInsideALineLongerThanTheSearchBlockMovesPastItsEnd() throws IOException {
        // The line start after a cut is searched for 64 KiB at a time: here the middle falls 125 000 bytes before
        // the end of a 250 000-byte line, and in the last line, which has no newline after it.
        Path file = dir.resolve("long.txt");
        String longLine = "x".repeat(250_000);
        Files.writeString(file, "a\n" + longLine + "\nb\n");
        long afterLong = 2 + longLine.length() + 1;
        assertArrayEquals(new long[] {0, afterLong, afterLong + 2}, FileChunks.split(file, 2, 1));
        Files.writeString(file, "a\n" + longLine);
        assertArrayEquals(new long[] {0, 2 + longLine.length(), 2 + longLine.length()},
                FileChunks.split(file, 2, 1));
    }

    @Test
    void theLowestFailedChunkIsReportedAndLaterChunksMayStop() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FileChunks.run(6, (k, failures) -> {
            if (k == 2 || k == 4) {
                throw new IllegalStateException("chunk " + k);
            }
            if (k == 5) {
                // Waits until a chunk before it has failed: the signal reaches the chunks after a failure.
                while (!failures.before(5)) {
                    Thread.onSpinWait();
                }
            }
            return k;
        }));
        assertEquals("chunk 2", e.getMessage());
        assertEquals(List.of(0, 1, 2), assertDoesNotThrow(() -> FileChunks.run(3, (k, failures) -> k)));
    }
}
