package org.metarec.autodiff.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * {@link Scratch}: inside a scope the operations reuse the thread's memory, and nothing a caller can
 * see changes. The numbers of a first- and second-order computation are bit-identical with and
 * without a scope, also when the pool holds another computation's numbers; what a scope keeps
 * survives it; nested scopes give back only their own matrices.
 */
class ScratchTest {

    /** theta for a 3-5-2 tanh network and a batch of 7 rows, from one seed. */
    private record Problem(Params theta, Tensor x, Tensor y) {}

    private static Problem problem(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Params theta = Params.of("W1", Tensor.variable(random(3, 5, rng)), "b1", Tensor.variable(random(1, 5, rng)),
                "W2", Tensor.variable(random(5, 2, rng)));
        return new Problem(theta, Tensor.constant(random(7, 3, rng)), Tensor.constant(random(7, 2, rng)));
    }

    private static Tensor loss(Params p, Tensor x, Tensor y) {
        Tensor h = x.matmul(p.get("W1")).addRowVector(p.get("b1")).tanh();
        return Ops.mse(h.matmul(p.get("W2")), y);
    }

    /**
     * The loss, its gradient, and the gradient of the squared gradient norm (second order), all
     * flattened into one array; what a meta-learner's task computes, in miniature.
     */
    private static double[] firstAndSecondOrder(Problem pr) {
        List<Tensor> params = pr.theta().tensors();
        Tensor loss = loss(pr.theta(), pr.x(), pr.y());
        List<Tensor> grads = Autodiff.grad(loss, params, true);
        Tensor norm = null;
        for (Tensor g : grads) {
            norm = norm == null ? g.square().sum() : norm.add(g.square().sum());
        }
        List<Tensor> second = Autodiff.grad(norm, params, false);
        List<Double> out = new ArrayList<>();
        out.add(loss.item());
        for (List<Tensor> ts : List.of(grads, second)) {
            for (Tensor t : ts) {
                for (double v : t.toArray()) {
                    out.add(v);
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void resultsAreBitIdenticalInsideAScopeEvenWhenThePoolHoldsOtherNumbers() {
        for (long seed = 1; seed <= 10; seed++) {
            Problem pr = problem(seed);
            double[] plain = firstAndSecondOrder(pr);
            for (int round = 0; round < 3; round++) {
                try (Scratch scope = Scratch.open()) {
                    // Leave other numbers in the pool first: a different problem, then this one.
                    firstAndSecondOrder(problem(1000 + seed + round));
                }
                try (Scratch scope = Scratch.open()) {
                    assertArrayEquals(plain, firstAndSecondOrder(pr), 0.0, "seed " + seed + ", round " + round);
                }
            }
        }
    }

    @Test
    void aScopeReusesItsThreadsMatricesAndOutsideEveryResultIsNew() {
        Tensor a = Tensor.constant(random(4, 4, new SplittableRandom(2)));
        DMatrixRMaj first;
        try (Scratch scope = Scratch.open()) {
            first = a.matmul(a).data();
        }
        try (Scratch scope = Scratch.open()) {
            assertSame(first, a.matmul(a).data(), "the second scope should get the first scope's matrix back");
        }
        assertNotSame(a.matmul(a).data(), a.matmul(a).data());
    }

    @Test
    void whatAScopeKeepsSurvivesItAndLaterScopes() {
        Problem pr = problem(3);
        double[] want = firstAndSecondOrder(pr);
        Params kept;
        double keptLoss;
        try (Scratch scope = Scratch.open()) {
            Tensor loss = loss(pr.theta(), pr.x(), pr.y());
            keptLoss = loss.item();
            kept = Scratch.keep(pr.theta().withValues(Autodiff.grad(loss, pr.theta().tensors(), false)));
        }
        for (int round = 0; round < 3; round++) {
            try (Scratch scope = Scratch.open()) {
                firstAndSecondOrder(problem(50 + round));
            }
        }
        assertEquals(want[0], keptLoss, 0.0);
        int e = 1;
        for (Tensor g : kept.tensors()) {
            assertEquals(false, g.requiresGrad());
            for (double v : g.toArray()) {
                assertEquals(want[e++], v, 0.0, "kept gradient element " + (e - 2));
            }
        }
    }

    @Test
    void closingAnInnerScopeLeavesTheOuterScopesResultsAlone() {
        Tensor a = Tensor.constant(random(6, 6, new SplittableRandom(4)));
        try (Scratch outer = Scratch.open()) {
            Tensor product = a.matmul(a);
            double[] before = product.toArray();
            for (int round = 0; round < 3; round++) {
                try (Scratch inner = Scratch.open()) {
                    Tensor t = a;
                    for (int k = 0; k < 5; k++) {
                        t = t.matmul(a).tanh();
                    }
                }
            }
            assertArrayEquals(before, product.toArray(), 0.0);
            // The outer scope's next result must not be handed the same memory either.
            assertNotSame(product.data(), a.add(a).data());
        }
    }

    @Test
    void aScopeBelongsToItsThread() throws Exception {
        Scratch scope = Scratch.open();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                scope.close();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        other.start();
        other.join();
        assertEquals(IllegalStateException.class, thrown.get().getClass());
        scope.close();
        scope.close();   // a second close does nothing
        // The thread is out of every scope again: results are new.
        Tensor a = Tensor.constant(random(2, 2, new SplittableRandom(5)));
        assertNotSame(a.add(a).data(), a.add(a).data());
    }

    private static DMatrixRMaj random(int rows, int cols, SplittableRandom rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = 2 * rng.nextDouble() - 1;
        }
        return m;
    }
}
