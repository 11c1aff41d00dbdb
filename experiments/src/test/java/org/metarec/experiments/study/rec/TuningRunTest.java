package org.metarec.experiments.study.rec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.core.data.Dataset;
import org.metarec.core.random.Rng;
import org.metarec.core.tasks.ColdStartSplit;
import org.metarec.experiments.ExperimentKinds;
import org.metarec.experiments.TestFiles;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.config.ConfigException;
import org.metarec.experiments.config.ConfigProblem;
import org.metarec.experiments.data.DataSources;
import org.metarec.experiments.run.Progress;
import org.metarec.experiments.run.Runner;
import org.metarec.experiments.study.crossdomain.CrossDomainSetup;

/**
 * The {@code tuning} section end to end on a small generated cross-domain data set (two delimited files):
 * {@code tuning.csv} holds every trial with the budget of every method, the tuned block names the chosen
 * trials; flipping every test user's target rating (r to 6 - r) changes the test metrics but not one trial;
 * one and two threads, and an interrupted run resumed, write the same files; unequal budgets are rejected
 * unless declared, and then the summary says so. With {@code tuning.folds: 3} every trial is the mean over three folds
 * of training users (no test or validation user in any fold), blind to the test ratings and the same with one or two
 * threads; one fold is the single split, and a bad number of folds is a clear error.
 */
class TuningRunTest {

    private static final int TRIALS = 5;

    @TempDir
    Path tmp;

    /** Users u0..u159 rate about 60% of the 25 items of books and of music: biases, two latent factors, noise. */
    private static Map<String, String> ratings(Set<String> flippedMusicUsers) {
        Rng rng = Rng.derive(11, "tuning-run-test/data");
        int users = 160;
        int items = 25;
        double[][] user = new double[users][3];
        double[][][] item = new double[2][items][3];
        for (double[] u : user) {
            for (int f = 0; f < 3; f++) {
                u[f] = rng.nextGaussian();
            }
        }
        for (double[][] domain : item) {
            for (double[] it : domain) {
                for (int f = 0; f < 3; f++) {
                    it[f] = rng.nextGaussian();
                }
            }
        }
        Map<String, String> files = new LinkedHashMap<>();
        String[] names = {"books", "music"};
        for (int d = 0; d < 2; d++) {
            StringBuilder csv = new StringBuilder("user,item,rating\n");
            for (int u = 0; u < users; u++) {
                for (int i = 0; i < items; i++) {
                    boolean rated = rng.nextDouble() < 0.6;
                    double noise = rng.nextGaussian() * 0.5;
                    if (!rated) {
                        continue;
                    }
                    double r = 3 + 0.5 * user[u][0] + 0.5 * item[d][i][0]
                            + 0.6 * (user[u][1] * item[d][i][1] + user[u][2] * item[d][i][2]) + noise;
                    long stars = Math.max(1, Math.min(5, Math.round(r)));
                    if (d == 1 && flippedMusicUsers.contains("u" + u)) {
                        stars = 6 - stars;
                    }
                    csv.append('u').append(u).append(",i").append(i).append(',').append(stars).append('\n');
                }
            }
            files.put(names[d] + ".csv", csv.toString());
        }
        return files;
    }

    private Path data(String name, Set<String> flipped) {
        Path dir = tmp.resolve(name);
        ratings(flipped).forEach((file, text) -> TestFiles.write(dir, file, text));
        return dir;
    }

