package org.metarec.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.experiments.TestFiles;
import org.metarec.experiments.config.ConfigException;
import org.metarec.experiments.config.ConfigProblem;
import org.metarec.experiments.report.ReportRow;

/** Sweeps: job names, shards, skipping finished runs, resuming broken ones, validation messages. */
class SweepTest {

    private static final String SWEEP = "base: toy.yaml\ngrid:\n  optimizer.lr: [0.02, 0.05]\nseeds: [1, 2]\n";

    @TempDir
    Path tmp;

    private final PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    private List<SweepJob> jobs(String sweepText) {
        TestFiles.write(tmp, "toy.yaml", TestFiles.FAST_TOY);
        return Sweep.jobs(SweepSpec.read(TestFiles.write(tmp, "sweep.yaml", sweepText)));
    }

    @Test
    void jobsAreNamedDeterministicallyInGridThenSeedOrder() {
        // The sinusoid kind reads model.hidden (the toy kind has no model section).
        TestFiles.write(tmp, "sinusoid.yaml", "name: s\nexperiment: sinusoid\ndata:\n  source: sinusoid\n");
        List<SweepJob> jobs = jobs("base: sinusoid.yaml\ngrid:\n  optimizer.lr: [0.02, 0.05]\n  model.hidden: [[8, 8], [16]]\nseeds: [1, 2]\n");
        assertEquals(List.of("000_lr=0.02_hidden=8-8_seed=1", "000_lr=0.02_hidden=8-8_seed=2", "001_lr=0.02_hidden=16_seed=1",
                "001_lr=0.02_hidden=16_seed=2", "002_lr=0.05_hidden=8-8_seed=1", "002_lr=0.05_hidden=8-8_seed=2",
                "003_lr=0.05_hidden=16_seed=1", "003_lr=0.05_hidden=16_seed=2"), jobs.stream().map(SweepJob::name).toList());
        assertEquals(0.05, jobs.get(5).config().getDouble("optimizer.lr"));
        assertEquals(2L, jobs.get(5).config().seed());
        assertArrayEquals(new int[] {16}, jobs.get(3).config().getIntArray("model.hidden"));
    }

    @Test
    void withoutGridOrSeedsThereIsOneJobWithTheBaseSeed() {
        List<SweepJob> jobs = jobs("base: toy.yaml\n");
        assertEquals(List.of("seed=11"), jobs.stream().map(SweepJob::name).toList());
    }

    @Test
    void shardsPartitionTheJobs() {
        for (int n = 1; n <= 6; n++) {
            for (int job = 0; job < 25; job++) {
                int owners = 0;
                for (int i = 1; i <= n; i++) {
                    owners += new Shard(i, n).contains(job) ? 1 : 0;
                }
                assertEquals(1, owners, "job " + job + " of " + n + " shards");
            }
        }
        assertEquals(new Shard(2, 8), Shard.parse("2/8"));
        assertEquals("--shard: expected I/N with 1 <= I <= N, found 3/2", assertThrows(IllegalArgumentException.class, () -> Shard.parse("3/2")).getMessage());
        assertEquals("--shard: expected I/N such as 2/8, found 'x'", assertThrows(IllegalArgumentException.class, () -> Shard.parse("x")).getMessage());
    }

    @Test
    void shardsRunSkipResumeAndReportTogether() throws Exception {
        List<SweepJob> jobs = jobs(SWEEP);
        Path out = tmp.resolve("out");

        Sweep.Outcome first = Sweep.run(jobs, out, Shard.parse("1/2"), 2, 1, false, log);
        assertEquals(2, first.count(Sweep.Status.RAN));
        assertTrue(Files.exists(out.resolve("000_lr=0.02_seed=1/summary.json")));
        assertTrue(Files.exists(out.resolve("001_lr=0.05_seed=1/summary.json")));
        assertFalse(Files.exists(out.resolve("000_lr=0.02_seed=2")), "job 1 belongs to shard 2");
        byte[] summary = TestFiles.bytes(out.resolve("000_lr=0.02_seed=1/summary.json"));
        byte[] provenance = TestFiles.bytes(out.resolve("000_lr=0.02_seed=1/provenance.json"));

        Sweep.Outcome again = Sweep.run(jobs, out, Shard.parse("1/2"), 2, 1, false, log);
        assertEquals(2, again.count(Sweep.Status.SKIPPED));
        assertArrayEquals(provenance, TestFiles.bytes(out.resolve("000_lr=0.02_seed=1/provenance.json")), "a skipped run is untouched");

        // A run broken after its last checkpoint: resumed, with the same result as before.
        Files.delete(out.resolve("000_lr=0.02_seed=1/summary.json"));
        Sweep.Outcome repaired = Sweep.run(jobs, out, Shard.parse("1/2"), 2, 1, false, log);
        assertEquals(1, repaired.count(Sweep.Status.RESUMED));
        assertEquals(1, repaired.count(Sweep.Status.SKIPPED));
        assertArrayEquals(summary, TestFiles.bytes(out.resolve("000_lr=0.02_seed=1/summary.json")));

        Sweep.Outcome second = Sweep.run(jobs, out, Shard.parse("2/2"), 2, 1, false, log);
        assertEquals(2, second.count(Sweep.Status.RAN));
        assertEquals(4, second.report().runs().size(), "the report covers the runs of every shard");
        assertEquals(List.of("optimizer.lr=0.02", "optimizer.lr=0.05"), second.report().rows().stream().map(ReportRow::variant).distinct().toList());
        assertTrue(second.report().rows().stream().allMatch(r -> r.stats().stats().seeds() == 2), "two seeds per variant");
        assertTrue(Files.exists(out.resolve("report/report.md")));
    }

