package org.metarec.experiments.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metarec.core.json.Json;
import org.metarec.core.stats.Correction;
import org.metarec.core.stats.PairedTests;

/** Seeds as the unit of evidence: per-seed means and intervals, tests over seeds and users, corrections, identical methods. */
class SummaryTest {

    private static final Measure RMSE = new Measure("rmse_user", "k5", null);

    private static void user(ResultSink sink, String method, long seed, int task, int user, double value) {
        sink.record(method, RMSE, new TaskId(seed, task, user), value);
    }

    private static SummaryRow row(Summary s, String method, String metric) {
        return s.rows().stream().filter(r -> r.method().equals(method) && r.key().metric().equals(metric)).findFirst().orElseThrow();
    }

    /** Student t with 2 degrees of freedom has the closed-form quantile t_p = (2p - 1) / sqrt(2p(1 - p)). */
    private static double t2(double p) {
        return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
    }

    @Test
    void theIntervalIsOverPerSeedMeansNotOverPooledTasks() {
        // Per-seed means 1, 2 and 3 from 2, 1 and 3 users: mean over seeds 2, sample sd 1, df = 2. Pooled over the six
        // tasks the mean would be 13/6.
        ResultSink sink = new ResultSink();
        user(sink, "a", 1, 0, 10, 0.5);
        user(sink, "a", 1, 1, 11, 1.5);
        user(sink, "a", 2, 0, 10, 2.0);
        user(sink, "a", 3, 0, 12, 2.0);
        user(sink, "a", 3, 1, 13, 3.0);
        user(sink, "a", 3, 2, 14, 4.0);
        SeedStats stats = Summary.of(sink, null).rows().get(0).stats();
        double half = t2(0.975) * 1.0 / Math.sqrt(3);
        assertEquals(3, stats.seeds());
        assertEquals(5, stats.users(), "users 10..14, user 10 tested in two seeds counted once");
        assertEquals(2.0, stats.mean(), 1e-15);
        assertEquals(2.0 - half, stats.ciLow(), 1e-9);
        assertEquals(2.0 + half, stats.ciHigh(), 1e-9);
    }

    @Test
    void aSingleSeedHasNoIntervalAndSaysWhy() {
        ResultSink sink = new ResultSink(7);
        sink.record("a", "mse", 0, 1.0);
        sink.record("a", "mse", 1, 3.0);
        Summary s = Summary.of(sink, null);
        SeedStats stats = s.rows().get(0).stats();
        assertEquals(1, stats.seeds());
        assertEquals(2, stats.users(), "two tasks that are no users: two units");
        assertNull(stats.ciLow());
        assertNull(stats.ciHigh());
        String md = s.markdown("demo");
        assertTrue(md.contains("| mse | - | a (ref) | 2.000 | n/a (1 seed) | 1 | 2 |"), md);
        Map<?, ?> json = (Map<?, ?>) ((List<?>) s.toJson(Map.of()).get("results")).get(0);
        assertNull(json.get("ci_low"));
        assertNull(json.get("ci_high"));
        assertEquals("n/a (1 seed)", json.get("ci_note"));
        assertThrows(IllegalArgumentException.class, () -> new SeedStats(1, 2, 2.0, 2.0, 2.0), "never a zero-width interval");
    }

    @Test
    void aUserTestedInTwoSeedsIsCountedOnceWithItsMeanOverThem() {
        // Users 2 and 3 are test users of both seeds. Their means: u1 1, u2 3, u3 -1.5, u4 5 against 0: |d| ranks 1, 3, 2, 4,
        // W+ = 8; exactly 3 of the 16 sign patterns reach W+ >= 8, so p = 2 * 3/16.
        ResultSink sink = new ResultSink();
        double[][] b = {{1, 1, 1.0}, {1, 2, 2.0}, {1, 3, -0.5}, {2, 2, 4.0}, {2, 3, -2.5}, {2, 4, 5.0}};
        int[] next = new int[3];
        for (double[] r : b) {
            int task = next[(int) r[0]]++;
            user(sink, "ref", (long) r[0], task, (int) r[1], 0.0);
            user(sink, "b", (long) r[0], task, (int) r[1], r[2]);
        }
        SummaryRow row = row(Summary.of(sink, "ref"), "b", "rmse_user_k5");
        assertEquals(4, row.stats().users());
        assertEquals(0.375, row.raw().wilcoxonUsers(), 1e-12);
        double[] pooled = {1.0, 2.0, -0.5, 4.0, -2.5, 5.0};
        assertNotEquals(PairedTests.wilcoxonSignedRank(pooled, new double[6]).pValue(), row.raw().wilcoxonUsers(),
                "the six pooled tasks would give another p-value");
        // Over the two seeds: per-seed means 2.5/3 and 6.5/3 against 0 and 0.
        assertEquals(PairedTests.pairedTTest(new double[] {2.5 / 3, 6.5 / 3}, new double[2]), row.raw().tSeeds(), 1e-12);
    }

