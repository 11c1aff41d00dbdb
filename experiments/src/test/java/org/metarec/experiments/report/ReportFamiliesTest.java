package org.metarec.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.core.json.Json;
import org.metarec.core.stats.Correction;
import org.metarec.experiments.TestFiles;

/**
 * {@code metarec report --primary-metrics} on a cross-domain run folder (per_user.csv and per_seed.csv of three
 * seeds): the families of a finished run chosen again without re-running it.
 */
class ReportFamiliesTest {

    @TempDir
    static Path tmp;

    private static Path plain;
    private static Path declared;

    @BeforeAll
    static void runs() throws Exception {
        Path config = Path.of(ReportFamiliesTest.class.getResource("/golden/one-family/config.yaml").toURI());
        plain = tmp.resolve("plain");
        declared = tmp.resolve("declared");
        assertEquals(0, TestFiles.cli("run", config.toString(), "--out", plain.toString(), "--threads", "2", "--no-plots").code());
        TestFiles.CliResult r = TestFiles.cli("run", config.toString(), "--out", declared.toString(), "--threads", "2", "--no-plots",
                "--set", "evaluation.primary_metrics=[rmse_user, sampled_ndcg5]");
        assertEquals(0, r.code(), r.err());
    }

    private static Map<?, ?> report(String name, String... options) {
        Path out = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("report"));
        args.addAll(List.of(options));
        args.addAll(List.of("--out", out.toString()));
        TestFiles.CliResult r = TestFiles.cli(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        try {
            return (Map<?, ?>) Json.readFile(out.resolve("report.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Map<?, ?>> rows(Map<?, ?> json) {
        return ((List<?>) json.get("results")).stream().<Map<?, ?>>map(o -> (Map<?, ?>) o).toList();
    }

    @Test
    void theOptionGivesARunWithoutFamiliesThoseOfARunThatDeclaredThem() throws Exception {
        Map<?, ?> given = report("given", plain.toString(), "--primary-metrics", "rmse_user,sampled_ndcg5");
        Map<?, ?> run = (Map<?, ?>) Json.readFile(declared.resolve("summary.json"));
        assertEquals(List.of("rmse_user", "sampled_ndcg5"), given.get("primary_metrics"));
        for (String field : List.of("comparisons", "comparisons_primary", "comparisons_secondary")) {
            assertEquals(run.get(field), given.get(field), field);
        }
        // Row for row the same values and families as the run that declared them before it ran.
        List<Map<?, ?>> a = rows(given);
        List<Map<?, ?>> b = rows(run);
        assertEquals(b.size(), a.size());
        for (int i = 0; i < a.size(); i++) {
            for (String field : List.of("method", "metric", "family", "p_wilcoxon_users", "p_wilcoxon_users_adjusted",
                    "p_ttest_seeds_adjusted")) {
                assertEquals(b.get(i).get(field), a.get(i).get(field), field + " of " + b.get(i));
            }
        }
        String md = TestFiles.read(tmp.resolve("given/report.md"));
        assertTrue(md.contains("the primary family (`evaluation.primary_metrics`: `rmse_user`, `sampled_ndcg5`, each with "
                + "every setting) has " + run.get("comparisons_primary") + " tests"), md);
        assertTrue(md.contains("Families: this report corrects within the primary metrics [rmse_user, sampled_ndcg5], given to "
                + "`metarec report --primary-metrics` after the runs, not declared in their configs "
                + "(`evaluation.primary_metrics`: one family)."), md);
    }

    @Test
    void withoutTheOptionTheRunsOwnFamiliesAreUsed() {
        Map<?, ?> own = report("own", declared.toString());
        assertEquals(List.of("rmse_user", "sampled_ndcg5"), own.get("primary_metrics"));
        assertFalse(TestFiles.read(tmp.resolve("own/report.md")).contains("Families:"));
        Map<?, ?> none = report("none", plain.toString());
        assertFalse(none.containsKey("primary_metrics"), "a run without families reports one family");
        assertTrue(rows(none).stream().noneMatch(r -> r.containsKey("family")));
        // An empty value undoes the run's families.
        Map<?, ?> undone = report("undone", declared.toString(), "--primary-metrics=");
        assertFalse(undone.containsKey("primary_metrics"));
        assertEquals(none.get("comparisons"), undone.get("comparisons"));
        assertEquals(rows(none), rows(undone));
    }

    @Test
    void theAdjustedValuesAreEachFamilysOwnCorrection() {
        Map<?, ?> json = report("check", plain.toString(), "--primary-metrics", "rmse_user");
        for (String family : List.of("primary", "secondary")) {
            List<Double> raw = new ArrayList<>();
            List<Double> adjusted = new ArrayList<>();
            for (Map<?, ?> row : rows(json)) {
                if (!row.get("family").equals(family)) {
                    continue;
                }
                for (String test : List.of("p_ttest_seeds", "p_wilcoxon_seeds", "p_wilcoxon_users")) {
                    if (row.get(test) != null) {
                        raw.add(((Number) row.get(test)).doubleValue());
                        adjusted.add(((Number) row.get(test + "_adjusted")).doubleValue());
                    }
                }
            }
            assertEquals(((Number) json.get("comparisons_" + family)).intValue(), raw.size(), family);
            double[] expected = Correction.HOLM.adjust(raw.stream().mapToDouble(Double::doubleValue).toArray());
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], adjusted.get(i), 0.0, family + " test " + i);
            }
        }
    }

    @Test
    void aNameThatMatchesNoMetricIsAUsageError() {
        TestFiles.CliResult r = TestFiles.cli("report", plain.toString(), "--primary-metrics", "rmse_user,ndcg10",
                "--out", tmp.resolve("bad").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: --primary-metrics: 'ndcg10' matches no metric of this run; metrics: mae_pooled, "
                + "mae_user, ndcg3_within_query, rmse_pooled, rmse_user, sampled_hr5, sampled_mrr, sampled_ndcg5\n"), r.err());
        r = TestFiles.cli("report", plain.toString(), "--primary-metrics", "rmse user", "--out", tmp.resolve("bad2").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: --primary-metrics: primary metrics use letters"), r.err());
    }
}
