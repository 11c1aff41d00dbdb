package org.metarec.experiments.plots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.metarec.experiments.results.SummaryRow;
import org.metarec.experiments.results.TrainCsv;

/**
 * The standard figures: training curves ({@code train_<column>}: one line per method over steps, or one panel per
 * method when methods tried several settings), for every metric measured after adaptation
 * {@code <metric>_vs_steps} (mean against adaptation steps with 95% CI bars), and for every metric measured
 * once per method {@code results} (a bar per method with its 95% CI, a panel per metric).
 */
public final class RunPlots {

    private RunPlots() {
    }

    /** Between a method and its setting in a train.csv label: {@code method--setting}. */
    private static final String SETTING = "--";

    /**
     * The train.csv label of {@code method}'s curve for one setting (none: the method alone). train.csv
     * labels keep to letters, digits, '_', '.' and '-', so the setting's {@code =} becomes {@code -} and its
     * spaces {@code _}: {@code emcdr.k10_beta30} with {@code fineTuneLr=0.01} is {@code emcdr.k10_beta30--fineTuneLr-0.01}.
     */
    public static String series(String method, String setting) {
        return setting == null || setting.isEmpty() ? method
                : method + SETTING + setting.replace('=', '-').replace(' ', '_');
    }

    /**
     * Draws one figure per train.csv column; returns the names. When every method has one series, one
     * chart with a line per method; when a method has several (the settings it tried, {@link #series}),
     * one panel per method with a labelled line per setting, so no line jumps between settings.
     */
    public static List<String> trainingCurves(TrainCsv csv, Path dir, String title) throws IOException {
        Map<String, List<String>> byMethod = seriesByMethod(csv);
        boolean panels = byMethod.values().stream().anyMatch(l -> l.size() > 1);
        List<String> names = new ArrayList<>();
        for (int c = 0; c < csv.columns().size(); c++) {
            String column = csv.columns().get(c);
            String name = "train_" + column;
            if (byMethod.isEmpty()) {
                continue;
            }
            if (!panels) {
                List<Curve> curves = new ArrayList<>();
                for (String method : csv.byMethod().keySet()) {
                    curves.add(new Curve(method, csv.steps(method), csv.values(method, c), null));
                }
                Charts.save(dir, name, title + ": " + column, "step", column, curves);
            } else {
                List<XYChart> charts = new ArrayList<>();
                for (Map.Entry<String, List<String>> m : byMethod.entrySet()) {
                    List<Curve> curves = new ArrayList<>();
                    for (String label : m.getValue()) {
                        String setting = label.equals(m.getKey()) ? column
                                : label.substring(m.getKey().length() + SETTING.length()).replace("_", ", ");
                        curves.add(new Curve(setting, csv.steps(label), csv.values(label, c), null));
                    }
                    XYChart chart = Charts.chart(m.getKey(), "step", column, curves, 520, 400);
                    // A diverging setting (a rate too large) would flatten the others: spread them on a log axis.
                    double lo = curves.stream().flatMapToDouble(cv -> java.util.Arrays.stream(cv.y())).min().orElse(1);
                    double hi = curves.stream().flatMapToDouble(cv -> java.util.Arrays.stream(cv.y())).max().orElse(1);
                    chart.getStyler().setYAxisLogarithmic(lo > 0 && hi / lo > 3);
                    charts.add(chart);
                }
                Panels.save(dir, name, title + ": " + column + " during training, one panel per method, a line per setting",
                        charts, 3);
            }
            names.add(name);
        }
        return names;
    }

    /** The train.csv labels of each method, in order: the method alone, or one per setting it tried. */
    static Map<String, List<String>> seriesByMethod(TrainCsv csv) {
        Map<String, List<String>> byMethod = new LinkedHashMap<>();
        for (String label : csv.byMethod().keySet()) {
            int at = label.indexOf(SETTING);
            byMethod.computeIfAbsent(at < 0 ? label : label.substring(0, at), m -> new ArrayList<>()).add(label);
        }
        return byMethod;
    }

    /**
     * Draws {@code results}: for every metric measured once per method (no adaptation steps), the mean
     * of each method with its 95% interval, one panel per metric (a setting such as K or beta is part of
     * the metric's name, so each setting has its panel). Returns the names drawn (none when no such rows).
     */
    public static List<String> results(List<SummaryRow> rows, Path dir, String title) throws IOException {
        return results(rows, dir, title, SummaryRow::method);
    }

    /** As {@link #results(List, Path, String)}, each bar named by {@code label(row)} (e.g. variant and method). */
    public static List<String> results(List<SummaryRow> rows, Path dir, String title, Function<SummaryRow, String> label)
            throws IOException {
        Map<String, List<SummaryRow>> byMetric = new LinkedHashMap<>();
        for (SummaryRow r : rows) {
            if (r.key().adaptSteps() == null) {
                byMetric.computeIfAbsent(r.key().metric(), m -> new ArrayList<>()).add(r);
            }
        }
        if (byMetric.isEmpty()) {
            return List.of();
        }
        List<CategoryChart> charts = new ArrayList<>();
        int bars = byMetric.values().stream().mapToInt(List::size).max().orElse(1);
        int width = Math.max(520, 120 + 45 * bars);   // every method's name stays readable
        for (Map.Entry<String, List<SummaryRow>> m : byMetric.entrySet()) {
            List<SummaryRow> rs = m.getValue();
            CategoryChart chart = new CategoryChartBuilder().width(width).height(440).title(m.getKey())
                    .xAxisTitle("method").yAxisTitle(m.getKey() + " (mean, 95% CI; axis not from 0)").build();
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
            chart.getStyler().setXAxisLabelRotation(90);
            chart.getStyler().setXAxisTickMarkSpacingHint(20);   // else XChart leaves out every other name
            chart.getStyler().setErrorBarsColorSeriesColor(false);
            chart.getStyler().setErrorBarsColor(java.awt.Color.BLACK);
            double low = rs.stream().mapToDouble(r -> r.mean() - r.stats().halfWidth()).min().orElse(0);
            double high = rs.stream().mapToDouble(r -> r.mean() + r.stats().halfWidth()).max().orElse(1);
            // Bars start at a round value below the lowest interval, so differences between methods show.
            chart.getStyler().setYAxisMin(Math.max(0, low - 0.1 * (high - low)));
            chart.addSeries(m.getKey(), rs.stream().map(label).toList(),
                    rs.stream().map(r -> (Number) r.mean()).toList(),
                    rs.stream().map(r -> (Number) r.stats().halfWidth()).toList());   // no bar for a single seed
            charts.add(chart);
        }
        Panels.save(dir, "results", title + ": mean per method with 95% confidence intervals", charts,
                Math.min(3, charts.size()));
        return List.of("results");
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
                        points.stream().mapToDouble(r -> r.stats().halfWidth()).toArray()));
            }
            String name = metric.getKey() + "_vs_steps";
            Charts.save(dir, name, title + ": " + metric.getKey() + " (mean, 95% CI)", "adaptation steps", metric.getKey(), curves);
            names.add(name);
        }
        return names;
    }
}
