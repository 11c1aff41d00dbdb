package org.metarec.experiments.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metarec.core.json.Json;

/** Means, Student-t intervals and paired p-values of a run summary, against closed forms. */
class SummaryTest {

    @Test
    void meanAndStudentTIntervalMatchTheClosedForm() {
        ResultSink sink = new ResultSink();
        sink.record("a", "mse", 0, 1.0);
        sink.record("a", "mse", 1, 2.0);
        sink.record("a", "mse", 2, 3.0);
        SummaryRow row = Summary.of(sink, null).rows().get(0);
        // Student t with 2 degrees of freedom has the closed-form quantile t_p = (2p - 1) / sqrt(2p(1 - p)).
        double p = 0.975;
        double t = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
        double half = t * 1.0 / Math.sqrt(3); // sample sd of {1, 2, 3} is 1
        assertEquals(3, row.n());
        assertEquals(2.0, row.mean(), 1e-15);
        assertEquals(2.0 - half, row.ciLow(), 1e-9);
        assertEquals(2.0 + half, row.ciHigh(), 1e-9);
        assertNull(row.pTTest());
    }

    @Test
    void wilcoxonPValuesAreAdjustedByHolmOverTheWholeTable() {
        ResultSink sink = new ResultSink();
        double[] ref = {1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0};
        for (int i = 0; i < ref.length; i++) {
            sink.record("ref", "mse", i, ref[i]);
            sink.record("b", "mse", i, ref[i] + 0.1 * (i + 1));
            sink.record("c", "mse", i, ref[i] + (i % 2 == 0 ? 0.3 : -0.2));
            sink.record("ref", "mae", i, ref[i]);
            sink.record("b", "mae", i, ref[i] - 0.05 * (i + 1));
        }
        Summary s = Summary.of(sink, "ref");
        java.util.List<SummaryRow> compared = s.rows().stream().filter(r -> r.pWilcoxon() != null).toList();
        assertEquals(3, compared.size());
        double[] raw = compared.stream().mapToDouble(SummaryRow::pWilcoxon).toArray();
        double[] holm = org.metarec.core.stats.MultipleComparisons.holm(raw);
        for (int i = 0; i < raw.length; i++) {
            assertEquals(holm[i], compared.get(i).pHolm(), 0.0);
            assertTrue(compared.get(i).pHolm() >= raw[i]);
        }
        assertTrue(s.rows().stream().filter(r -> r.method().equals("ref")).allMatch(r -> r.pHolm() == null));
        assertTrue(s.markdown("t").contains("Holm's procedure over all 3 comparisons"), s.markdown("t"));
        Summary back = Summary.fromJson(org.metarec.core.json.Json.parse(org.metarec.core.json.Json.write(s.toJson(java.util.Map.of())),
                "summary.json"), "summary.json");
        assertEquals(s.rows(), back.rows(), "the adjusted values survive summary.json");
    }

    @Test
    void pairedPValuesAgainstTheReference() {
        ResultSink sink = new ResultSink();
        double[] ref = {0.5, 1.0, 2.0, 4.0};
        double[] diff = {1, 2, 3, 4};
        for (int i = 0; i < 4; i++) {
            sink.record("ref", "mse", 3, i, ref[i]);
            sink.record("other", "mse", 3, i, ref[i] + diff[i]);
        }
        Summary s = Summary.of(sink, "ref");
        SummaryRow other = s.rows().get(1);
        assertEquals("other", other.method());
        // Wilcoxon exact: all 4 differences positive, W+ = 1+2+3+4 = 10 is the largest of 2^4 sign patterns: p = 2/16.
        assertEquals(0.125, other.pWilcoxon(), 1e-12);
        // Paired t: mean 2.5, sd sqrt(5/3), t = 2.5 / (sd / 2); Student t with 3 df has the closed-form CDF
        // F(t) = 1/2 + (1/pi) * (x / (1 + x^2) + atan(x)) with x = t / sqrt(3).
        double t = 2.5 / (Math.sqrt(5.0 / 3) / 2);
        double x = t / Math.sqrt(3);
        double cdf = 0.5 + (x / (1 + x * x) + Math.atan(x)) / Math.PI;
        assertEquals(2 * (1 - cdf), other.pTTest(), 1e-9);
        assertNull(s.rows().get(0).pTTest(), "the reference has no p-value against itself");
    }

    @Test
    void identicalMethodsHavePValueOne() {
        ResultSink sink = new ResultSink();
        for (int i = 0; i < 5; i++) {
            sink.record("a", "mae", i, i * 0.5);
            sink.record("b", "mae", i, i * 0.5);
        }
        SummaryRow b = Summary.of(sink, null).rows().get(1);
        assertEquals(1.0, b.pTTest());
        assertEquals(1.0, b.pWilcoxon());
    }

    @Test
    void unpairedTasksGetNoPValue() {
        ResultSink sink = new ResultSink();
        sink.record("a", "mae", 0, 1);
        sink.record("a", "mae", 1, 2);
        sink.record("b", "mae", 0, 1);
        sink.record("b", "mae", 2, 2);
        assertNull(Summary.of(sink, "a").rows().get(1).pTTest());
    }

    @Test
    void rowOrderIsMetricThenStepsThenDeclaredMethods() {
        ResultSink sink = new ResultSink();
        sink.declareMethods("zeta", "alpha");
        sink.record("beta", "mse", 1, 0, 1);
        sink.record("alpha", "mse", 1, 0, 1);
        sink.record("zeta", "mse", 1, 0, 1);
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
        for (int i = 0; i < 6; i++) {
            sink.record("a", "mse", 2, i, 1.0 / (i + 1));
            sink.record("b", "mse", 2, i, 1.0 / (i + 2));
            sink.record("b", "rmse", i, 0.1 * i);
        }
        Summary s = Summary.of(sink, "b");
        Object json = Json.parse(Json.write(s.toJson(Map.of("name", "x"))), "summary.json");
        assertEquals(s, Summary.fromJson(json, "summary.json"));
        assertEquals("x", ((Map<?, ?>) json).get("name"));
    }

    @Test
    void markdownHasOneRowPerResult() {
        ResultSink sink = new ResultSink();
        sink.record("a", "mse", 0, 1.0);
        sink.record("a", "mse", 1, 3.0);
        String md = Summary.of(sink, null).markdown("demo");
        assertTrue(md.startsWith("# demo\n"), md);
        assertTrue(md.contains("| metric | steps | method | mean | 95% CI | n | p (t-test) | p (Wilcoxon) | p (Wilcoxon, Holm) |\n"), md);
        assertTrue(md.contains("| mse | - | a (ref) | 2.000 | ["), md);
    }
}
