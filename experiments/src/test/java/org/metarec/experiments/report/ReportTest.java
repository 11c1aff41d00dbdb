package org.metarec.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.experiments.TestFiles;
import org.metarec.core.json.Json;
import org.metarec.experiments.results.MetricKey;
import org.metarec.experiments.results.Summary;
import org.metarec.experiments.results.SummaryRow;

/** Merging run folders: variants, statistics across seeds, and the report files. */
class ReportTest {

    @TempDir
    static Path tmp;

    private static final List<Path> FAST = new ArrayList<>();
    private static final List<Path> SLOW = new ArrayList<>();

    @BeforeAll
    static void runs() {
        Path config = TestFiles.write(tmp, "toy.yaml", TestFiles.FAST_TOY);
        for (int seed = 1; seed <= 3; seed++) {
            Path dir = tmp.resolve("fast-" + seed);
            assertEquals(0, TestFiles.cli("run", config.toString(), "--out", dir.toString(), "--threads", "1", "--no-plots", "--set", "seed=" + seed).code());
            FAST.add(dir);
        }
        for (int seed = 1; seed <= 2; seed++) {
            Path dir = tmp.resolve("slow-" + seed);
            assertEquals(0, TestFiles.cli("run", config.toString(), "--out", dir.toString(), "--threads", "1", "--no-plots", "--set", "seed=" + seed,
                    "--set", "optimizer.lr=0.02").code());
            SLOW.add(dir);
        }
    }

