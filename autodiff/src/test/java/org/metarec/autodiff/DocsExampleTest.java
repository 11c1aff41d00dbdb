package org.metarec.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.metarec.autodiff.check.GradCheck;
import org.metarec.autodiff.kernel.Scratch;

/**
 * The worked examples of {@code docs/autodiff.md}, run as tests. Every number the document shows is
 * asserted here or in the test it quotes, and every {@code java} block of the document must appear
 * line for line in this file (or, for a block marked {@code java Ops.java} and the like, in that
 * source or test file of the autodiff module), so the document cannot silently go wrong.
 */
class DocsExampleTest {

    private static final double ROUNDING = 1e-12;

    // ------------------------------------------------------------------ the examples

    @Test
    void derivativesOfACube() {
        Tensor x = Tensor.scalar(2.0).asVariable();
        Tensor f = x.pow(3);                                          // x^3    = 8
        Tensor d1 = Autodiff.grad(f, List.of(x), true).get(0);        // 3 x^2  = 12
        Tensor d2 = Autodiff.grad(d1, List.of(x), true).get(0);       // 6 x    = 12
        Tensor d3 = Autodiff.grad(d2, List.of(x), false).get(0);      // 6
        assertEquals(8.0, f.item(), ROUNDING);
        assertEquals(12.0, d1.item(), ROUNDING);
        assertEquals(12.0, d2.item(), ROUNDING);
        assertEquals(6.0, d3.item(), ROUNDING);
        assertTrue(d1.requiresGrad(), "createGraph = true: the gradient is itself in a graph");
        assertFalse(d3.requiresGrad(), "createGraph = false: the gradient is a constant");
    }

    @Test
    void oneMamlStepOnALine() {
        // The model y = w x; one support point (1, 2), one query point (2, 3); inner step size 0.1.
        Tensor w = Tensor.scalar(0.5).asVariable();
        Tensor xs = Tensor.scalar(1.0);
        Tensor ys = Tensor.scalar(2.0);
        Tensor xq = Tensor.scalar(2.0);
        Tensor yq = Tensor.scalar(3.0);
        double alpha = 0.1;

        Tensor supportLoss = Ops.mse(xs.matmul(w), ys);                     // (w - 2)^2       = 2.25
        Tensor g = Autodiff.grad(supportLoss, List.of(w), true).get(0);     // 2 (w - 2)       = -3
        Tensor phi = w.addScaled(-alpha, g);                                // w - alpha g     = 0.8
        Tensor queryLoss = Ops.mse(xq.matmul(phi), yq);                     // (2 phi - 3)^2   = 1.96
        Tensor metaGrad = Autodiff.grad(queryLoss, List.of(w), false).get(0);
        Tensor firstOrder = Autodiff.grad(queryLoss, List.of(phi), false).get(0);

        // Closed form: dLq/dw = Lq'(phi) dphi/dw = 4 (2 phi - 3) (1 - 2 alpha) = -5.6 * 0.8 = -4.48
        assertEquals(2.25, supportLoss.item(), ROUNDING);
        assertEquals(-3.0, g.item(), ROUNDING);
        assertEquals(0.8, phi.item(), ROUNDING);
        assertEquals(1.96, queryLoss.item(), ROUNDING);
        assertEquals(-4.48, metaGrad.item(), ROUNDING);
        assertEquals(-5.6, firstOrder.item(), ROUNDING);
    }

    @Test
    void evaluationWithoutAGraph() {
        Tensor w = Tensor.scalar(0.5).asVariable();
        try (GradMode.Scope noGraph = GradMode.noGrad()) {
            Tensor y = w.mul(3.0);
            assertFalse(y.requiresGrad());          // a constant: nothing was recorded
        }
        assertTrue(w.mul(3.0).requiresGrad());      // recording is on again
    }

    /** softsign(x) = x / (1 + |x|), composed of primitives: its derivatives of every order come with them. */
    static Tensor softsign(Tensor x) {
        return x.div(x.abs().add(1.0));
    }