    @Test
    void holmAndBenjaminiHochbergOverEveryTestOfTheTable() {
        // One seed, so only the tests over users apply: b beats ref on every user of three metrics with 5, 4 and 3
        // users, exact Wilcoxon p = 2/32, 2/16 and 2/8. Holm: sorted 0.0625, 0.125, 0.25 -> 3 * 0.0625 = 0.1875,
        // max(0.1875, 2 * 0.125) = 0.25, max(0.25, 0.25) = 0.25. BH: 0.25, min(0.25, 0.125 * 3/2) = 0.1875,
        // min(0.1875, 0.0625 * 3) = 0.1875.
        ResultSink sink = new ResultSink();
        String[] metrics = {"m5", "m4", "m3"};
        for (int m = 0; m < 3; m++) {
            for (int u = 0; u < 5 - m; u++) {
                Measure measure = new Measure(metrics[m], "", null);
                sink.record("ref", measure, new TaskId(1, u, u), 1.0);
                sink.record("b", measure, new TaskId(1, u, u), 1.0 + 0.1 * (u + 1));
            }
        }
        Summary holm = Summary.of(sink, "ref", Correction.HOLM);
        assertEquals(0.0625, row(holm, "b", "m5").raw().wilcoxonUsers(), 1e-12);
        assertEquals(0.1875, row(holm, "b", "m5").adjusted().wilcoxonUsers(), 1e-12);
        assertEquals(0.25, row(holm, "b", "m4").adjusted().wilcoxonUsers(), 1e-12);
        assertEquals(0.25, row(holm, "b", "m3").adjusted().wilcoxonUsers(), 1e-12);
        Summary bh = Summary.of(sink, "ref", Correction.BH);
        assertEquals(0.1875, row(bh, "b", "m5").adjusted().wilcoxonUsers(), 1e-12);
        assertEquals(0.1875, row(bh, "b", "m4").adjusted().wilcoxonUsers(), 1e-12);
        assertEquals(0.25, row(bh, "b", "m3").adjusted().wilcoxonUsers(), 1e-12);
        assertTrue(holm.markdown("t").contains("adjusted by Holm's step-down procedure (family-wise error rate) over all 3 tests"),
                holm.markdown("t"));
        assertTrue(bh.markdown("t").contains("Benjamini-Hochberg procedure (false discovery rate) over all 3 tests"));
        assertNull(row(holm, "ref", "m5").raw().wilcoxonUsers(), "the reference is not compared with itself");
    }

    @Test
    void aMethodIdenticalToAnEarlierOneIsMarkedAndNotCounted() {
        ResultSink sink = new ResultSink();
        sink.declareMethods("ref", "maml", "anil", "other");
        for (long seed = 1; seed <= 3; seed++) {
            for (int u = 0; u < 4; u++) {
                double v = seed + 0.3 * u;
                user(sink, "ref", seed, u, u, v + 0.5 + 0.01 * u * seed);
                user(sink, "maml", seed, u, u, v);
                user(sink, "anil", seed, u, u, v);
                user(sink, "other", seed, u, u, v + 0.1 * ((u + seed) % 3));
            }
            sink.recordPooled("maml", new Measure("rmse_pooled", "k5", null), seed, new int[] {0, 1, 2, 3}, seed);
            sink.recordPooled("anil", new Measure("rmse_pooled", "k5", null), seed, new int[] {0, 1, 2, 3}, seed);
        }
        Summary s = Summary.of(sink, "ref");
        SummaryRow anil = row(s, "anil", "rmse_user_k5");
        assertEquals("maml", anil.identicalTo());
        assertEquals(PValues.NONE, anil.raw());
        assertNull(row(s, "other", "rmse_user_k5").identicalTo());
        // maml and other have 3 tests each on rmse_user (t and Wilcoxon over seeds, Wilcoxon over users); anil none.
        assertEquals(6, SummaryRow.comparisons(s.rows()));
        assertTrue(s.markdown("t").contains("anil (identical to maml)"), s.markdown("t"));
        // One value that differs is enough to be a method of its own.
        sink.recordPooled("anil", new Measure("mae_pooled", "k5", null), 1, new int[] {0}, 0.5);
        assertNull(row(Summary.of(sink, "ref"), "anil", "rmse_user_k5").identicalTo());
    }

