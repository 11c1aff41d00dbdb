package org.metarec.experiments.study.sinusoid;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.metarec.algorithms.data.XYBatch;
import org.metarec.algorithms.meta.Task;
import org.metarec.autodiff.GradMode;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.experiments.plots.Panels;

/**
 * The adaptation figure of Finn et al. (2017, Figure 2) for a finished sinusoid run: for a few of the
 * run's test tasks, the true curve, the K support points, and each method's prediction before
 * adaptation and after 1 and 10 steps (of the test-time adaptation the run evaluated with). One
 * panel per method (a row) and task (a column).
 */
public final class SinusoidFitFigure {

    private static final int GRID = 200;
    private static final Color TRUE = Color.BLACK;
    private static final Color BEFORE = new Color(150, 150, 150);
    private static final Color ONE = new Color(52, 101, 164);
    private static final Color TEN = new Color(204, 0, 0);
    private static final Color POINTS = new Color(245, 121, 0);

    private SinusoidFitFigure() {
    }

    /**
     * Draws the figure into {@code dir/name.png} and {@code .svg}.
     *
     * @param studies the study of each method, by method name, in row order
     * @param params the trained parameters of each method, by the same names
     * @param tasks how many of the first test tasks to draw
     * @param k the support points each task adapts on
     * @param steps the largest number of steps drawn (1 is always drawn)
     */
    public static void save(Path dir, String name, String runName, Map<String, SinusoidStudy> studies,
                            Map<String, Params> params, int tasks, int k, int steps) throws IOException {
        List<XYChart> charts = new ArrayList<>();
        for (Map.Entry<String, SinusoidStudy> e : studies.entrySet()) {
            SinusoidStudy study = e.getValue();
            List<Task<XYBatch>> testTasks = study.testTasks();
            for (int t = 0; t < Math.min(tasks, testTasks.size()); t++) {
                charts.add(panel(study, params.get(e.getKey()), testTasks.get(t), e.getKey(), t, k, steps));
            }
        }
        Panels.save(dir, name, runName + ": predictions before adaptation and after 1 and " + steps
                + " steps from K = " + k + " points (cf. Finn et al. 2017, Figure 2)", charts, Math.min(tasks, charts.size()));
    }

    private static XYChart panel(SinusoidStudy study, Params meta, Task<XYBatch> task, String method, int t, int k,
                                 int steps) {
        SinusoidTasks.Family f = study.protocol().family();
        double[] xs = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            xs[i] = f.xMin() + (f.xMax() - f.xMin()) * i / (GRID - 1);
        }
        XYBatch support = task.support().rows(0, k);
        List<Params> path = study.adaptationPath(meta, support, steps);
        double[] truth = trueCurve(task, xs);

        XYChart chart = new XYChartBuilder().width(500).height(400)
                .title(method + ", test task " + t).xAxisTitle("x").yAxisTitle("y").build();
        Styler st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setMarkerSize(8);
        line(chart, "true", xs, truth, TRUE, false);
        line(chart, "before", xs, predict(study, path.get(0), xs), BEFORE, true);
        line(chart, "1 step", xs, predict(study, path.get(1), xs), ONE, false);
        if (steps > 1) {
            line(chart, steps + " steps", xs, predict(study, path.get(steps), xs), TEN, false);
        }
        XYSeries pts = chart.addSeries(k + " points", column(support.x()), column(support.y()));
        pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        pts.setMarker(SeriesMarkers.CIRCLE);
        pts.setMarkerColor(POINTS);
        return chart;
    }

    private static void line(XYChart chart, String label, double[] x, double[] y, Color color, boolean dashed) {
        XYSeries s = chart.addSeries(label, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(dashed ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {6f, 4f}, 0f) : new BasicStroke(2f));
    }

    private static double[] predict(SinusoidStudy study, Params params, double[] xs) {
        try (GradMode.Scope s = GradMode.noGrad()) {
            Tensor x = Tensor.constant(new DMatrixRMaj(xs.length, 1, true, xs.clone()));
            return study.mlp().apply(study.learner().modelParams(params), x).toArray();
        }
    }

    /**
     * {@code A sin(x - phi)} through the task's points: A and phi solve the least-squares fit of
     * {@code y = a sin x + b cos x} to the query set (exact for noise-free sinusoids).
     */
    static double[] trueCurve(Task<XYBatch> task, double[] xs) {
        double[] qx = column(task.query().x()), qy = column(task.query().y());
        double ss = 0, sc = 0, cc = 0, ys = 0, yc = 0;
        for (int i = 0; i < qx.length; i++) {
            double s = Math.sin(qx[i]), c = Math.cos(qx[i]);
            ss += s * s;
            sc += s * c;
            cc += c * c;
            ys += qy[i] * s;
            yc += qy[i] * c;
        }
        double det = ss * cc - sc * sc;
        double a = (ys * cc - yc * sc) / det, b = (yc * ss - ys * sc) / det;
        double[] y = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            y[i] = a * Math.sin(xs[i]) + b * Math.cos(xs[i]);
        }
        return y;
    }

    private static double[] column(Tensor t) {
        return t.toArray();
    }
}
