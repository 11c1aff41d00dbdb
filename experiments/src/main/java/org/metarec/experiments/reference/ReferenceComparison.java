package org.metarec.experiments.reference;

import java.util.List;
import java.util.Map;

/**
 * How far a case's computed results are from its {@code expected} object, in units of the format's
 * tolerance {@code 1e-8 + 1e-6 |want|}: a case matches when every number is within one unit.
 *
 * @param worst the largest {@code |got - want| / (1e-8 + 1e-6 |want|)} over all numbers
 * @param where the path of that number ({@code meta_grad.W1[0][2]}), or of the first structural mismatch
 * @param problem a structural mismatch (a missing key, a list of another length), or null
 */
public record ReferenceComparison(double worst, String where, String problem) {

    /** True when every number is within the tolerance and the structure is the expected one. */
    public boolean matches() {
        return problem == null && worst <= 1;
    }

    /** Compares {@code got} with {@code expected}, key by key (extra keys in {@code got} are ignored). */
    public static ReferenceComparison of(Map<String, Object> expected, Map<String, Object> got) {
        ReferenceComparison r = new ReferenceComparison(0, "", null);
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            if (!got.containsKey(e.getKey())) {
                return new ReferenceComparison(Double.NaN, e.getKey(), "the result has no '" + e.getKey() + "'");
            }
            r = worse(r, compare(e.getKey(), e.getValue(), got.get(e.getKey())));
            if (r.problem != null) {
                return r;
            }
        }
        return r;
    }

    private static ReferenceComparison compare(String where, Object want, Object got) {
        if (want instanceof Number w) {
            if (!(got instanceof Number g)) {
                return new ReferenceComparison(Double.NaN, where, "expected a number, found " + got);
            }
            double a = w.doubleValue(), b = g.doubleValue();
            double units = Math.abs(a - b) / (1e-8 + 1e-6 * Math.abs(a));
            return new ReferenceComparison(Double.isNaN(units) ? Double.POSITIVE_INFINITY : units, where, null);
        }
        if (want instanceof Map<?, ?> wm) {
            if (!(got instanceof Map<?, ?> gm) || !gm.keySet().equals(wm.keySet())) {
                return new ReferenceComparison(Double.NaN, where, "expected the keys " + wm.keySet() + ", found "
                        + (got instanceof Map<?, ?> m ? m.keySet() : got));
            }
            ReferenceComparison r = new ReferenceComparison(0, where, null);
            for (Object k : wm.keySet()) {
                r = worse(r, compare(where + "." + k, wm.get(k), gm.get(k)));
                if (r.problem != null) {
                    return r;
                }
            }
            return r;
        }
        if (want instanceof List<?> wl) {
            if (!(got instanceof List<?> gl) || gl.size() != wl.size()) {
                return new ReferenceComparison(Double.NaN, where, "expected a list of " + wl.size() + ", found "
                        + (got instanceof List<?> l ? "one of " + l.size() : got));
            }
            ReferenceComparison r = new ReferenceComparison(0, where, null);
            for (int i = 0; i < wl.size(); i++) {
                r = worse(r, compare(where + "[" + i + "]", wl.get(i), gl.get(i)));
                if (r.problem != null) {
                    return r;
                }
            }
            return r;
        }
        return want.equals(got) ? new ReferenceComparison(0, where, null)
                : new ReferenceComparison(Double.NaN, where, "expected " + want + ", found " + got);
    }

    private static ReferenceComparison worse(ReferenceComparison a, ReferenceComparison b) {
        return b.problem != null || b.worst > a.worst ? b : a;
    }
}
