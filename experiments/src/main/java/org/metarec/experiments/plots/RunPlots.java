package org.metarec.experiments.plots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.metarec.experiments.results.SummaryRow;
import org.metarec.experiments.results.TrainCsv;

/**
 * The standard figures: training curves ({@code train_<column>}: one line per method over steps) and, for every
 * metric measured after adaptation, {@code <metric>_vs_steps}: mean against adaptation steps with 95% CI bars.
 */
public final class RunPlots {

    private RunPlots() {
    }

    /** Draws one chart per train.csv column; returns the chart names. */
    public static List<String> trainingCurves(TrainCsv csv, Path dir, String title) throws IOException {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < csv.columns().size(); c++) {
            List<Curve> curves = new ArrayList<>();
            for (String method : csv.byMethod().keySet()) {
                curves.add(new Curve(method, csv.steps(method), csv.values(method, c), null));
            }
            if (!curves.isEmpty()) {
                String name = "train_" + csv.columns().get(c);
                Charts.save(dir, name, title + ": " + csv.columns().get(c), "step", csv.columns().get(c), curves);
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Draws {@code <metric>_vs_steps} for every metric that has rows with adaptation steps; one line per
     * {@code label(row)} (e.g. the method). Returns the chart names.
     */
    public static List<String> metricVsSteps(List<SummaryRow> rows, Path dir, String title, Function<SummaryRow, String> label)
            throws IOException {
        Map<String, Map<String, List<SummaryRow>>> byMetric = new LinkedHashMap<>();
        for (SummaryRow r : rows) {
            if (r.key().adaptSteps() != null) {
                byMetric.computeIfAbsent(r.key().metric(), m -> new LinkedHashMap<>())
                        .computeIfAbsent(label.apply(r), l -> new ArrayList<>()).add(r);
            }
        }
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<SummaryRow>>> metric : byMetric.entrySet()) {
            List<Curve> curves = new ArrayList<>();
            for (Map.Entry<String, List<SummaryRow>> line : metric.getValue().entrySet()) {
                List<SummaryRow> points = new ArrayList<>(line.getValue());
                points.sort((a, b) -> Integer.compare(a.key().adaptSteps(), b.key().adaptSteps()));
                curves.add(new Curve(line.getKey(),
                        points.stream().mapToDouble(r -> r.key().adaptSteps()).toArray(),
                        points.stream().mapToDouble(SummaryRow::mean).toArray(),
                        points.stream().mapToDouble(r -> (r.ciHigh() - r.ciLow()) / 2).toArray()));
            }
            String name = metric.getKey() + "_vs_steps";
            Charts.save(dir, name, title + ": " + metric.getKey() + " (mean, 95% CI)", "adaptation steps", metric.getKey(), curves);
            names.add(name);
        }
        return names;
    }
}