    @Test
    void aPooledMetricIsOneValuePerSeedAndTestedOverSeedsOnly() {
        ResultSink sink = new ResultSink();
        Measure pooled = new Measure("rmse_pooled", "k5", null);
        double[] ref = {1.0, 1.2, 0.9, 1.1};
        for (int seed = 0; seed < 4; seed++) {
            sink.recordPooled("ref", pooled, seed, new int[] {seed, seed + 1}, ref[seed]);
            sink.recordPooled("b", pooled, seed, new int[] {seed, seed + 1}, ref[seed] - 0.1 * (seed + 1));
        }
        SummaryRow b = row(Summary.of(sink, "ref"), "b", "rmse_pooled_k5");
        assertEquals(4, b.stats().seeds());
        assertEquals(5, b.stats().users(), "users 0..4 over the four seeds");
        assertEquals(0.125, b.raw().wilcoxonSeeds(), 1e-12, "four negative differences: 2/16");
        assertNull(b.raw().wilcoxonUsers());
        assertThrows(IllegalArgumentException.class, () -> sink.record("b", pooled, new TaskId(9, 0, 1), 1.0));
    }

    @Test
    void rowOrderIsMetricThenStepsThenDeclaredMethods() {
        ResultSink sink = new ResultSink();
        sink.declareMethods("zeta", "alpha");
        sink.record("beta", "mse", 1, 0, 1);
        sink.record("alpha", "mse", 1, 0, 2);
        sink.record("zeta", "mse", 1, 0, 3);
        sink.record("zeta", "mae", 0, 1);
        sink.record("zeta", "mse", 0, 0, 1);
        List<String> order = Summary.of(sink, null).rows().stream().map(r -> r.key() + "/" + r.method()).toList();
        assertEquals(List.of("mae/zeta", "mse after 0 steps/zeta", "mse after 1 steps/zeta", "mse after 1 steps/alpha",
                "mse after 1 steps/beta"), order);
        assertEquals("zeta", Summary.of(sink, null).reference());
    }

    @Test
    void unknownReferenceIsAClearError() {
        ResultSink sink = new ResultSink();
        sink.record("a", "mae", 0, 1);
        assertEquals("evaluation.reference: expected one of the methods with results (a), found 'maml'",
                assertThrows(IllegalArgumentException.class, () -> Summary.of(sink, "maml")).getMessage());
    }

    @Test
    void jsonRoundTrip() {
        ResultSink sink = new ResultSink();
        for (long seed = 1; seed <= 3; seed++) {
            for (int i = 0; i < 4; i++) {
                sink.record("a", new Measure("mse", "", 2), new TaskId(seed, i, null), 1.0 / (i + seed));
                sink.record("b", new Measure("mse", "", 2), new TaskId(seed, i, null), 1.0 / (i + seed + 1));
                user(sink, "b", seed, i, i, 0.1 * i * seed);
            }
        }
        sink.record("b", "once", 0, 1.0);
        Summary s = Summary.of(sink, "b", Correction.BH);
        Object json = Json.parse(Json.write(s.toJson(Map.of("name", "x"))), "summary.json");
        assertEquals(s, Summary.fromJson(json, "summary.json"));
        assertEquals("x", ((Map<?, ?>) json).get("name"));
        assertEquals("bh", ((Map<?, ?>) json).get("correction"));
        assertFalse(s.markdown("t").contains("Holm"), "the table says which correction it used");
    }

    @Test
    void markdownHeader() {
        ResultSink sink = new ResultSink();
        sink.record("a", "mse", 0, 1.0);
        String md = Summary.of(sink, null).markdown("demo");
        assertTrue(md.startsWith("# demo\n"), md);
        assertTrue(md.contains("| metric | steps | method | mean | 95% CI (seeds) | seeds | users | p t, seeds (Holm) | "
                + "p Wilcoxon, seeds (Holm) | p Wilcoxon, users (Holm) |\n"), md);
    }
}
