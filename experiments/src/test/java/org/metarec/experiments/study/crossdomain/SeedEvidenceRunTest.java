package org.metarec.experiments.study.crossdomain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.core.json.Json;
import org.metarec.experiments.TestFiles;
import org.metarec.experiments.report.Report;
import org.metarec.experiments.report.ReportRow;
import org.metarec.experiments.results.Summary;
import org.metarec.experiments.results.SummaryRow;

/**
 * The quickstart over two seeds, shrunk: per_user.csv and per_seed.csv agree with each other and with the summary
 * (users counted once though they repeat across seeds), ANIL is marked identical to MAML on matrix factorisation,
 * and a report of the two one-seed runs gives the same statistics as the one two-seed run.
 */
class SeedEvidenceRunTest {

    @TempDir
    Path tmp;

    private TestFiles.CliResult run(Path dir, String seeds) {
        Path config = TestFiles.repositoryRoot().resolve("experiments/configs/quickstart.yaml");
        return TestFiles.cli("run", config.toString(), "--out", dir.toString(), "--threads", "2", "--no-plots",
                "--set", "data.synthetic.users=300", "--set", "data.synthetic.items_per_domain=60",
                "--set", "budget.meta_iterations=10", "--set", "budget.validate_every=5",
                "--set", "crossdomain.pooled_epochs=1", "--set", "crossdomain.seeds=" + seeds,
                "--set", "methods=[pretrained, maml, anil]");
    }

    @Test
    void perUserAndPerSeedFilesAgreeWithTheSummaryAndTheReport() throws Exception {
        Path both = tmp.resolve("both");
        TestFiles.CliResult r = run(both, "[1, 2]");
        assertEquals(0, r.code(), r.err());

        // per_user.csv: per seed and method, the mean of the users' rmse_user is per_seed.csv's mean, over n_tasks users.
        List<String> users = Files.readAllLines(both.resolve("per_user.csv"));
        assertEquals("seed,method,setting,steps,task,user,mae_user,ndcg3_within_query,rmse_user", users.get(0));
        Map<String, double[]> sums = new TreeMap<>();
        Set<String> maml = new HashSet<>();
        int repeated = 0;
        Map<String, Set<String>> usersBySeed = new TreeMap<>();
        for (String line : users.subList(1, users.size())) {
            String[] f = line.split(",", -1);
            double[] s = sums.computeIfAbsent(f[1] + "/" + f[0], k -> new double[2]);
            s[0] += Double.parseDouble(f[8]);
            s[1]++;
            if (f[1].equals("maml")) {
                maml.add(f[5]);
                usersBySeed.computeIfAbsent(f[0], k -> new HashSet<>()).add(f[5]);
            }
        }
        Set<String> inBoth = new HashSet<>(usersBySeed.get("1"));
        inBoth.retainAll(usersBySeed.get("2"));
        repeated = inBoth.size();
        assertTrue(repeated > 0, "the fixture should have users tested in both seeds");
        int checked = 0;
        for (String line : Files.readAllLines(both.resolve("per_seed.csv"))) {
            String[] f = line.split(",", -1);
            if (f[1].equals("rmse_user_k10_beta30") && sums.containsKey(f[0] + "/" + f[3])) {
                double[] s = sums.get(f[0] + "/" + f[3]);
                assertEquals(s[0] / s[1], Double.parseDouble(f[4]), 1e-12, line);
                assertEquals((int) s[1], Integer.parseInt(f[5]), line);
                checked++;
            }
        }
        assertEquals(4 * 2, checked, "pretrained, maml, anil and the oracle, two seeds each");

        Summary summary = Summary.fromJson(Json.readFile(both.resolve("summary.json")), "summary.json");
        SummaryRow mamlRmse = summary.rows().stream().filter(x -> x.method().equals("maml")
                && x.key().metric().equals("rmse_user_k10_beta30")).findFirst().orElseThrow();
        assertEquals(2, mamlRmse.stats().seeds());
        assertEquals(maml.size(), mamlRmse.stats().users(), "each user once, though " + repeated + " are tested in both seeds");
        assertTrue(summary.rows().stream().filter(x -> x.method().equals("anil")).allMatch(x -> "maml".equals(x.identicalTo())),
                "ANIL adapts the same user vector and bias as MAML on MF, with the same random streams");
        assertTrue(mamlRmse.raw().tSeeds() != null && mamlRmse.raw().wilcoxonUsers() != null, "tests over 2 seeds and over users");

        // A report of the same seeds run one at a time: the same rows, corrected over the same tests.
        Path one = tmp.resolve("seed1");
        Path two = tmp.resolve("seed2");
        assertEquals(0, run(one, "[1]").code());
        assertEquals(0, run(two, "[2]").code());
        Report report = Report.of(List.of(one, two));
        List<SummaryRow> merged = new ArrayList<>(report.rows().stream().map(ReportRow::stats).toList());
        assertTrue(report.rows().stream().allMatch(x -> x.variant().isEmpty()), "runs that differ only in their seeds");
        assertEquals(summary.rows(), merged);
    }
}
