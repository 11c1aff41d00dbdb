package org.metarec.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.core.json.Json;
import org.metarec.core.json.JsonValues;

/**
 * {@code metarec graph} and {@code metarec explain} on the PyTorch reference cases: the graph has one
 * box per inner step and red (second-order) operations exactly for second-order methods; explain's
 * norms of the mean meta-gradient equal the norms of PyTorch's meta-gradients.
 */
class GraphAndExplainCommandTest {

    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path reference(String name) throws Exception {
        return Path.of(getClass().getResource("/reference/metagrad/" + name + ".json").toURI());
    }

    @Test
    void mamlsGraphHasABoxPerInnerStepAndSecondOrderOperations() throws Exception {
        Result r = run("graph", reference("maml-sigmoid-bce-3step").toString(), "--task", "1");
        assertEquals(0, r.code(), r.err());
        for (int j = 0; j < 3; j++) {
            assertTrue(r.out().contains("subgraph cluster_" + j + " {"), "box of inner step " + (j + 1));
        }
        assertFalse(r.out().contains("cluster_3"));
        assertTrue(r.out().contains("-> n") && r.out().contains("[color=\"#c0392b\"]"), "second-order edges are marked");
        assertTrue(r.out().contains("W1 after step 3"));
    }

    @Test
    void firstOrderGraphsHaveNoSecondOrderOperations() throws Exception {
        for (String name : List.of("fomaml-sigmoid-mse-3step", "reptile-relu-mse-3step")) {
            Result r = run("graph", reference(name).toString());
            assertEquals(0, r.code(), r.err());
            assertFalse(r.out().contains("[color=\"#c0392b\"]"), name + ": no edge is second order");
            assertTrue(r.out().contains("gradient not recorded"), name);
        }
    }

    @Test
    void drawsAConfigsNetworkForTheChosenMethod() {
        String config = Path.of("configs", "sinusoid-smoke.yaml").toString();
        Result metasgd = run("graph", "--config", config, "--method", "metasgd");
        assertEquals(0, metasgd.code(), metasgd.err());
        assertTrue(metasgd.out().contains("alpha.W1") && metasgd.out().contains("[color=\"#c0392b\"]"),
                "Meta-SGD's rates are leaves of its second-order graph");
        Result reptile = run("graph", "--config", config, "--method", "reptile");
        assertEquals(0, reptile.code(), reptile.err());
        assertTrue(reptile.out().contains("support loss, step 5 (gradient not recorded)"), "the config's 5 Reptile steps");
        Result kind = run("graph", "--config", Path.of("configs", "quickstart.yaml").toString());
        assertEquals(ExitCodes.USAGE, kind.code());
        assertTrue(kind.err().contains("experiment: expected a sinusoid config"), kind.err());
    }

    @Test
    void writesDotToAFileAndSaysWhatItDidForSvg() throws Exception {
        Path svg = tmp.resolve("g.svg");
        Result r = run("graph", reference("maml-relu-mse-1step").toString(), "--out", svg.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(tmp.resolve("g.dot")).startsWith("digraph autodiff {"));
        if (GraphCommand.findDot() == null) {
            assertTrue(r.out().contains("Graphviz's dot is not installed"), r.out());
            assertFalse(Files.exists(svg));
        } else {
            assertTrue(Files.readString(svg).contains("<svg"), "dot drew the SVG");
        }
    }

    @Test
    void badInputIsOneClearMessage() throws Exception {
        Result noTask = run("graph", reference("maml-relu-mse-1step").toString(), "--task", "9");
        assertEquals(ExitCodes.USAGE, noTask.code());
        assertTrue(noTask.err().startsWith("error: maml-relu-mse-1step: --task: expected 0 to "), noTask.err());
        Result hvp = run("explain", reference("hvp-tanh-bce").toString());
        assertEquals(ExitCodes.USAGE, hvp.code());
        assertTrue(hvp.err().startsWith("error: hvp-tanh-bce: kind hvp has no meta-gradient"), hvp.err());
        Result badOut = run("graph", reference("maml-relu-mse-1step").toString(), "--out", tmp.resolve("g.png").toString());
        assertEquals(ExitCodes.USAGE, badOut.code());
        assertTrue(badOut.err().contains("--out: expected a file ending in .dot or .svg"), badOut.err());
        Result neither = run("graph");
        assertEquals(ExitCodes.USAGE, neither.code());
        assertTrue(neither.err().contains("expected a case file CASE.json or --config CONFIG"), neither.err());
    }

    /** The mean table's "all" row: |full| (column 1) and |first-order| (column 2). */
    private static double[] meanNorms(String text) {
        String mean = text.substring(text.indexOf("mean over the"));
        String all = mean.lines().filter(l -> l.startsWith("  all ")).findFirst().orElseThrow();
        String[] f = all.trim().split("\\s+");
        return new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])};
    }

    private double expectedNorm(String name) throws Exception {
        Map<String, Object> c = JsonValues.object(Json.parse(Files.readString(reference(name)), name), name, "");
        Map<String, Object> grad = JsonValues.object(JsonValues.object(c.get("expected"), name, "expected")
                .get("meta_grad"), name, "meta_grad");
        double s = 0;
        for (Object v : grad.values()) {
            for (Object row : (List<?>) v) {
                for (Object x : row instanceof List<?> l ? l : List.of(row)) {
                    double d = ((Number) x).doubleValue();
                    s += d * d;
                }
            }
        }
        return Math.sqrt(s);
    }

    @Test
    void explainsNormsAreThoseOfPyTorchsMetaGradients() throws Exception {
        Result maml = run("explain", reference("maml-relu-bce-2step-4tasks").toString());
        assertEquals(0, maml.code(), maml.err());
        assertEquals(expectedNorm("maml-relu-bce-2step-4tasks"), meanNorms(maml.out())[0],
                1e-5 * expectedNorm("maml-relu-bce-2step-4tasks"), "|full| is MAML's");
        Result fo = run("explain", reference("fomaml-tanh-bce-2step").toString());
        assertEquals(0, fo.code(), fo.err());
        assertEquals(expectedNorm("fomaml-tanh-bce-2step"), meanNorms(fo.out())[1],
                1e-5 * expectedNorm("fomaml-tanh-bce-2step"), "|first-order| is first-order MAML's");
        assertTrue(maml.out().contains("side by side with MAML's full meta-gradient"));
    }

    @Test
    void explainsAConfigOverMetaTrainingWithAPlot() throws Exception {
        Path config = Path.of("configs", "sinusoid-smoke.yaml");
        Path out = tmp.resolve("explain");
        Result r = run("explain", config.toString(), "--tasks", "2", "--iterations", "4", "--every", "2",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("sinusoid-smoke: MAML's meta-gradient"), r.out());
        List<String> csv = Files.readAllLines(out.resolve("explain.csv"));
        assertEquals("iteration,full_norm,first_order_norm,through_inner_norm,cos_first_order_full", csv.get(0));
        assertEquals(List.of("0", "2", "4"), csv.subList(1, csv.size()).stream().map(l -> l.split(",")[0]).toList());
        assertTrue(Files.size(out.resolve("explain_parts.png")) > 0 && Files.size(out.resolve("explain_parts.svg")) > 0);
        Result bad = run("explain", config.toString(), "--set", "experiment=crossdomain");
        assertEquals(ExitCodes.USAGE, bad.code());
    }
}
