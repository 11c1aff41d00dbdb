package org.metarec.experiments.study.implicit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.experiments.ExperimentKinds;
import org.metarec.experiments.TestFiles;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.config.ConfigException;
import org.metarec.experiments.config.ConfigOverride;
import org.metarec.experiments.config.ConfigProblem;
import org.metarec.experiments.run.Progress;
import org.metarec.experiments.run.Runner;
import org.metarec.experiments.study.rec.TuningLog;

/**
 * {@code implicit.tuning} end to end on a generated CDRIB scenario: every method gets the same budget of trials
 * (checkpoints scored at every K), each K chooses its own trial with the best validation MRR, the chosen values go to
 * the tuned block; altering every test interaction leaves {@code tuning.csv} byte-identical; one and two threads give
 * the same files; unequal budgets are rejected unless declared.
 */
class ImplicitTuningTest {

    private static final int TRIALS = 4;
    private static final int ITEMS = 40;

    @TempDir
    Path tmp;

    private static String config(Path data, String extra) {
        return """
                name: tuned
                experiment: implicit
                data:
                  source: cdrib
                  path: %s
                protocol:
                  target_domain: video
                methods: [popularity, bpr_mf, pooled, maml, reptile]
                model:
                  embedding_dim: 3
                meta:
                  meta_batch: 3
                budget:
                  meta_iterations: 4
                  validate_every: 2
                evaluation:
                  support_sizes: [0, 2]
                implicit:
                  negatives: 8
                  epochs: 2
                  batch: 32
                  tuning:
                    strategy: random
                    trials: %d
                %s    methods:
                      bpr_mf:
                        space:
                          - {name: pooled_lr, min: 0.002, max: 0.05, log: true}
                          - {name: fine_tune_lr, choices: [0, 0.1, 0.3]}
                      pooled:
                        space:
                          - {name: pooled_epochs, min: 1, max: 3}
                          - {name: weight_decay, min: 0.00001, max: 0.01, log: true}
                      maml:
                        space:
                          - {name: inner_lr, min: 0.02, max: 0.5, log: true}
                          - {name: meta_iterations, choices: [2, 4]}
                      reptile:
                        space:
                          - {name: meta_lr, min: 0.0005, max: 0.005, log: true}
                """.formatted(data, TRIALS, extra);
    }

    /** The config without reptile's space. */
    private static String withoutReptileSpace(String config) {
        String space = "      reptile:\n        space:\n          - {name: meta_lr, min: 0.0005, max: 0.005, log: true}\n";
        assertTrue(config.contains(space));
        return config.replace(space, "");
    }

    /** The spaces of the transfer methods and NeuMF in {@link #transferConfig}, each over settings it reads. */
    private static final String TRANSFER_SPACES = """
                  emcdr:
                    space:
                      - {name: mapping_lr, min: 0.003, max: 0.1, log: true}
                      - {name: mapping_iterations, choices: [2, 4]}
                  ptupcdr:
                    space:
                      - {name: mapping_lr, min: 0.003, max: 0.1, log: true}
                      - {name: fine_tune_lr, choices: [0, 0.3]}
                  neumf:
                    space:
                      - {name: pooled_lr, min: 0.005, max: 0.05, log: true}
                      - {name: weight_decay, min: 0.00001, max: 0.01, log: true}
            """;

    /**
     * A tuned run of {@code methods} (of emcdr, ptupcdr and neumf) with {@code trials}: {@code implicit} holds further
     * keys of that section, {@code tuning} of its {@code tuning}, {@code spaces} the entries of {@code tuning.methods}
     * (lines indented as in the file). The mapping and the bridge take 4 steps with a checkpoint every 2, BPR 3 epochs:
     * 3 checkpoints each.
     */
    private static String transferConfig(Path data, String methods, int trials, String implicit, String tuning,
                                         String spaces) {
        return """
                name: transfer
                experiment: implicit
                data:
                  source: cdrib
                  path: %s
                protocol:
                  target_domain: video
                methods: %s
                model:
                  embedding_dim: 3
                meta:
                  meta_batch: 4
                evaluation:
                  support_sizes: [0, 2]
                implicit:
                  negatives: 8
                  epochs: 3
                  batch: 32
                  lr: 0.02
                  mapping_hidden: 8
                  mapping_iterations: 4
                  mapping_validate_every: 2
                %s  tuning:
                    strategy: random
                    trials: %d
                %s""".formatted(data, methods, implicit, trials,
                tuning + (spaces.isEmpty() ? "" : "    methods:\n" + spaces));
    }

