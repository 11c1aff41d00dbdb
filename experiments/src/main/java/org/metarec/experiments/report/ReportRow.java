package org.metarec.experiments.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.metarec.experiments.results.SummaryRow;

/**
 * One line of a report: a variant (the config keys in which its runs differ from the other runs, e.g.
 * {@code optimizer.lr=0.1}; empty when all runs share one config apart from the seed) and the statistics
 * across its seeds.
 *
 * @param variant the variant label
 * @param stats   mean over seeds of the per-seed means, 95% interval over them, tests over seeds and over users
 */
public record ReportRow(String variant, SummaryRow stats) {

    /** Requires both parts. */
    public ReportRow {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(stats, "stats");
    }

    /** The JSON object: variant, then the fields of {@link SummaryRow#toJson()} . */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("variant", variant);
        m.putAll(stats.toJson());
        return m;
    }
}
