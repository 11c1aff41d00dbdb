package org.metarec.core.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.metarec.core.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineReaderTest {

    @TempDir
    Path dir;

    private List<String> lines(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        try (LineReader in = LineReader.open(file, file.getFileName().toString(), false)) {
            while (in.next()) {
                out.add(in.text(StandardCharsets.UTF_8));
                assertEquals(out.size(), in.lineNumber());
            }
        }
        return out;
    }

    @Test
    void linesAcrossBufferBoundariesMatchAPlainSplit() throws Exception {
        // Random line lengths up to 600 KB, so lines cross and exceed the 256 KB buffer.
        Rng rng = Rng.derive(12, "line-reader");
        StringBuilder sb = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int len = rng.nextInt(10) == 0 ? rng.nextInt(600_000) : rng.nextInt(100);
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < len; j++) {
                line.append((char) ('a' + rng.nextInt(26)));
            }
            expected.add(line.toString());
            sb.append(line).append(rng.nextBoolean() ? "\n" : "\r\n");
        }
        Path file = dir.resolve("big.txt");
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        Files.write(file, bytes);
        assertEquals(expected, lines(file), "seed 12");
        try (LineReader in = LineReader.open(file, "big.txt", true)) {
            in.next();
            // The hash covers the whole file even when not every line was read.
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), in.sha256Hex());
        }
    }

    @Test
    void lastLineWithoutNewlineAndEmptyFile() throws IOException {
        Path file = dir.resolve("a.txt");
        Files.writeString(file, "x\n\ny");
        assertEquals(List.of("x", "", "y"), lines(file));
        Files.writeString(file, "");
        assertEquals(List.of(), lines(file));
    }

    @Test
    void fieldsAndParsers() throws IOException {
        Path file = dir.resolve("f.txt");
        Files.writeString(file, " 42 |-7|x1|99999999999|2.5e1|5d\n");
        try (LineReader in = LineReader.open(file, "f.txt", false)) {
            assertTrue(in.next());
            Fields f = new Fields();
            assertEquals(6, f.split(in, new byte[] {'|'}));
            assertEquals(42, f.parseInt(0, "a"));
            assertEquals(-7, f.parseInt(1, "b"));
            assertEquals("f.txt:1: expected c as an integer, found 'x1'",
                    assertThrows(MalformedDataException.class, () -> f.parseInt(2, "c")).getMessage());
            assertEquals(99999999999L, f.parseLong(3, "d"));
            assertEquals("f.txt:1: expected d as a 32-bit integer, found '99999999999'",
                    assertThrows(MalformedDataException.class, () -> f.parseInt(3, "d")).getMessage());
            assertEquals(25.0, f.parseDouble(4, "e"));
            assertEquals("f.txt:1: expected g as a finite number, found '5d'",
                    assertThrows(MalformedDataException.class, () -> f.parseDouble(5, "g")).getMessage());
            assertFalse(in.next());
        }
    }

    @Test
    void emptyFieldsAreKept() throws IOException {
        Path file = dir.resolve("e.txt");
        Files.writeString(file, "a::::b::\n");
        try (LineReader in = LineReader.open(file, "e.txt", false)) {
            in.next();
            Fields f = new Fields();
            assertEquals(4, f.split(in, new byte[] {':', ':'}));
            assertEquals("a", f.text(0));
            assertTrue(f.isEmpty(1));
            assertEquals("b", f.text(2));
            assertTrue(f.isEmpty(3));
        }
    }
}