    private static String config(Path data, String extra) {
        return """
                name: tune
                seed: 3
                experiment: crossdomain
                data:
                  source: delimited
                  path: %s
                protocol:
                  source_domains: [books]
                  target_domain: music
                  cold_start_ratio: 0.3
                  validation_ratio: 0.1
                  query: 5
                  min_ratings: 8
                model:
                  type: mf
                  embedding_dim: 3
                  hidden: [4]
                methods: [global_mean, item_bias, pretrained, emcdr, maml, reptile]
                meta:
                  meta_batch: 4
                budget:
                  meta_iterations: 12
                  validate_every: 4
                evaluation:
                  support_sizes: [3]
                crossdomain:
                  pooled_epochs: 3
                  mapping_iterations: 8
                  tuning:
                    strategy: random
                    trials: %d
                    min_validation_users: 25
                    methods:
                      item_bias:
                        space:
                          - {name: item_shrinkage, min: 0.5, max: 50, log: true}
                      pretrained:
                        space:
                          - {name: pooled_lr, min: 0.001, max: 0.03, log: true}
                          - {name: fine_tune_lr, choices: [0, 0.1, 0.3]}
                      emcdr:
                        space:
                          - {name: fine_tune_lr, choices: [0, 0.1]}
                      maml:
                        space:
                          - {name: inner_lr, min: 0.02, max: 0.5, log: true}
                          - {name: meta_iterations, min: 4, max: 8}
                      reptile:
                        space:
                          - {name: inner_lr, min: 0.005, max: 0.1, log: true}
                %s""".formatted(data, TRIALS, extra);
    }

    private TestFiles.CliResult run(Path config, Path out, int threads) {
        return TestFiles.cli("run", config.toString(), "--out", out.toString(), "--threads", Integer.toString(threads),
                "--no-plots");
    }

