package org.metarec.experiments.plots;

import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;
import org.metarec.experiments.io.AtomicFiles;

/**
 * Several charts of equal size in one figure, row by row, under one title, saved as {@code name.png}
 * and {@code name.svg} (both atomically): for figures whose parts share axes' meaning but not data,
 * such as one panel per test task and method, or per training phase.
 */
public final class Panels {

    private static final int TITLE_HEIGHT = 36;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Panels() {
    }

    /**
     * Saves {@code charts} (all of the first chart's size) in a grid of {@code columns} columns.
     *
     * @throws IllegalArgumentException when there are no charts or they differ in size
     */
    public static void save(Path dir, String name, String title, List<? extends Chart<?, ?>> charts, int columns)
            throws IOException {
        if (charts.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("figure " + name + ": expected at least one chart and one column");
        }
        int w = charts.get(0).getWidth(), h = charts.get(0).getHeight();
        for (Chart<?, ?> c : charts) {
            if (c.getWidth() != w || c.getHeight() != h) {
                throw new IllegalArgumentException("figure " + name + ": the charts differ in size");
            }
        }
        int cols = Math.min(columns, charts.size()), rows = (charts.size() + cols - 1) / cols;
        int width = cols * w, height = TITLE_HEIGHT + rows * h;

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        paint(g, title, charts, cols, w, h, width, height);
        g.dispose();
        AtomicFiles.write(dir.resolve(name + ".png"), out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("this Java runtime has no PNG writer");
            }
        });

        VectorGraphics2D canvas = new VectorGraphics2D();
        paint(canvas, title, charts, cols, w, h, width, height);
        AtomicFiles.write(dir.resolve(name + ".svg"), out ->
                Processors.get("svg").getDocument(canvas.getCommands(), new PageSize(0, 0, width, height)).writeTo(out));
    }

    private static void paint(Graphics2D g, String title, List<? extends Chart<?, ?>> charts, int cols, int w, int h,
                              int width, int height) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        int tw = g.getFontMetrics().stringWidth(title);
        g.drawString(title, Math.max(4, (width - tw) / 2), 24);
        for (int i = 0; i < charts.size(); i++) {
            Graphics2D panel = (Graphics2D) g.create((i % cols) * w, TITLE_HEIGHT + (i / cols) * h, w, h);
            charts.get(i).paint(panel, w, h);
            panel.dispose();
        }
    }
}