    /** Per cell ({@code method/k<K>_seed1}), the steps and validation MRRs of the trials of setting 1. */
    private static Map<String, List<String>> firstSetting(Path run) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        rowsByCell(run).forEach((cell, rows) -> out.put(cell, rows.stream().filter(r -> r[3].equals("1"))
                .map(r -> r[4] + ":" + r[7]).toList()));
        return out;
    }

    private Path run(Path config, String name, int threads) throws IOException {
        Config c = ExperimentKinds.loader().load(config, List.<ConfigOverride>of());
        Path out = tmp.resolve("run-" + name);
        Runner.run(c, out, new Runner.Options(threads, Progress.silent(), false));
        return out;
    }

    /** Every test interaction of both folders gets another item of the same taste half (one that exists anyway). */
    private static void alterTestInteractions(Path data) throws IOException {
        for (String folder : List.of("game_video", "video_game")) {
            Path test = data.resolve(folder).resolve("test.txt");
            int items = folder.equals("game_video") ? ITEMS : 30;
            int half = items / 2;
            StringBuilder out = new StringBuilder();
            for (String line : Files.readAllLines(test, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                int item = Integer.parseInt(f[1]);
                int base = item / half * half;
                out.append(f[0]).append('\t').append(base + (item - base + 1) % half).append('\n');
            }
            Files.writeString(test, out, StandardCharsets.UTF_8);
        }
    }

    private static Map<String, List<String[]>> rowsByCell(Path run) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve(TuningLog.FILE));
        assertEquals("method,cell,trial,setting,step,values,adaptation,validation_mrr,chosen", lines.get(0));
        Map<String, List<String[]>> out = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] row = line.split(",", -1);
            assertEquals(9, row.length, line);
            out.computeIfAbsent(row[0] + "/" + row[1], k -> new ArrayList<>()).add(row);
        }
        return out;
    }

    @Test
    void everyMethodSpendsTheSameBudgetAndEachKChoosesItsBestTrial() throws IOException {
        Path data = CdribFixture.write(tmp.resolve("data"), 3);
        Path run = run(TestFiles.write(tmp, "c.yaml", config(data, "")), "c", 2);
        Map<String, List<String[]>> cells = rowsByCell(run);
        List<String> expected = new ArrayList<>();
        for (String m : List.of("popularity", "bpr_mf", "pooled", "maml", "reptile")) {
            for (String k : List.of("k0", "k2")) {
                expected.add(m + "/" + k + "_seed1");
            }
        }
        assertEquals(expected, new ArrayList<>(cells.keySet()));
        String tuned = TestFiles.read(run.resolve("config.resolved.yaml"));
        cells.forEach((cell, rows) -> {
            // popularity has one setting (scored once); every other method spends the whole budget.
            int n = cell.startsWith("popularity") ? 1 : TRIALS;
            assertEquals(n, rows.size(), cell);
            double highest = rows.stream().mapToDouble(x -> Double.parseDouble(x[7])).max().orElseThrow();
            String[] first = rows.stream().filter(x -> Double.parseDouble(x[7]) == highest).findFirst().orElseThrow();
            for (int t = 0; t < rows.size(); t++) {
                assertEquals(Integer.toString(t + 1), rows.get(t)[2], cell);
                assertEquals(rows.get(t) == first, rows.get(t)[8].equals("true"), cell + " trial " + (t + 1));
            }
            assertTrue(tuned.contains("#   " + cell.replace('/', '.') + ":\n#     trial: " + first[2] + "\n#     step: "
                    + first[4] + "\n#     values: \"" + first[5] + "\""), cell + "\n" + tuned);
        });
        // The two K are the same trainings: the same trials, scored at each K.
        for (String m : List.of("bpr_mf", "maml")) {
            List<String[]> k0 = cells.get(m + "/k0_seed1");
            List<String[]> k2 = cells.get(m + "/k2_seed1");
            for (int t = 0; t < k0.size(); t++) {
                assertEquals(List.of(k0.get(t)[3], k0.get(t)[4], k0.get(t)[5]), List.of(k2.get(t)[3], k2.get(t)[4],
                        k2.get(t)[5]), m);
            }
        }
        // Drawn values are in their spaces, and maml never trains past its drawn length.
        for (String[] row : cells.get("maml/k0_seed1")) {
            java.util.regex.Matcher v = java.util.regex.Pattern.compile("inner_lr=([0-9.]+) meta_iterations=([24])")
                    .matcher(row[5]);
            assertTrue(v.matches(), row[5]);
            assertTrue(Long.parseLong(row[4]) <= Long.parseLong(v.group(2)), String.join(",", row));
        }
        for (String[] row : cells.get("bpr_mf/k0_seed1")) {
            assertTrue(row[5].matches("pooled_lr=[0-9.]+ fine_tune_lr=(0|0.1|0.3)"), row[5]);
        }
        assertFalse(TestFiles.read(run.resolve("summary.md")).contains("unequal tuning budgets"));
    }

    @Test
    void alteringEveryTestInteractionChangesNoTrialAndTwoThreadsGiveTheSameFiles() throws IOException {
        Path plain = CdribFixture.write(tmp.resolve("plain"), 3);
        Path altered = CdribFixture.write(tmp.resolve("altered"), 3);
        alterTestInteractions(altered);
        Path a = run(TestFiles.write(tmp, "a.yaml", config(plain, "")), "a", 2);
        Path one = run(TestFiles.write(tmp, "one.yaml", config(plain, "")), "one", 1);
        Path b = run(TestFiles.write(tmp, "b.yaml", config(altered, "")), "b", 2);
        for (String f : List.of(TuningLog.FILE, "tasks.csv", "train.csv", "negatives/valid_seed1.tsv")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(one.resolve(f)), "threads: " + f);
        }
        assertArrayEquals(Files.readAllBytes(a.resolve(TuningLog.FILE)), Files.readAllBytes(b.resolve(TuningLog.FILE)),
                "a trial changed when only test interactions changed");
        String tunedA = TestFiles.read(a.resolve("config.resolved.yaml"));
        String tunedB = TestFiles.read(b.resolve("config.resolved.yaml"));
        assertEquals(tunedA.substring(tunedA.indexOf("# tuned:")), tunedB.substring(tunedB.indexOf("# tuned:")));
        assertFalse(Files.readString(a.resolve("tasks.csv")).equals(Files.readString(b.resolve("tasks.csv"))),
                "the altered interactions are the ones the methods are measured on");
    }

    @Test
    void unequalBudgetsAreRejectedUnlessDeclaredAndThenTheSummarySaysSo() throws IOException {
        Path data = CdribFixture.write(tmp.resolve("data"), 3);
        String unequal = config(data, "").replace("      bpr_mf:\n", "      bpr_mf:\n        trials: 6\n");
        Path bad = TestFiles.write(tmp, "bad.yaml", unequal);
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentKinds.loader().load(bad, List.of()));
        List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("implicit.tuning.methods.bpr_mf.trials: expected 4 (tuning.trials: every "
                + "method of a table gets the same budget), found 6"), problems.get(0));
        Path declared = TestFiles.write(tmp, "declared.yaml", config(data, "    unequal_budgets: true\n")
                .replace("      bpr_mf:\n", "      bpr_mf:\n        trials: 6\n"));
        Path run = run(declared, "declared", 2);
        assertTrue(TestFiles.read(run.resolve("summary.md")).contains("unequal tuning budgets (tuning.unequal_budgets: "
                + "true): popularity 4, bpr_mf 6, pooled 4, maml 4, reptile 4 trials"), TestFiles.read(run.resolve("summary.md")));
        assertEquals(6, rowsByCell(run).get("bpr_mf/k0_seed1").size());
    }

    @Test
    void aTunableMethodWithoutASpaceIsRejectedUnlessDeclaredAndThenTheSummaryNamesIt() throws IOException {
        Path data = CdribFixture.write(tmp.resolve("data"), 3);
        Path bad = TestFiles.write(tmp, "bad.yaml", withoutReptileSpace(config(data, "")));
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentKinds.loader().load(bad, List.of()));
        List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("implicit.tuning.methods.reptile.space: expected a search space over some of "
                + "[inner_lr, meta_lr, meta_iterations] for reptile"), problems.get(0));
        Path declared = TestFiles.write(tmp, "declared.yaml",
                withoutReptileSpace(config(data, "    unequal_budgets: true\n")));
        Path run = run(declared, "declared", 2);
        String summary = TestFiles.read(run.resolve("summary.md"));
        assertTrue(summary.contains("no search space (trained once with the config's values, only checkpoints chosen): "
                + "reptile"), summary);
        // One training with the config's values: its checkpoints 0, 2 and 4, fewer than the budget.
        assertEquals(3, rowsByCell(run).get("reptile/k0_seed1").size());
    }

    @Test
    void aSpaceOverASettingTheMethodDoesNotReadIsAConfigError() throws IOException {
        Path data = CdribFixture.write(tmp.resolve("data"), 3);
        Path f = TestFiles.write(tmp, "f.yaml", config(data, "").replace("{name: inner_lr, min: 0.02",
                "{name: pooled_lr, min: 0.02"));
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentKinds.loader().load(f, List.of()));
        List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("implicit.tuning.methods.maml.space[0].name: expected one of inner_lr, "
                + "meta_lr, meta_iterations"), problems.get(0));
    }

    @Test
    void emcdrPtupcdrAndNeumfSpendTheSameBudgetOnSettingsDrawnFromTheirSpaces() throws IOException {
        Path data = CdribFixture.write(tmp.resolve("data"), 3);
        int trials = 7;
        Path run = run(TestFiles.write(tmp, "t.yaml", transferConfig(data, "[emcdr, ptupcdr, neumf]", trials, "", "",
                TRANSFER_SPACES)), "t", 2);
        Map<String, List<String[]>> cells = rowsByCell(run);
        assertEquals(List.of("emcdr/k0_seed1", "emcdr/k2_seed1", "ptupcdr/k0_seed1", "ptupcdr/k2_seed1", "neumf/k0_seed1",
                "neumf/k2_seed1"), new ArrayList<>(cells.keySet()));
        Map<String, String> pattern = Map.of(
                "emcdr", "mapping_lr=[0-9.]+ mapping_iterations=([24])",
                "ptupcdr", "mapping_lr=[0-9.]+ fine_tune_lr=(0|0.3)",
                "neumf", "pooled_lr=[0-9.]+ weight_decay=[0-9.E-]+");
        cells.forEach((cell, rows) -> {
            String method = cell.substring(0, cell.indexOf('/'));
            assertEquals(trials, rows.size(), cell);
            // At most 3 checkpoints a setting, so at least 3 settings, each with its own draw.
            assertTrue(rows.stream().map(r -> r[3]).distinct().count() >= 3, cell);
            assertTrue(rows.stream().map(r -> r[5]).distinct().count() >= 3, cell);
            for (String[] row : rows) {
                java.util.regex.Matcher v = java.util.regex.Pattern.compile(pattern.get(method)).matcher(row[5]);
                assertTrue(v.matches(), cell + ": " + row[5]);
                if (method.equals("emcdr")) {
                    assertTrue(Long.parseLong(row[4]) <= Long.parseLong(v.group(1)), "emcdr trains no further than its "
                            + "drawn length: " + String.join(",", row));
                }
            }
        });
        assertFalse(TestFiles.read(run.resolve("summary.md")).contains("unequal tuning budgets"));
    }

    @Test
    void aDrawnValueTrainsEmcdrPtupcdrAndNeumfAsTheConfigValueWould() throws IOException {
        Path data = CdribFixture.write(tmp.resolve("data"), 3);
        String unequal = "    unequal_budgets: true\n";
        // Spaces of one value each, so that every drawn setting is known.
        Path drawn = run(TestFiles.write(tmp, "drawn.yaml", transferConfig(data, "[emcdr, ptupcdr, neumf]", 3, "", "", """
                      emcdr:
                        space: [{name: mapping_lr, choices: [0.05]}, {name: fine_tune_lr, choices: [0.3]}]
                      ptupcdr:
                        space: [{name: mapping_lr, choices: [0.05]}, {name: fine_tune_lr, choices: [0.3]}]
                      neumf:
                        space: [{name: pooled_lr, choices: [0.05]}, {name: weight_decay, choices: [0.003]}]
                """)), "drawn", 2);
        // The same values as the config's, without spaces (pooled_lr is implicit.lr, which the factors read too).
        Path mapping = run(TestFiles.write(tmp, "mapping.yaml", transferConfig(data, "[emcdr, ptupcdr]", 3,
                "  mapping_lr: 0.05\n  fine_tune_lr: 0.3\n", unequal, "")), "mapping", 2);
        Path neumf = run(TestFiles.write(tmp, "neumf.yaml", transferConfig(data, "[neumf]", 3,
                "  weight_decay: 0.003\n", unequal, "").replace("  lr: 0.02\n", "  lr: 0.05\n")), "neumf", 2);
        Path plain = run(TestFiles.write(tmp, "plain.yaml", transferConfig(data, "[emcdr, ptupcdr, neumf]", 3, "",
                unequal, "")), "plain", 2);
        Map<String, List<String>> tuned = firstSetting(drawn);
        Map<String, List<String>> asConfig = new LinkedHashMap<>(firstSetting(mapping));
        asConfig.putAll(firstSetting(neumf));
        Map<String, List<String>> untouched = firstSetting(plain);
        for (String method : List.of("emcdr", "ptupcdr", "neumf")) {
            List<String> cells = List.of(method + "/k0_seed1", method + "/k2_seed1");
            for (String cell : cells) {
                assertEquals(3, tuned.get(cell).size(), cell);
                assertEquals(asConfig.get(cell), tuned.get(cell), cell + ": a drawn value is the config value for one trial");
            }
            assertFalse(cells.stream().map(tuned::get).toList().equals(cells.stream().map(untouched::get).toList()),
                    method + ": the drawn values change the trials (they would not if its space were ignored)");
        }
    }

    @Test
    void emcdrPtupcdrAndNeumfWithoutASpaceOrWithAnUnreadSettingAreRejected() throws IOException {
        Path data = CdribFixture.write(tmp.resolve("data"), 3);
        Map<String, String> readable = Map.of("emcdr", "[mapping_lr, mapping_iterations, fine_tune_lr]",
                "ptupcdr", "[mapping_lr, mapping_iterations, fine_tune_lr]",
                "neumf", "[pooled_lr, pooled_epochs, fine_tune_lr, weight_decay]");
        for (String method : List.of("emcdr", "ptupcdr", "neumf")) {
            String spaces = TRANSFER_SPACES.replaceAll("(?s)      " + method + ":\n        space:\n(          - [^\n]*\n)+", "");
            assertFalse(spaces.contains(method), spaces);
            Path f = TestFiles.write(tmp, method + ".yaml", transferConfig(data, "[emcdr, ptupcdr, neumf]", 7, "", "", spaces));
            ConfigException e = assertThrows(ConfigException.class, () -> ExperimentKinds.loader().load(f, List.of()));
            List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).contains("implicit.tuning.methods." + method + ".space: expected a search space "
                    + "over some of " + readable.get(method) + " for " + method), problems.get(0));
        }
        Path unread = TestFiles.write(tmp, "unread.yaml", transferConfig(data, "[emcdr, ptupcdr, neumf]", 7, "", "",
                TRANSFER_SPACES.replace("{name: mapping_iterations, choices: [2, 4]}", "{name: pooled_epochs, min: 1, max: 3}")));
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentKinds.loader().load(unread, List.of()));
        List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("implicit.tuning.methods.emcdr.space[1].name: expected one of mapping_lr, "
                + "mapping_iterations, fine_tune_lr"), problems.get(0));
    }
}