    @Test
    void aFolderHoldingAnotherConfigIsNotOverwritten() throws Exception {
        List<SweepJob> jobs = jobs("base: toy.yaml\nseeds: [1]\n");
        Path out = tmp.resolve("out");
        Sweep.run(jobs, out, Shard.ALL, 1, 1, false, log);
        List<SweepJob> changed = Sweep.jobs(SweepSpec.read(TestFiles.write(tmp, "sweep2.yaml", "base: toy.yaml\nseeds: [1]\ngrid:\n  optimizer.lr: [0.01]\n")));
        // Same folder name only if the grid is the same; force it by reusing the first job's name with the changed config.
        SweepJob clash = new SweepJob(0, jobs.get(0).name(), changed.get(0).config());
        Sweep.Outcome o = Sweep.run(List.of(clash), out, Shard.ALL, 1, 1, false, log);
        assertEquals(Sweep.Status.FAILED, o.results().get(0).status());
        assertEquals(out.resolve("seed=1") + " holds a finished run of a different config; move it away or change out", o.results().get(0).message());
    }

    @Test
    void badGridValuesPointIntoTheSweepFileOnce() {
        ConfigException e = assertThrows(ConfigException.class, () -> jobs("base: toy.yaml\ngrid:\n  optimizer.lr: [0.1, -1]\nseeds: [1, 2]\n"));
        assertEquals(List.of(tmp.resolve("sweep.yaml") + ":3:23: optimizer.lr: expected a number > 0, found -1"),
                e.problems().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void sweepFileProblemsAreReportedTogether() {
        TestFiles.write(tmp, "toy.yaml", TestFiles.FAST_TOY);
        Path f = TestFiles.write(tmp, "sweep.yaml", "base: missing.yaml\ngrid:\n  optimizer.lr: 0.1\nsedes: [1]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> SweepSpec.read(f));
        assertEquals(List.of(
                f + ":1:7: base: expected a path to an existing file or directory, found 'missing.yaml' (no such file or directory: "
                        + tmp.toAbsolutePath().normalize().resolve("missing.yaml") + ")",
                f + ":3:17: grid.optimizer.lr: expected a non-empty list of values, found 0.1",
                f + ":4:1: sedes: unknown key 'sedes'; did you mean 'seeds'?"), e.problems().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void commandLineSweepPrintsTheReportAndCounts() {
        TestFiles.write(tmp, "toy.yaml", TestFiles.FAST_TOY);
        Path f = TestFiles.write(tmp, "sweep.yaml", "base: toy.yaml\nseeds: [3, 4]\nout: runs/s\n");
        TestFiles.CliResult r = TestFiles.cli("sweep", f.toString(), "--parallel", "2", "--no-plots");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains(": 2 of 2 runs (2 ran, 0 resumed, 0 skipped, 0 failed) in " + tmp.toAbsolutePath().normalize().resolve("runs/s")), r.err());
        assertTrue(r.out().startsWith("variant  metric"), r.out());
        assertTrue(Files.exists(tmp.resolve("runs/s/seed=3/summary.json")));
        assertTrue(Files.exists(tmp.resolve("runs/s/report/report.json")));
        assertFalse(Files.exists(tmp.resolve("runs/s/seed=3/plots")), "--no-plots");
    }
}
