package org.metarec.experiments.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.experiments.results.MetricKey;
import org.metarec.experiments.results.PValues;
import org.metarec.experiments.results.SeedStats;
import org.metarec.experiments.results.SummaryRow;
import org.metarec.experiments.results.TrainCsv;

/**
 * The training-curve figure is one chart when each method has one series and one panel per method
 * when methods tried several settings; the results figure has a panel per metric.
 */
class RunPlotsTest {

    @TempDir
    Path tmp;

    @Test
    void aSettingIsPartOfTheSeriesLabelInTheCharactersTrainCsvAllows() {
        assertEquals("emcdr.k10_beta30", RunPlots.series("emcdr.k10_beta30", ""));
        assertEquals("emcdr.k10_beta30--fineTuneLr-0.0100000", RunPlots.series("emcdr.k10_beta30", "fineTuneLr=0.0100000"));
        assertEquals("item_bias--lambdaItem-1_lambdaUser-5", RunPlots.series("item_bias", "lambdaItem=1 lambdaUser=5"));
        assertTrue(RunPlots.series("item_bias", "lambdaItem=1 lambdaUser=5").matches("[A-Za-z0-9_.-]+"));
    }

    private TrainCsv csv(String text) throws Exception {
        Path f = tmp.resolve("train.csv");
        Files.writeString(f, text);
        return TrainCsv.read(f);
    }

    @Test
    void methodsWithSeveralSettingsGetAPanelEachWithALinePerSetting() throws Exception {
        TrainCsv c = csv("step,method,validation_rmse\n"
                + "0,global_mean,1.0\n"
                + "1,pretrained--fineTuneLr-0.01,0.9\n1,pretrained--fineTuneLr-0.1,0.95\n"
                + "2,pretrained--fineTuneLr-0.01,0.85\n2,pretrained--fineTuneLr-0.1,0.97\n"
                + "0,maml,0.99\n10,maml,0.8\n");
        assertEquals(List.of("train_validation_rmse"), RunPlots.trainingCurves(c, tmp, "t"));
        BufferedImage png = ImageIO.read(tmp.resolve("train_validation_rmse.png").toFile());
        assertEquals(3 * 520, png.getWidth(), "three panels in a row: global_mean, pretrained, maml");
        assertEquals(List.of("pretrained--fineTuneLr-0.01", "pretrained--fineTuneLr-0.1"),
                RunPlots.seriesByMethod(c).get("pretrained"), "a labelled line per setting");
        assertEquals(List.of("global_mean", "pretrained", "maml"), List.copyOf(RunPlots.seriesByMethod(c).keySet()));
        assertTrue(Files.readString(tmp.resolve("train_validation_rmse.svg")).contains("<svg"));
    }

    @Test
    void oneSeriesPerMethodIsOneChart() throws Exception {
        TrainCsv c = csv("step,method,meta_loss\n1,maml,2.0\n2,maml,1.5\n1,fomaml,2.1\n2,fomaml,1.7\n");
        RunPlots.trainingCurves(c, tmp, "t");
        assertEquals(800, ImageIO.read(tmp.resolve("train_meta_loss.png").toFile()).getWidth());
    }

    private static SummaryRow row(String method, MetricKey key, double mean, double low, double high) {
        return new SummaryRow(method, key, new SeedStats(3, 20, mean, low, high), PValues.NONE, PValues.NONE, null);
    }

    @Test
    void resultsHaveAPanelPerMetricAndNoneWithoutSuchRows() throws Exception {
        List<SummaryRow> rows = List.of(
                row("pretrained", new MetricKey("rmse_k10", null), 0.8, 0.75, 0.85),
                row("maml", new MetricKey("rmse_k10", null), 0.7, 0.66, 0.74),
                row("pretrained", new MetricKey("rmse_k5", null), 0.9, 0.85, 0.95),
                new SummaryRow("maml", new MetricKey("rmse_k5", null), new SeedStats(1, 20, 0.85, null, null), PValues.NONE,
                        PValues.NONE, null));
        assertEquals(List.of("results"), RunPlots.results(rows, tmp, "t"));
        assertEquals(2 * 520, ImageIO.read(tmp.resolve("results.png").toFile()).getWidth(), "a panel per metric");
        assertTrue(Files.readString(tmp.resolve("results.svg")).contains("<svg"));
        List<SummaryRow> withSteps = List.of(row("maml", new MetricKey("mse", 1), 0.7, 0.6, 0.8));
        assertEquals(List.of(), RunPlots.results(withSteps, tmp.resolve("none"), "t"));
    }
}
