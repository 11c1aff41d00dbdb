package org.metarec.experiments.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metarec.core.json.Json;
import org.metarec.core.stats.Correction;

/** A primary family and a secondary one, each corrected on its own; one family by default. */
class FamiliesTest {

    /**
     * One seed, so only the Wilcoxon test over users applies: b beats ref on every user, and with n users the exact
     * two-sided p is 2 / 2^n. Measure (metric, setting) and n: rmse_user k5 5 (p 1/16), rmse_user warm_k5 4 (1/8),
     * mae_user k5 6 (1/32), mae_user warm_k5 3 (1/4), rmse_users 5 (1/16; not rmse_user: no '_' follows the name).
     */
    private static final Object[][] METRICS = {
        {"rmse_user", "k5", 5}, {"rmse_user", "warm_k5", 4}, {"mae_user", "k5", 6}, {"mae_user", "warm_k5", 3}, {"rmse_users", "", 5}};

    private static final Families RMSE = new Families(List.of("rmse_user"));

    private static ResultSink sink(String... metrics) {
        ResultSink sink = new ResultSink();
        sink.declareMethods("ref", "b");
        for (Object[] m : METRICS) {
            if (metrics.length > 0 && !List.of(metrics).contains(new Measure((String) m[0], (String) m[1], null).key().metric())) {
                continue;
            }
            Measure measure = new Measure((String) m[0], (String) m[1], null);
            for (int u = 0; u < (int) m[2]; u++) {
                sink.record("ref", measure, new TaskId(1, u, u), 1.0);
                sink.record("b", measure, new TaskId(1, u, u), 1.0 + 0.1 * (u + 1));
            }
        }
        return sink;
    }

    private static double adjusted(Summary s, String metric) {
        return s.rows().stream().filter(r -> r.method().equals("b") && r.key().metric().equals(metric)).findFirst()
                .orElseThrow().adjusted().wilcoxonUsers();
    }

    @Test
    void eachFamilyIsCorrectedAsIfItWereAlone() {
        Summary split = Summary.of(sink(), "ref", Correction.HOLM, RMSE);
        assertEquals(0.0625, split.rows().stream().filter(r -> r.method().equals("b") && r.key().metric().equals("rmse_user_k5"))
                .findFirst().orElseThrow().raw().wilcoxonUsers(), 1e-12);
        // Primary {1/16, 1/8}: Holm 2 * 1/16 = 0.125, max(0.125, 1 * 1/8) = 0.125.
        assertEquals(0.125, adjusted(split, "rmse_user_k5"), 1e-12);
        assertEquals(0.125, adjusted(split, "rmse_user_warm_k5"), 1e-12);
        // Secondary {1/32, 1/4, 1/16}: sorted 1/32, 1/16, 1/4 -> 3/32 = 0.09375, max(0.09375, 2/16) = 0.125, max(0.125, 1/4) = 0.25.
        assertEquals(0.09375, adjusted(split, "mae_user_k5"), 1e-12);
        assertEquals(0.125, adjusted(split, "rmse_users"), 1e-12);
        assertEquals(0.25, adjusted(split, "mae_user_warm_k5"), 1e-12);
        // One family of all five: 5/32 = 0.15625, then max(., 4/16, 3/16, 2/8, 1/4) = 0.25 for the rest.
        Summary one = Summary.of(sink(), "ref", Correction.HOLM);
        assertEquals(0.15625, adjusted(one, "mae_user_k5"), 1e-12);
        assertEquals(0.25, adjusted(one, "rmse_user_k5"), 1e-12);
        // The same as each family's metrics summarised alone, under Holm and under Benjamini-Hochberg.
        for (Correction c : Correction.values()) {
            Summary both = Summary.of(sink(), "ref", c, RMSE);
            Summary primary = Summary.of(sink("rmse_user_k5", "rmse_user_warm_k5"), "ref", c);
            Summary secondary = Summary.of(sink("mae_user_k5", "mae_user_warm_k5", "rmse_users"), "ref", c);
            for (Summary alone : List.of(primary, secondary)) {
                for (SummaryRow r : alone.rows()) {
                    assertEquals(r, both.rows().stream().filter(x -> x.method().equals(r.method()) && x.key().equals(r.key()))
                            .findFirst().orElseThrow(), c + " " + r.key());
                }
            }
        }
    }

    @Test
    void noPrimaryMetricsIsTheOneFamilyOfBefore() {
        Summary one = Summary.of(sink(), "ref", Correction.HOLM);
        assertEquals(one, Summary.of(sink(), "ref", Correction.HOLM, Families.ONE));
        assertEquals(one, Summary.of(sink(), "ref", Correction.HOLM, new Families(List.of())));
        Map<String, Object> json = one.toJson(Map.of());
        assertEquals(List.of("reference", "confidence_level", "correction", "comparisons", "results"), List.copyOf(json.keySet()));
        assertFalse(((Map<?, ?>) ((List<?>) json.get("results")).get(0)).containsKey("family"));
        assertTrue(one.markdown("t").contains("Every p-value shown is adjusted by Holm's step-down procedure (family-wise "
                + "error rate) over all 5 tests of this table"), one.markdown("t"));
    }

