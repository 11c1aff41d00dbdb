package org.metarec.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The DOT export of a known graph (one MAML step of {@code docs/autodiff.md} on the line y = w x)
 * equals the checked-in text, and the engine marks exactly the operations a backward pass with
 * {@code createGraph} recorded.
 */
class DotGraphTest {

    /** w; phi = w - 0.1 grad_w (w - 2)^2; the query loss (2 phi - 3)^2. */
    private record OneStep(Tensor w, Tensor g, Tensor phi, Tensor queryLoss) {
        static OneStep make() {
            Tensor w = Tensor.scalar(0.5).asVariable();
            Tensor supportLoss = Ops.mse(Tensor.scalar(1.0).matmul(w), Tensor.scalar(2.0));
            Tensor g = Autodiff.grad(supportLoss, List.of(w), true).get(0);
            Tensor phi = w.addScaled(-0.1, g);
            Tensor queryLoss = Ops.mse(Tensor.scalar(2.0).matmul(phi), Tensor.scalar(3.0));
            return new OneStep(w, g, phi, queryLoss);
        }
    }

    @Test
    void oneMamlStepEqualsTheCheckedInText() throws IOException {
        OneStep s = OneStep.make();
        String dot = DotGraph.of(s.queryLoss()).name(s.w(), "w").name(s.phi(), "phi")
                .group("inner step 1", List.of(s.phi())).toDot();
        String expected;
        try (InputStream in = getClass().getResourceAsStream("/dot/one-maml-step.dot")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (NullPointerException e) {
            expected = "";
        }
        if (!expected.equals(dot)) {
            Path actual = Path.of("target", "one-maml-step.actual.dot");
            Files.createDirectories(actual.getParent());
            Files.writeString(actual, dot);
        }
        assertEquals(expected, dot, "differs from src/test/resources/dot/one-maml-step.dot; actual text in target/");
    }

    @Test
    void onlyOperationsOfABackwardPassWithCreateGraphAreMarked() {
        OneStep s = OneStep.make();
        assertFalse(s.queryLoss().fromBackward(), "the query loss is forward");
        assertFalse(s.phi().fromBackward(), "the update itself is an ordinary operation on the gradient");
        assertTrue(s.g().fromBackward(), "the gradient was recorded by the backward pass");
        assertFalse(s.w().mul(2.0).fromBackward(), "after the pass, recording is forward again");

        Tensor w = Tensor.scalar(0.5).asVariable();
        Tensor plain = Autodiff.grad(w.pow(3), List.of(w), false).get(0);
        assertFalse(plain.fromBackward() || plain.requiresGrad(), "without createGraph nothing is recorded");
    }

    @Test
    void aFirstOrderGraphHasNoSecondOrderNodes() {
        Tensor w = Tensor.scalar(0.5).asVariable();
        Tensor g = Autodiff.grad(Ops.mse(w, Tensor.scalar(2.0)), List.of(w), false).get(0);
        Tensor phi = w.detach().addScaled(-0.1, g).asVariable();
        Tensor queryLoss = Ops.mse(phi.mul(2.0), Tensor.scalar(3.0));
        DotGraph.Size size = DotGraph.size(queryLoss);
        assertEquals(0, size.fromBackward());
        assertFalse(DotGraph.of(queryLoss).toDot().contains(" -> n" + 0 + " [color"));
    }

    @Test
    void sizeCountsEveryNodeOnceAndItsValueBytes() {
        OneStep s = OneStep.make();
        List<Tensor> nodes = DotGraph.of(s.queryLoss()).nodes();
        DotGraph.Size size = DotGraph.size(s.queryLoss());
        assertEquals(nodes.size(), size.nodes());
        assertEquals(8L * nodes.size(), size.valueBytes(), "every node of this graph is 1x1");
        assertEquals(nodes.stream().filter(Tensor::fromBackward).count(), size.fromBackward());
        assertTrue(size.fromBackward() > 0);
        assertEquals(s.queryLoss(), nodes.get(nodes.size() - 1), "post-order ends at the root");
    }

    @Test
    void aDeepChainIsWalkedWithoutRecursion() {
        Tensor x = Tensor.scalar(1.0).asVariable();
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) {
            y = y.add(1.0);
        }
        assertEquals(100_001, DotGraph.size(y).nodes());
    }
}