    @Test
    void checkingAFunctionOfYourOwn() {
        Tensor at = Tensor.row(-1.5, -0.2, 0.3, 2.0);           // away from the kink of |x| at 0
        GradCheck.check(in -> softsign(in.get(0)), List.of(at));
        GradCheck.checkSecondOrder(in -> softsign(in.get(0)), List.of(at));
    }

    // ------------------------------------------------------------------ the document agrees with this file

    @Test
    void whatAScratchScopeKeepsOutlivesIt() {
        Params theta = Params.of("w", Tensor.row(0.5, -1.0).asVariable());
        Tensor x = Tensor.row(2.0, 3.0);
        Params grad;
        try (Scratch scope = Scratch.open()) {
            Tensor loss = x.mul(theta.get("w")).sum().square();
            grad = Scratch.keep(theta.withValues(Autodiff.grad(loss, theta.tensors(), false)));
        }
        // d/dw (x.w)^2 = 2 (x.w) x, and x.w = -2
        assertEquals(-8.0, grad.get("w").get(0, 0), 0.0);
        assertEquals(-12.0, grad.get("w").get(0, 1), 0.0);
    }

    @Test
    void everyJavaBlockOfTheDocumentIsInThisFileOrTheSourceItQuotes() throws IOException {
        Path root = repositoryRoot();
        Assumptions.assumeTrue(root != null, "docs/autodiff.md not found above " + Path.of("").toAbsolutePath());
        Path doc = root.resolve("docs/autodiff.md");
        List<String> lines = Files.readAllLines(doc);
        int blocks = 0;
        for (int i = 0; i < lines.size(); i++) {
            String fence = lines.get(i).trim();
            if (!fence.startsWith("```java")) {
                continue;
            }
            String quoted = fence.substring("```java".length()).trim();
            List<String> block = new ArrayList<>();
            int start = i + 1;
            for (i++; i < lines.size() && !lines.get(i).trim().equals("```"); i++) {
                block.add(lines.get(i));
            }
            Path source = quoted.isEmpty()
                    ? root.resolve("autodiff/src/test/java/org/metarec/autodiff/DocsExampleTest.java")
                    : findSource(root, quoted);
            if (!containsInOrder(normalise(Files.readAllLines(source)), normalise(block))) {
                fail("docs/autodiff.md:" + start + ": the java block is not, line for line, in "
                        + root.relativize(source) + "; update the document or the code so they agree");
            }
            blocks++;
        }
        assertTrue(blocks >= 4, "docs/autodiff.md: expected at least 4 java blocks, found " + blocks);
    }

    /** The directory holding docs/autodiff.md, walking up from the working directory; null if none. */
    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/autodiff.md")) && Files.isDirectory(p.resolve("autodiff/src"))) {
                return p;
            }
        }
        return null;
    }

    private static Path findSource(Path root, String fileName) throws IOException {
        for (String tree : List.of("autodiff/src/main/java", "autodiff/src/test/java")) {
            try (Stream<Path> files = Files.walk(root.resolve(tree))) {
                Path found = files.filter(f -> f.getFileName().toString().equals(fileName)).findFirst().orElse(null);
                if (found != null) {
                    return found;
                }
            }
        }
        throw new AssertionError("docs/autodiff.md quotes " + fileName
                + ", which is not a source or test file of the autodiff module");
    }

    /** Lines without surrounding blanks, empty lines dropped: indentation may differ between doc and code. */
    private static List<String> normalise(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (!l.isBlank()) {
                out.add(l.strip());
            }
        }
        return out;
    }

    private static boolean containsInOrder(List<String> text, List<String> block) {
        if (block.isEmpty()) {
            return false;
        }
        for (int s = 0; s + block.size() <= text.size(); s++) {
            if (text.subList(s, s + block.size()).equals(block)) {
                return true;
            }
        }
        return false;
    }
}
