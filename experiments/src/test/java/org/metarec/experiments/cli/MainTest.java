package org.metarec.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.autodiff.kernel.VectorSupport;
import org.metarec.experiments.ExperimentKinds;
import org.metarec.experiments.ProjectVersion;
import org.metarec.experiments.TestFiles;
import org.metarec.experiments.TestFiles.CliResult;
import org.metarec.experiments.config.ConfigDocs;

/** The command line: help, version, exit codes and error output. */
class MainTest {

    private static final List<String> COMMANDS = List.of("run", "resume", "sweep", "report", "validate", "data", "config-docs", "metagrad", "bench");

    @TempDir
    Path tmp;

    @Test
    void versionComesFromTheBuild() {
        CliResult r = TestFiles.cli("--version");
        assertEquals(0, r.code());
        assertEquals("metarec " + ProjectVersion.get() + "\nmatrix kernel: " + VectorSupport.describe() + "\n",
                r.out().replace(System.lineSeparator(), "\n"));
        assertTrue(ProjectVersion.get().matches("\\d+\\.\\d+\\.\\d+.*"), ProjectVersion.get());
    }

    @Test
    void helpListsEveryCommandAndEachCommandHasHelp() {
        CliResult r = TestFiles.cli("--help");
        assertEquals(0, r.code());
        for (String c : COMMANDS) {
            assertTrue(r.out().contains("  " + c + " "), c + " missing from:\n" + r.out());
            CliResult h = TestFiles.cli(c, "--help");
            assertEquals(0, h.code(), c);
            assertTrue(h.out().startsWith("Usage: metarec " + c), h.out());
        }
    }

    @Test
    void metagradOfAMissingFileIsAUsageError() {
        CliResult m = TestFiles.cli("metagrad", "no-such-case.json");
        assertEquals(2, m.code());
        assertTrue(m.err().startsWith("error: no-such-case.json: no such file"), m.err());
    }

    @Test
    void benchRejectsAnUnknownMethodClearly() {
        CliResult b = TestFiles.cli("bench", "sinusoid", "--method", "mamll", "--seconds", "0.1");
        assertEquals(2, b.code());
        assertTrue(b.err().startsWith("error: --method: expected one of maml, fomaml, reptile, mamlpp, imaml, found 'mamll'"),
                b.err());
    }

    @Test
    void benchTrainsMamlPlusPlusAndImplicitMaml() {
        for (String method : List.of("mamlpp", "imaml")) {
            CliResult b = TestFiles.cli("bench", "sinusoid", "--method", method, "--inner-steps", "2", "--seconds", "0.1",
                    "--warmup", "0");
            assertEquals(0, b.code(), b.err());
            String[] lines = b.out().strip().split("\\R");
            assertTrue(lines[0].contains("method " + method), lines[0]);
            assertTrue(lines[lines.length - 1].matches("meta-iterations/s: [0-9.]+"), b.out());
        }
    }