    @Test
    void theTableSaysBothFamiliesAndTheirSizes() {
        Summary split = Summary.of(sink(), "ref", Correction.BH, new Families(List.of("rmse_user", "mae_user_warm")));
        String md = split.markdown("t");
        assertTrue(md.contains("The p-values form two families, each adjusted on its own by the Benjamini-Hochberg procedure "
                + "(false discovery rate) over its tests: the primary family (`evaluation.primary_metrics`: `rmse_user`, "
                + "`mae_user_warm`, each with every setting) has 3 tests, the secondary (exploratory) family of all other "
                + "metrics 2 tests."), md);
        assertFalse(md.contains("over all 5 tests"), md);
    }

    @Test
    void aPrimaryNameThatMatchesNoMetricIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Summary.of(sink(), "ref", Correction.HOLM, new Families(List.of("rmse_user", "ndcg10"))));
        assertEquals("evaluation.primary_metrics: 'ndcg10' matches no metric of this run; metrics: mae_user, rmse_user, "
                + "rmse_users", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Summary.of(sink(), "ref", Correction.HOLM,
                new Families(List.of("rmse_user_k10"))), "a setting the run did not have");
        assertThrows(IllegalArgumentException.class, () -> new Families(List.of("rmse_user", "rmse_user")));
        assertThrows(IllegalArgumentException.class, () -> new Families(List.of("rmse user")));
    }

    @Test
    void namesMatchTheMetricOrItsSettings() {
        assertTrue(Families.matches("rmse_user", "rmse_user"));
        assertTrue(Families.matches("rmse_user", "rmse_user_warm_k5_beta20"));
        assertFalse(Families.matches("rmse_user", "rmse_users"));
        assertFalse(Families.matches("rmse_user_k5", "rmse_user_k50_beta20"), "k5 is not k50");
        assertTrue(new Families(List.of("mse_k10_steps1")).isPrimary(new MetricKey("mse_k10", 1)), "steps, as summary.json names the row");
        assertFalse(new Families(List.of("mse_k10_steps1")).isPrimary(new MetricKey("mse_k10", 10)));
        // Before the run only the metrics without settings are known: a name may add a setting or stop before a '_'.
        List<String> known = List.of("rmse_user", "sampled_ndcg10");
        assertTrue(Families.mayMatch("rmse_user_warm", known));
        assertTrue(Families.mayMatch("rmse", known));
        assertTrue(Families.mayMatch("sampled", known));
        assertFalse(Families.mayMatch("rmse_usr", known));
        assertFalse(Families.mayMatch("sampled_ndcg1", known));
    }

    @Test
    void jsonRoundTripWithAndWithoutFamilies() {
        for (Families f : List.of(Families.ONE, RMSE)) {
            Summary s = Summary.of(sink(), "ref", Correction.HOLM, f);
            Object json = Json.parse(Json.write(s.toJson(Map.of("name", "x"))), "summary.json");
            assertEquals(s, Summary.fromJson(json, "summary.json"), f.toString());
        }
        Map<?, ?> json = (Map<?, ?>) Json.parse(Json.write(Summary.of(sink(), "ref", Correction.HOLM, RMSE).toJson(Map.of())), "s");
        assertEquals(List.of("rmse_user"), json.get("primary_metrics"));
        assertEquals(2L, json.get("comparisons_primary"));
        assertEquals(3L, json.get("comparisons_secondary"));
        assertEquals(5L, json.get("comparisons"));
        for (Object o : (List<?>) json.get("results")) {
            Map<?, ?> row = (Map<?, ?>) o;
            assertEquals(((String) row.get("metric")).startsWith("rmse_user_") ? "primary" : "secondary", row.get("family"), row.toString());
        }
    }

    @Test
    void aSummaryWrittenBeforeFamiliesExistedReadsAsOneFamily() {
        Summary s = Summary.of(sink(), "ref", Correction.HOLM, RMSE);
        Map<String, Object> json = new LinkedHashMap<>(s.toJson(Map.of()));
        json.remove("primary_metrics");
        json.remove("comparisons_primary");
        json.remove("comparisons_secondary");
        Summary old = Summary.fromJson(Json.parse(Json.write(json), "summary.json"), "summary.json");
        assertEquals(Families.ONE, old.families());
        assertEquals(s.rows(), old.rows(), "the rows' own values are read as written (a row's family field is ignored)");
        json.put("primary_metrics", "rmse_user");
        assertEquals("summary.json: primary_metrics: expected a list of metric names, found rmse_user",
                assertThrows(IllegalArgumentException.class, () -> Summary.fromJson(Json.parse(Json.write(json), "s"), "summary.json"))
                        .getMessage());
    }
}
