package org.metarec.experiments.plots;

import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.metarec.experiments.io.AtomicFiles;

/**
 * Draws line charts with XChart and saves each as {@code name.png} and as {@code name.svg} (painted on a
 * VectorGraphics2D canvas); both files are written atomically.
 */
public final class Charts {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    static {
        // Charts are drawn off-screen; without this a machine with no display fails in AWT.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /**
     * Saves a line chart of {@code curves} as {@code dir/name.png} and {@code dir/name.svg}. The y axis is
     * logarithmic when every value is positive and they span more than two orders of magnitude (loss curves).
     */
    public static void save(Path dir, String name, String title, String xTitle, String yTitle, List<Curve> curves) throws IOException {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("chart " + name + ": no curves to draw");
        }
        XYChart chart = chart(title, xTitle, yTitle, curves, WIDTH, HEIGHT);
        AtomicFiles.write(dir.resolve(name + ".png"), out -> {
            if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", out)) {
                throw new IOException("this Java runtime has no PNG writer");
            }
        });
        AtomicFiles.write(dir.resolve(name + ".svg"), out -> svg(chart, out));
    }

    /**
     * A line chart of {@code curves} of the given size, styled as {@link #save} draws it (for figures of
     * several panels, {@link Panels}).
     */
    public static XYChart chart(String title, String xTitle, String yTitle, List<Curve> curves, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Curve c : curves) {
            XYSeries series = c.errors() == null ? chart.addSeries(c.label(), c.x(), c.y())
                    : chart.addSeries(c.label(), c.x(), c.y(), c.errors());
            series.setMarker(c.x().length > 30 ? SeriesMarkers.NONE
                    : SeriesMarkers.CIRCLE);
            for (double v : c.y()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        boolean hasErrors = curves.stream().anyMatch(c -> c.errors() != null);
        chart.getStyler().setYAxisLogarithmic(!hasErrors && min > 0 && max / min > 100);
        return chart;
    }

    /** Paints the chart on a VectorGraphics2D canvas and writes it as SVG. */
    private static void svg(XYChart chart, OutputStream out) throws IOException {
        VectorGraphics2D canvas = new VectorGraphics2D();
        chart.paint(canvas, chart.getWidth(), chart.getHeight());
        Processors.get("svg").getDocument(canvas.getCommands(), new PageSize(0, 0, chart.getWidth(), chart.getHeight())).writeTo(out);
    }
}