    @Test
    void benchMemoryPutsMamlAndImamlSideBySideForEachStepCount() {
        CliResult b = TestFiles.cli("bench", "memory", "--steps", "1,3");
        assertEquals(0, b.code(), b.err());
        String[] lines = b.out().strip().split("\\R");
        assertTrue(lines[0].startsWith("methods [maml, imaml] at inner lr 0.01"), lines[0]);
        java.util.List<String> rows = java.util.Arrays.stream(lines).filter(l -> l.matches("[13] +[0-9].*")).toList();
        java.util.List<String> peaks = java.util.Arrays.stream(lines)
                .filter(l -> l.matches(" +peak live heap of one task's meta-gradient: maml [0-9.]+ KiB, imaml [0-9.]+ KiB")).toList();
        assertEquals(2, rows.size(), b.out());
        assertEquals(2, peaks.size(), "one peak line per step count, after its row: " + b.out());
        CliResult bad = TestFiles.cli("bench", "memory", "--methods", "maml,mamll");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("error: --methods: expected names of"), bad.err());
    }

    @Test
    void benchComparesThreadCountsInOneRunWhenGivenSeveral() {
        CliResult b = TestFiles.cli("bench", "sinusoid", "--method", "fomaml", "--threads", "1,2", "--seconds", "0.4",
                "--warmup", "0.1", "--rounds", "2");
        assertEquals(0, b.code(), b.err());
        String[] lines = b.out().strip().split("\\R");
        assertTrue(lines[0].contains("threads 1,2"), lines[0]);
        assertTrue(lines[1].matches("threads 1: meta-iterations/s [0-9.]+ \\(median of 2 turns of 0\\.2 s; turns [0-9.]+, [0-9.]+\\)"),
                lines[1]);
        assertTrue(lines[2].startsWith("threads 2: meta-iterations/s "), lines[2]);
        assertTrue(lines[3].matches("  tasks run by the calling thread: [0-9.]+% \\(median of the turns; an even share is 50\\.0%, "
                + "and a thread on a slower core runs fewer\\)"), lines[3]);
        assertTrue(lines[4].matches("speed-up 1 -> 2 threads: [0-9.]+x \\(median of the turns' ratios; [0-9.]+, [0-9.]+\\)"),
                lines[4]);
        // Read against the cores' mean speed only where the machine has a core for each thread.
        boolean evened = Runtime.getRuntime().availableProcessors() >= 2;
        if (evened) {
            assertTrue(lines[5].matches("  the same, against cores of the mean speed: [0-9.]+x \\(each ratio times 2 x the "
                    + "calling thread's share; [0-9.]+, [0-9.]+\\)"), lines[5]);
        }
        assertTrue(lines[lines.length - 1].matches("meta-iterations/s: [0-9.]+"), lines[lines.length - 1]);
        assertEquals(evened ? 7 : 6, lines.length, b.out());
        CliResult bad = TestFiles.cli("bench", "sinusoid", "--method", "fomaml", "--threads", "1,0", "--seconds", "0.1");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("error: expected --threads >= 1"), bad.err());
    }

    @Test
    void configErrorsAreOneLineEachWithExitTwoAndNoStackTrace() {
        Path config = TestFiles.write(tmp, "bad.yaml", "name: t\nexperiment: toy\nseed: x\n");
        CliResult r = TestFiles.cli("validate", config.toString(), "--set", "optimizer.lr=0");
        assertEquals(2, r.code());
        assertEquals(config + ":3:7: seed: expected an integer, found 'x'\n"
                + "--set optimizer.lr=0: optimizer.lr: expected a number > 0, found 0\n"
                + "2 problems; nothing was run.\n", r.err().replace(System.lineSeparator(), "\n"));
        CliResult verbose = TestFiles.cli("validate", config.toString(), "--verbose");
        assertEquals(2, verbose.code());
        assertTrue(verbose.err().contains("\tat org.metarec.experiments.config.ConfigLoader.load("), verbose.err());
    }

    @Test
    void badSetArgumentsAreReportedWithTheFileProblems() {
        Path config = TestFiles.write(tmp, "bad.yaml", "name: t\nexperiment: toy\nseed: x\n");
        CliResult r = TestFiles.cli("run", config.toString(), "--set", "nonsense");
        assertEquals(2, r.code());
        assertEquals(config + ":3:7: seed: expected an integer, found 'x'\n--set nonsense: expected key.path=value, found no '='\n"
                + "2 problems; nothing was run.\n", r.err().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void validatePrintsTheResolvedConfig() {
        Path config = TestFiles.write(tmp, "toy.yaml", TestFiles.FAST_TOY);
        CliResult r = TestFiles.cli("validate", config.toString(), "--resolved");
        assertEquals(0, r.code());
        assertEquals(ExperimentKinds.loader().load(config, List.of()).toYaml(), r.out());
        assertTrue(r.err().contains(": valid (experiment toy, config SHA-256 "), r.err());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, TestFiles.cli("nonsense").code());
        assertEquals(2, TestFiles.cli("run").code());
        assertEquals(2, TestFiles.cli("validate", "x.yaml", "--bogus").code());
        Path config = TestFiles.write(tmp, "toy.yaml", TestFiles.FAST_TOY);
        CliResult r = TestFiles.cli("run", config.toString(), "--threads", "0", "--out", tmp.resolve("r").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: --threads: expected an integer from 1 to "), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        CliResult shard = TestFiles.cli("sweep", "s.yaml", "--shard", "0/3");
        assertEquals(2, shard.code());
        assertTrue(shard.err().startsWith("error: --shard: expected I/N with 1 <= I <= N, found 0/3\n"), shard.err());
    }

    @Test
    void missingConfigFileIsAConfigError() {
        CliResult r = TestFiles.cli("validate", tmp.resolve("none.yaml").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith(tmp.resolve("none.yaml") + ": cannot read file: no such file\n"), r.err());
    }

    @Test
    void configDocsPrintsTheGeneratedReference() {
        CliResult r = TestFiles.cli("config-docs");
        assertEquals(0, r.code());
        assertEquals(ExperimentKinds.docs(), r.out());
    }
}
