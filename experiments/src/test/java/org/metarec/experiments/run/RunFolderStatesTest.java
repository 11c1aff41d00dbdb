package org.metarec.experiments.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.experiments.TestFiles;
import org.metarec.core.json.Json;

/** run/resume in every state a run folder can be left in. */
class RunFolderStatesTest {

    @TempDir
    Path tmp;

    private Path config;
    private Path finished;

    @BeforeEach
    void finishedRun() {
        config = TestFiles.write(tmp, "toy.yaml", TestFiles.FAST_TOY);
        finished = tmp.resolve("finished");
        assertEquals(0, TestFiles.cli("run", config.toString(), "--out", finished.toString(), "--threads", "1", "--no-plots").code());
        assertFalse(Files.exists(finished.resolve("plots")), "--no-plots draws no figures");
    }

    /** A copy of the finished run folder with some files removed, as a crash at some point would leave it. */
    private Path brokenCopy(String name, List<String> remove) throws Exception {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        for (String f : List.of("config.resolved.yaml", "provenance.json", "train.csv", "checkpoint.ckpt", "summary.json")) {
            if (!remove.contains(f)) {
                Files.copy(finished.resolve(f), dir.resolve(f));
            }
        }
        return dir;
    }

    @Test
    void runRefusesAFolderThatHoldsARun() {
        TestFiles.CliResult r = TestFiles.cli("run", config.toString(), "--out", finished.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: " + finished + ": expected a new or empty folder, found a finished run; choose another --out\n"), r.err());
    }

    @Test
    void runRefusesAFolderWithOtherFiles() {
        TestFiles.write(tmp, "busy/notes.txt", "x");
        TestFiles.CliResult r = TestFiles.cli("run", config.toString(), "--out", tmp.resolve("busy").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: " + tmp.resolve("busy") + ": expected a new or empty folder, found a folder with files in it; choose another --out\n"), r.err());
    }

    @Test
    void resumingAFinishedRunChangesNothing() {
        byte[] before = TestFiles.bytes(finished.resolve("provenance.json"));
        TestFiles.CliResult r = TestFiles.cli("resume", finished.toString());
        assertEquals(0, r.code());
        assertTrue(r.err().contains(finished + " is already finished; nothing to do."), r.err());
        assertArrayEquals(before, TestFiles.bytes(finished.resolve("provenance.json")));
    }

    @Test
    void resumeFromTheFinalCheckpointRedoesOnlyTheEvaluation() throws Exception {
        Path dir = brokenCopy("final-ckpt", List.of("summary.json"));
        assertEquals(0, TestFiles.cli("resume", dir.toString(), "--no-plots").code());
        assertArrayEquals(TestFiles.bytes(finished.resolve("summary.json")), TestFiles.bytes(dir.resolve("summary.json")));
        assertArrayEquals(TestFiles.bytes(finished.resolve("train.csv")), TestFiles.bytes(dir.resolve("train.csv")));
        Map<?, ?> prov = (Map<?, ?>) Json.readFile(dir.resolve("provenance.json"));
        assertEquals(60L, ((Map<?, ?>) ((List<?>) prov.get("resumes")).get(0)).get("from_step"));
    }

    @Test
    void resumeWithoutACheckpointStartsOverAndDropsTheStaleLog() throws Exception {
        Path dir = brokenCopy("no-ckpt", List.of("summary.json", "checkpoint.ckpt"));
        Files.writeString(dir.resolve("train.csv"), "10,final,0.", StandardOpenOption.APPEND); // a row cut by the crash
        assertEquals(0, TestFiles.cli("resume", dir.toString(), "--no-plots").code());
        assertArrayEquals(TestFiles.bytes(finished.resolve("summary.json")), TestFiles.bytes(dir.resolve("summary.json")));
        assertArrayEquals(TestFiles.bytes(finished.resolve("train.csv")), TestFiles.bytes(dir.resolve("train.csv")));
    }

    @Test
    void resumeRefusesAnEditedConfig() throws Exception {
        Path dir = brokenCopy("edited", List.of("summary.json"));
        Path cfg = dir.resolve("config.resolved.yaml");
        Files.writeString(cfg, TestFiles.read(cfg).replace("seed: 11", "seed: 12"));
        TestFiles.CliResult r = TestFiles.cli("resume", dir.toString(), "--no-plots");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: " + cfg + ": expected the config the run started with (SHA-256 "), r.err());
        assertTrue(r.err().contains("; it was edited, or this version of metarec resolves it differently") && r.err().contains(
                "so start a new run instead\n"), r.err());
    }

    @Test
    void resumeRefusesACorruptCheckpoint() throws Exception {
        Path dir = brokenCopy("corrupt", List.of("summary.json"));
        byte[] ck = Files.readAllBytes(dir.resolve("checkpoint.ckpt"));
        ck[30] ^= 0x40;
        Files.write(dir.resolve("checkpoint.ckpt"), ck);
        TestFiles.CliResult r = TestFiles.cli("resume", dir.toString(), "--no-plots");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: cannot resume: " + dir.resolve("checkpoint.ckpt")
                + ": checksum mismatch: the file is corrupt (expected the SHA-256 of the body, found different bytes)\n"), r.err());
    }

    @Test
    void resumeOfAFolderThatIsNotARun() {
        TestFiles.CliResult r = TestFiles.cli("resume", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: " + tmp + ": expected a run folder (containing config.resolved.yaml), found none\n"), r.err());
    }
}