    private static SummaryRow row(Path run, String method, MetricKey key) throws Exception {
        Summary s = Summary.fromJson(Json.readFile(run.resolve("summary.json")), "summary.json");
        return s.rows().stream().filter(r -> r.method().equals(method) && r.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void statisticsAcrossSeedsFollowFromThePerRunMeans() throws Exception {
        Report report = Report.of(FAST);
        MetricKey key = new MetricKey("query_mse", 2);
        ReportRow ref = report.rows().stream().filter(r -> r.stats().method().equals("final") && r.stats().key().equals(key)).findFirst().orElseThrow();
        ReportRow avg = report.rows().stream().filter(r -> r.stats().method().equals("averaged") && r.stats().key().equals(key)).findFirst().orElseThrow();
        assertEquals("", ref.variant(), "runs that differ only in seed form one variant");
        double[] refMeans = new double[3];
        double[] avgMeans = new double[3];
        for (int i = 0; i < 3; i++) {
            refMeans[i] = row(FAST.get(i), "final", key).mean();
            avgMeans[i] = row(FAST.get(i), "averaged", key).mean();
        }
        double mean = (refMeans[0] + refMeans[1] + refMeans[2]) / 3;
        double sd = Math.sqrt((Math.pow(refMeans[0] - mean, 2) + Math.pow(refMeans[1] - mean, 2) + Math.pow(refMeans[2] - mean, 2)) / 2);
        double t975 = 0.95 / Math.sqrt(2 * 0.975 * 0.025); // Student t, 2 df: t_p = (2p - 1) / sqrt(2p(1 - p))
        assertEquals(3, ref.stats().stats().seeds());
        assertEquals(mean, ref.stats().mean(), 1e-12);
        assertEquals(mean - t975 * sd / Math.sqrt(3), ref.stats().stats().ciLow(), 1e-9);
        assertEquals(mean + t975 * sd / Math.sqrt(3), ref.stats().stats().ciHigh(), 1e-9);
        assertNull(ref.stats().raw().tSeeds());
        // Paired t-test over seeds; Student t with 2 df has the closed-form two-sided p = 1 - |t| / sqrt(2 + t^2).
        double[] d = new double[3];
        for (int i = 0; i < 3; i++) {
            d[i] = avgMeans[i] - refMeans[i];
        }
        double dm = (d[0] + d[1] + d[2]) / 3;
        double dsd = Math.sqrt((Math.pow(d[0] - dm, 2) + Math.pow(d[1] - dm, 2) + Math.pow(d[2] - dm, 2)) / 2);
        double t = dm / (dsd / Math.sqrt(3));
        assertEquals(1 - Math.abs(t) / Math.sqrt(2 + t * t), avg.stats().raw().tSeeds(), 1e-9);
        assertEquals(exactWilcoxon3(d), avg.stats().raw().wilcoxonSeeds(), 1e-12);
    }

    /** Two-sided exact Wilcoxon signed-rank p-value for 3 distinct non-zero differences, by enumerating the 8 sign patterns. */
    private static double exactWilcoxon3(double[] d) {
        Integer[] order = {0, 1, 2};
        Arrays.sort(order, (a, b) -> Double.compare(Math.abs(d[a]), Math.abs(d[b])));
        int wPlus = 0;
        for (int rank = 1; rank <= 3; rank++) {
            if (d[order[rank - 1]] > 0) {
                wPlus += rank;
            }
        }
        int below = 0;
        int above = 0;
        for (int signs = 0; signs < 8; signs++) {
            int w = ((signs & 1) != 0 ? 1 : 0) + ((signs & 2) != 0 ? 2 : 0) + ((signs & 4) != 0 ? 3 : 0);
            below += w <= wPlus ? 1 : 0;
            above += w >= wPlus ? 1 : 0;
        }
        return Math.min(1.0, 2.0 * Math.min(below, above) / 8);
    }

    @Test
    void runsDifferingInAConfigKeyFormVariants() throws Exception {
        List<Path> all = new ArrayList<>(FAST);
        all.addAll(SLOW);
        Report report = Report.of(all);
        List<String> variants = report.rows().stream().map(ReportRow::variant).distinct().toList();
        assertEquals(List.of("optimizer.lr=0.05", "optimizer.lr=0.02"), variants);
        assertTrue(report.rows().stream().filter(r -> r.variant().equals("optimizer.lr=0.02")).allMatch(r -> r.stats().stats().seeds() == 2));
        // 2 methods x 2 metrics x 2 adaptation-step counts per variant.
        assertEquals(16, report.rows().size());
    }

    @Test
    void writesJsonMarkdownAndPlots() throws Exception {
        Path out = tmp.resolve("report-out");
        TestFiles.CliResult r = TestFiles.cli("report", FAST.get(0).toString(), FAST.get(1).toString(), FAST.get(2).toString(),
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("variant  metric     steps  method"), r.out());
        Map<?, ?> json = (Map<?, ?>) Json.readFile(out.resolve("report.json"));
        assertEquals(List.of("fast-1", "fast-2", "fast-3"), json.get("runs"));
        assertEquals(8, ((List<?>) json.get("results")).size());
        String md = TestFiles.read(out.resolve("report.md"));
        assertTrue(md.contains("- `fast-2` (seed 2)"), md);
        for (String name : List.of("query_mse_vs_steps", "query_mae_vs_steps", "train_loss")) {
            assertTrue(Files.size(out.resolve("plots/" + name + ".png")) > 0, name);
            assertTrue(TestFiles.read(out.resolve("plots/" + name + ".svg")).contains("<svg"), name);
        }
    }

    @Test
    void aFolderOfRunsIsExpanded() {
        TestFiles.CliResult r = TestFiles.cli("report", tmp.toString(), "--out", tmp.resolve("all-report").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("optimizer.lr=0.02"), r.out());
    }

    @Test
    void anUnfinishedRunIsRefused() throws Exception {
        Path broken = tmp.resolve("broken");
        Files.createDirectories(broken);
        Files.copy(FAST.get(0).resolve("config.resolved.yaml"), broken.resolve("config.resolved.yaml"));
        TestFiles.CliResult r = TestFiles.cli("report", broken.toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: " + broken + ": expected a finished run folder (with summary.json and config.resolved.yaml), "
                + "found an unfinished or foreign folder\n"), r.err());
        Files.delete(broken.resolve("config.resolved.yaml"));
        Files.delete(broken);
    }
}
