package org.metarec.experiments.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.experiments.TestFiles;

/** The same config gives byte-identical results for any number of threads and on every run. */
class DeterminismTest {

    @TempDir
    Path tmp;

    @Test
    void resultsAreByteIdenticalAcrossThreadCounts() {
        Path config = TestFiles.write(tmp, "toy.yaml", TestFiles.FAST_TOY + "toy:\n  dim: 3\n");
        String[] sets = {"--set", "evaluation.test_tasks=32"};
        Path one = tmp.resolve("one");
        Path two = tmp.resolve("two");
        Path again = tmp.resolve("again");
        assertEquals(0, TestFiles.cli(cat(new String[] {"run", config.toString(), "--out", one.toString(), "--threads", "1", "--no-plots"}, sets)).code());
        assertEquals(0, TestFiles.cli(cat(new String[] {"run", config.toString(), "--out", two.toString(), "--threads", "2", "--no-plots"}, sets)).code());
        assertEquals(0, TestFiles.cli(cat(new String[] {"run", config.toString(), "--out", again.toString(), "--threads", "2", "--no-plots"}, sets)).code());
        for (String file : List.of("summary.json", "train.csv", "tasks.csv", "summary.md", "config.resolved.yaml")) {
            assertArrayEquals(TestFiles.bytes(one.resolve(file)), TestFiles.bytes(two.resolve(file)), file + ": 1 vs 2 threads");
            assertArrayEquals(TestFiles.bytes(two.resolve(file)), TestFiles.bytes(again.resolve(file)), file + ": repeated run");
        }
    }

    @Test
    void aDifferentSeedGivesDifferentResults() {
        Path config = TestFiles.write(tmp, "toy.yaml", TestFiles.FAST_TOY);
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, TestFiles.cli("run", config.toString(), "--out", a.toString(), "--threads", "1", "--no-plots").code());
        assertEquals(0, TestFiles.cli("run", config.toString(), "--out", b.toString(), "--threads", "1", "--no-plots", "--set", "seed=12").code());
        assertNotEquals(TestFiles.read(a.resolve("train.csv")), TestFiles.read(b.resolve("train.csv")));
    }

    private static String[] cat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