    private static List<String[]> rows(Path run) throws Exception {
        List<String> lines = Files.readAllLines(run.resolve(TuningLog.FILE));
        assertEquals(TuningLog.HEADER, lines.get(0));
        List<String[]> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            out.add(line.split(",", -1));
        }
        return out;
    }

    @Test
    void tuningCsvHoldsEveryTrialWithOneBudgetForEveryMethod() throws Exception {
        Path config = TestFiles.write(tmp, "c.yaml", config(data("data", Set.of()), ""));
        Path out = tmp.resolve("run");
        TestFiles.CliResult r = run(config, out, 2);
        assertEquals(0, r.code(), r.err());
        Map<String, List<String[]>> byMethod = new LinkedHashMap<>();
        for (String[] row : rows(out)) {
            assertEquals(9, row.length, String.join(",", row));
            assertEquals("k3_beta30_seed3", row[1]);
            byMethod.computeIfAbsent(row[0], m -> new ArrayList<>()).add(row);
        }
        assertEquals(List.of("global_mean", "item_bias", "pretrained", "emcdr", "maml", "reptile"),
                new ArrayList<>(byMethod.keySet()));
        // global_mean has nothing to try (one scoring); every other method spends the whole budget.
        byMethod.forEach((m, rows) -> assertEquals(m.equals("global_mean") ? 1 : TRIALS, rows.size(), m));
        String tuned = TestFiles.read(out.resolve("config.resolved.yaml"));
        for (var e : byMethod.entrySet()) {
            List<String[]> rows = e.getValue();
            double lowest = rows.stream().mapToDouble(x -> Double.parseDouble(x[7])).min().orElseThrow();
            String[] first = rows.stream().filter(x -> Double.parseDouble(x[7]) == lowest).findFirst().orElseThrow();
            for (int t = 0; t < rows.size(); t++) {
                String[] row = rows.get(t);
                assertEquals(Integer.toString(t + 1), row[2], e.getKey());
                assertEquals(row == first, row[8].equals("true"), e.getKey() + " trial " + row[2]);
            }
            assertTrue(tuned.contains("#   " + e.getKey() + ".k3_beta30_seed3:\n#     trial: " + first[2] + "\n#     step: "
                    + first[4] + "\n#     values: \"" + first[5] + "\""), tuned);
        }
        // The drawn values are in their ranges, and maml trains for its drawn length: no step beyond it.
        for (String[] row : byMethod.get("maml")) {
            Matcher m = Pattern.compile("inner_lr=([0-9.]+) meta_iterations=([0-9]+)").matcher(row[5]);
            assertTrue(m.matches(), row[5]);
            double lr = Double.parseDouble(m.group(1));
            int iterations = Integer.parseInt(m.group(2));
            assertTrue(lr >= 0.02 && lr <= 0.5 && iterations >= 4 && iterations <= 8, row[5]);
            assertTrue(Long.parseLong(row[4]) <= iterations, String.join(",", row));
        }
        for (String[] row : byMethod.get("pretrained")) {
            assertTrue(row[5].matches("pooled_lr=[0-9.]+ fine_tune_lr=(0|0.1|0.3)"), row[5]);
        }
        // emcdr draws only its fine-tuning rate (a space is required of every tunable method), and adapts by it.
        for (String[] row : byMethod.get("emcdr")) {
            Matcher m = Pattern.compile("fine_tune_lr=(0|0.1)").matcher(row[5]);
            assertTrue(m.matches(), row[5]);
            assertEquals(m.group(1).equals("0") ? "fineTuneLr=0.00000" : "fineTuneLr=0.100000", row[6], String.join(",", row));
        }
        Matcher split = Pattern.compile("split k3_beta30_seed3: ([0-9]+) validation users, ([0-9]+) test users").matcher(r.err());
        assertTrue(split.find(), r.err());
        assertTrue(Integer.parseInt(split.group(1)) >= 25, r.err());
        assertFalse(TestFiles.read(out.resolve("summary.md")).contains("unequal tuning budgets"));
    }

    @Test
    void tuningNeverReadsTestUsersFlippingEveryTestRatingChangesNoTrial() throws Exception {
        Path plainData = data("plain", Set.of());
        Path plainConfig = TestFiles.write(tmp, "plain.yaml", config(plainData, ""));
        Config loaded = ExperimentKinds.loader().load(plainConfig, List.of());
        Dataset dataset = DataSources.load(loaded);
        CrossDomainSetup setup = CrossDomainSetup.prepare(dataset, new ColdStartSplit.Config(List.of("books"), "music",
                0.3, 3, 0.1, 5, 8).withMinValidationUsers(25), 3);
        Set<String> testUsers = new java.util.TreeSet<>();
        for (int u : setup.split().testUsers()) {
            testUsers.add(dataset.interactions().userIds().rawId(u));
        }
        Path flippedConfig = TestFiles.write(tmp, "flipped.yaml", config(data("flipped", testUsers), ""));
        TestFiles.CliResult a = run(plainConfig, tmp.resolve("a"), 2);
        TestFiles.CliResult b = run(flippedConfig, tmp.resolve("b"), 2);
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        // The split the test flipped is the run's: the same counts as the run's log.
        assertTrue(a.err().contains("split k3_beta30_seed3: " + setup.split().validationUsers().length
                + " validation users, " + testUsers.size() + " test users"), a.err());
        assertArrayEquals(TestFiles.bytes(tmp.resolve("a").resolve(TuningLog.FILE)),
                TestFiles.bytes(tmp.resolve("b").resolve(TuningLog.FILE)));
        String tunedA = TestFiles.read(tmp.resolve("a/config.resolved.yaml"));
        String tunedB = TestFiles.read(tmp.resolve("b/config.resolved.yaml"));
        assertEquals(tunedA.substring(tunedA.indexOf(TuningLog.TUNED_MARK)), tunedB.substring(tunedB.indexOf(TuningLog.TUNED_MARK)));
        // The flip reached the test users: their metrics changed.
        assertFalse(Arrays.equals(TestFiles.bytes(tmp.resolve("a/tasks.csv")), TestFiles.bytes(tmp.resolve("b/tasks.csv"))),
                "flipping the test ratings changed no test metric: the test proves nothing");
    }

    private static String withFolds(String config, String folds) {
        return config.replace("    min_validation_users: 25\n", "    min_validation_users: 25\n    folds: " + folds + "\n");
    }

    @Test
    void kFoldTrialsAreFoldMeansOverTrainingUsersOnlyTheSameWithOneOrTwoThreadsAndBlindToTestRatings() throws Exception {
        Path plainData = data("plain", Set.of());
        Path plainConfig = TestFiles.write(tmp, "plain.yaml", withFolds(config(plainData, ""), "3"));
        Config loaded = ExperimentKinds.loader().load(plainConfig, List.of());
        Dataset dataset = DataSources.load(loaded);
        CrossDomainSetup setup = CrossDomainSetup.prepare(dataset, new ColdStartSplit.Config(List.of("books"), "music",
                0.3, 3, 0.1, 5, 8).withMinValidationUsers(25), 3);
        // The run's folds: the foldable users dealt with the stream crossdomain/folds; none is a test or validation user.
        int[] foldable = setup.foldableUsers();
        int[][] folds = Folds.partition(foldable, 3, Rng.derive(3, "crossdomain/folds"), "split");
        Set<Integer> heldOut = new java.util.HashSet<>();
        Arrays.stream(setup.split().testUsers()).forEach(heldOut::add);
        Arrays.stream(setup.split().validationUsers()).forEach(heldOut::add);
        Set<Integer> covered = new java.util.TreeSet<>();
        int target = setup.split().targetIndex();
        for (int[] fold : folds) {
            CrossDomainSetup f = setup.fold(fold);
            assertArrayEquals(fold, f.split().validationUsers());
            assertEquals(setup.split().testTasks(), f.split().testTasks());
            Set<Integer> inFold = new java.util.HashSet<>();
            for (int u : fold) {
                assertFalse(heldOut.contains(u), "user " + u + " is a test or validation user");
                assertTrue(covered.add(u), "user " + u + " in two folds");
                inFold.add(u);
            }
            for (int r : f.trainingRows()) {
                int u = dataset.interactions().user(r);
                assertFalse(dataset.interactions().domain(r) == target && (inFold.contains(u) || heldOut.contains(u)),
                        "a fold trains on a target rating of one of its own, a validation or a test user");
            }
        }
        assertEquals(Arrays.stream(foldable).boxed().toList(), new ArrayList<>(covered));
        Set<String> testUsers = new java.util.TreeSet<>();
        for (int u : setup.split().testUsers()) {
            testUsers.add(dataset.interactions().userIds().rawId(u));
        }
        Path flippedConfig = TestFiles.write(tmp, "flipped.yaml", withFolds(config(data("flipped", testUsers), ""), "3"));
        TestFiles.CliResult a = run(plainConfig, tmp.resolve("a"), 2);
        TestFiles.CliResult one = run(plainConfig, tmp.resolve("one"), 1);
        TestFiles.CliResult b = run(flippedConfig, tmp.resolve("b"), 2);
        assertEquals(0, a.code(), a.err());
        assertEquals(0, one.code(), one.err());
        assertEquals(0, b.code(), b.err());
        assertTrue(a.err().contains("split k3_beta30_seed3: 3-fold over " + foldable.length + " training users ("
                + Folds.sizes(folds) + " per fold)"), a.err());
        for (String f : List.of(TuningLog.FILE, "tasks.csv", "train.csv")) {
            assertArrayEquals(TestFiles.bytes(tmp.resolve("a").resolve(f)), TestFiles.bytes(tmp.resolve("one").resolve(f)), f);
        }
        assertArrayEquals(TestFiles.bytes(tmp.resolve("a").resolve(TuningLog.FILE)),
                TestFiles.bytes(tmp.resolve("b").resolve(TuningLog.FILE)));
        assertFalse(Arrays.equals(TestFiles.bytes(tmp.resolve("a/tasks.csv")), TestFiles.bytes(tmp.resolve("b/tasks.csv"))),
                "flipping the test ratings changed no test metric: the test proves nothing");
        // Every trial's validation_rmse is the mean of its three folds; the chosen one has the lowest mean.
        List<String> lines = Files.readAllLines(tmp.resolve("a").resolve(TuningLog.FILE));
        assertEquals(TuningLog.HEADER + ",validation_rmse_fold1,validation_rmse_fold2,validation_rmse_fold3", lines.get(0));
        Map<String, List<String[]>> byMethod = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] row = line.split(",", -1);
            assertEquals(12, row.length, line);
            double mean = (Double.parseDouble(row[9]) + Double.parseDouble(row[10]) + Double.parseDouble(row[11])) / 3;
            assertEquals(mean, Double.parseDouble(row[7]), 1e-12, line);
            byMethod.computeIfAbsent(row[0], m -> new ArrayList<>()).add(row);
        }
        byMethod.forEach((m, rows) -> {
            assertEquals(m.equals("global_mean") ? 1 : TRIALS, rows.size(), m);
            double lowest = rows.stream().mapToDouble(x -> Double.parseDouble(x[7])).min().orElseThrow();
            String[] first = rows.stream().filter(x -> Double.parseDouble(x[7]) == lowest).findFirst().orElseThrow();
            rows.forEach(x -> assertEquals(x == first, x[8].equals("true"), m + " trial " + x[2]));
        });
        // Every method got a final training with its chosen values.
        for (String m : byMethod.keySet()) {
            assertTrue(a.err().contains(m + ".k3_beta30: final training with the chosen values"), a.err());
        }
    }

    @Test
    void oneFoldIsTheSingleSplitAndZeroTextOrTooManyFoldsAreClearErrors() throws Exception {
        Path dataDir = data("data", Set.of());
        Path absent = TestFiles.write(tmp, "absent.yaml", config(dataDir, ""));
        Path oneFold = TestFiles.write(tmp, "one.yaml", withFolds(config(dataDir, ""), "1"));
        assertEquals(0, run(absent, tmp.resolve("absent"), 2).code());
        assertEquals(0, run(oneFold, tmp.resolve("onefold"), 2).code());
        for (String f : List.of(TuningLog.FILE, "tasks.csv", "train.csv")) {
            assertArrayEquals(TestFiles.bytes(tmp.resolve("absent").resolve(f)),
                    TestFiles.bytes(tmp.resolve("onefold").resolve(f)), f);
        }
        for (String bad : List.of("0", "x", "2.5")) {
            Path f = TestFiles.write(tmp, "bad" + bad + ".yaml", withFolds(config(dataDir, ""), bad));
            ConfigException e = assertThrows(ConfigException.class, () -> ExperimentKinds.loader().load(f, List.of()));
            List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).contains("crossdomain.tuning.folds: expected an integer >= 1"), problems.get(0));
        }
        Path many = TestFiles.write(tmp, "many.yaml", withFolds(config(dataDir, ""), "100000"));
        TestFiles.CliResult r = run(many, tmp.resolve("many"), 1);
        assertTrue(r.code() != 0);
        assertTrue(r.err().contains("tuning.folds: expected at most "), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
    }

    @Test
    void oneAndTwoThreadsAndAResumedRunWriteTheSameTuningCsv() throws Exception {
        Path config = TestFiles.write(tmp, "c.yaml", config(data("data", Set.of()), ""));
        assertEquals(0, run(config, tmp.resolve("one"), 1).code());
        assertEquals(0, run(config, tmp.resolve("two"), 2).code());
        for (String f : List.of(TuningLog.FILE, "tasks.csv", "config.resolved.yaml", "train.csv")) {
            assertArrayEquals(TestFiles.bytes(tmp.resolve("one").resolve(f)), TestFiles.bytes(tmp.resolve("two").resolve(f)), f);
        }
        // Stop after the third cell's checkpoint, add a row of an unfinished cell (a crash after tuning.csv was
        // written and before the checkpoint), resume: the files of an uninterrupted run.
        Path stopped = tmp.resolve("stopped");
        Config loaded = ExperimentKinds.loader().load(config, List.of());
        assertThrows(Exception.class, () -> Runner.run(loaded, stopped, new Runner.Options(1, stopAfter(3), false)));
        assertFalse(Files.exists(stopped.resolve("summary.json")));
        assertEquals(1 + 1 + TRIALS + TRIALS, Files.readAllLines(stopped.resolve(TuningLog.FILE)).size());
        Files.writeString(stopped.resolve(TuningLog.FILE), "emcdr,k3_beta30_seed3,1,1,0,,,0.5,true\n",
                java.nio.file.StandardOpenOption.APPEND);
        TestFiles.CliResult resumed = TestFiles.cli("resume", stopped.toString(), "--no-plots", "--threads", "1");
        assertEquals(0, resumed.code(), resumed.err());
        for (String f : List.of(TuningLog.FILE, "tasks.csv", "config.resolved.yaml", "summary.json")) {
            assertArrayEquals(TestFiles.bytes(tmp.resolve("one").resolve(f)), TestFiles.bytes(stopped.resolve(f)), f);
        }
    }

    /** Progress that fails the run once {@code cells} cells are done (after their checkpoint). */
    private static Progress stopAfter(int cells) {
        return new Progress() {
            @Override
            public void start(String phase, long total, long done, String unit) {
            }

            @Override
            public void update(long done, double loss) {
                if (done >= cells) {
                    throw new IllegalStateException("stopped by the test after " + done + " cells");
                }
            }

            @Override
            public void note(String message) {
            }

            @Override
            public void finish() {
            }
        };
    }

    @Test
    void unequalBudgetsAreRejectedUnlessDeclaredAndThenTheSummarySaysSo() throws Exception {
        Path dataDir = data("data", Set.of());
        String unequal = config(dataDir, "").replace("      maml:\n", "      maml:\n        trials: 7\n");
        Path bad = TestFiles.write(tmp, "bad.yaml", unequal);
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentKinds.loader().load(bad, List.of()));
        assertEquals(List.of(bad + ":45:17: crossdomain.tuning.methods.maml.trials: expected 5 (tuning.trials: every "
                + "method of a table gets the same budget), found 7; set tuning.unequal_budgets: true to run an unequal "
                + "table (summary.md then says so)"), e.problems().stream().map(ConfigProblem::toString).toList());
        Path declared = TestFiles.write(tmp, "declared.yaml", unequal.replace("    trials: 5\n",
                "    trials: 5\n    unequal_budgets: true\n"));
        TestFiles.CliResult r = run(declared, tmp.resolve("unequal"), 2);
        assertEquals(0, r.code(), r.err());
        assertTrue(TestFiles.read(tmp.resolve("unequal/summary.md")).contains("unequal tuning budgets "
                + "(tuning.unequal_budgets: true): global_mean 5, item_bias 5, pretrained 5, emcdr 5, maml 7, reptile 5 trials"),
                TestFiles.read(tmp.resolve("unequal/summary.md")));
        assertEquals(7, rows(tmp.resolve("unequal")).stream().filter(x -> x[0].equals("maml")).count());
    }

    @Test
    void aTunableMethodWithoutASpaceIsRejectedUnlessDeclaredAndThenTheSummarySaysSo() throws Exception {
        Path dataDir = data("data", Set.of());
        String spaceless = config(dataDir, "").replace("""
                      reptile:
                        space:
                          - {name: inner_lr, min: 0.005, max: 0.1, log: true}
                """, "");
        Path bad = TestFiles.write(tmp, "spaceless.yaml", spaceless);
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentKinds.loader().load(bad, List.of()));
        List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("crossdomain.tuning.methods.reptile.space: expected a search space over some "
                + "of [inner_lr, meta_lr, meta_iterations, weight_decay] for reptile"), problems.toString());
        Path declared = TestFiles.write(tmp, "spaceless-declared.yaml", spaceless.replace("    trials: 5\n",
                "    trials: 5\n    unequal_budgets: true\n"));
        TestFiles.CliResult r = run(declared, tmp.resolve("spaceless"), 1);
        assertEquals(0, r.code(), r.err());
        String summary = TestFiles.read(tmp.resolve("spaceless/summary.md"));
        assertTrue(summary.contains("no search space (trained once with the config's values, only checkpoints chosen): "
                + "reptile"), summary);
    }

    @Test
    void aSpaceOverASettingTheMethodDoesNotReadOrAnInvalidRangeIsAConfigError() {
        Path dataDir = data("data", Set.of());
        Path f = TestFiles.write(tmp, "f.yaml", config(dataDir, "").replace("{name: pooled_lr, min: 0.001",
                "{name: inner_lr, min: 0.001").replace("{name: item_shrinkage, min: 0.5", "{name: item_shrinkage, min: 0"));
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentKinds.loader().load(f, List.of()));
        List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("crossdomain.tuning.methods.item_bias.space[0].name: expected a range with "
                + "min > 0 on a log scale, found min 0.0"), problems.toString());
        assertTrue(problems.get(1).contains("crossdomain.tuning.methods.pretrained.space[0].name: expected one of "
                + "pooled_lr, pooled_epochs, fine_tune_lr, weight_decay"), problems.toString());
    }
}
