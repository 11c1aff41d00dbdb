package org.metarec.experiments.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes: a failure in the middle of writing leaves the old file and no temporary file. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replacesTheFileWhole() throws IOException {
        Path f = dir.resolve("a.txt");
        AtomicFiles.writeString(f, "old content");
        AtomicFiles.writeString(f, "new");
        assertEquals("new", Files.readString(f));
        assertEquals(List.of("a.txt"), names());
    }

    @Test
    void failureMidWriteKeepsTheOldFileIntact() throws IOException {
        Path f = dir.resolve("summary.json");
        AtomicFiles.writeString(f, "{\"old\": true}\n");
        IOException boom = new IOException("disk full (simulated)");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("{\"new\": ".getBytes(StandardCharsets.UTF_8));
            throw boom;
        }));
        assertSame(boom, thrown);
        assertEquals("{\"old\": true}\n", Files.readString(f));
        assertEquals(List.of("summary.json"), names(), "no temporary file may be left behind");
    }

    @Test
    void failureBeforeTheFirstWriteLeavesNoFile() throws IOException {
        Path f = dir.resolve("new.json");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, out -> {
            throw new IllegalStateException("simulated");
        }));
        assertEquals(List.of(), names());
    }

    @Test
    void streamedTextIsUtf8AndAFailureAfterManyLinesKeepsTheOldFile() throws IOException {
        Path f = dir.resolve("tasks.csv");
        AtomicFiles.writeText(f, out -> {
            for (int i = 0; i < 100_000; i++) {   // more than the writer's buffer, so the file is written in pieces
                out.write("row " + i + ", é\n");
            }
        });
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        assertEquals(100_000, lines.size());
        assertEquals("row 99999, é", lines.get(99_999));
        IOException boom = new IOException("disk full (simulated)");
        assertSame(boom, assertThrows(IOException.class, () -> AtomicFiles.writeText(f, out -> {
            for (int i = 0; i < 100_000; i++) {
                out.write("new " + i + "\n");
            }
            throw boom;
        })));
        assertEquals(100_000, Files.readAllLines(f, StandardCharsets.UTF_8).size(), "the old file must stay whole");
        assertEquals(List.of("tasks.csv"), names(), "no temporary file may be left behind");
    }

    @Test
    void createsMissingFolders() throws IOException {
        Path f = dir.resolve("x/y/z.bin");
        AtomicFiles.writeBytes(f, new byte[] {1, 2, 3});
        assertEquals(3, Files.size(f));
    }
}
