package org.metarec.autodiff.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.Functions;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-operation overhead: {@code mse(relu(x W + b), y)} on 4x4 matrices, four forward operations
 * (matmul, addRowVector, relu, mse), differentiated with respect to W and b.
 *
 * <p>The arithmetic is tiny, so the time is almost all bookkeeping: recording the graph, walking
 * it, allocating results. Scores are per forward operation ({@code @OperationsPerInvocation(4)}),
 * the unit in which the targets of issue 2 are stated (PyTorch 1.13 CPU eager, float64: 8.9 us per
 * forward op for forward+backward, 26 us with a double backward).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ChainBenchmark {

    private static final int FORWARD_OPS = 4;

    private Tensor x;
    private Tensor y;
    private Tensor w;
    private Tensor b;
    private List<Tensor> params;

    /** Draws the inputs and the parameters from a fixed seed. */
    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(2);
        x = BenchData.constant(4, 4, -1, 1, rng);
        y = BenchData.constant(4, 4, -1, 1, rng);
        w = BenchData.variable(4, 4, -1, 1, rng);
        b = BenchData.variable(1, 4, -1, 1, rng);
        params = List.of(w, b);
    }

    private Tensor loss() {
        return Ops.mse(x.matmul(w).addRowVector(b).relu(), y);
    }

    /** The forward pass alone, recording the graph: the share of the cost that is not backward. */
    @Benchmark
    @OperationsPerInvocation(FORWARD_OPS)
    public Tensor forward() {
        return loss();
    }

    /** Forward, then the gradient with respect to W and b without a graph (createGraph = false). */
    @Benchmark
    @OperationsPerInvocation(FORWARD_OPS)
    public List<Tensor> forwardBackward() {
        return Autodiff.grad(loss(), params, false);
    }

    /**
     * Forward, the gradient with a graph (createGraph = true), then the gradient of the squared
     * gradient norm {@code ||dL/dW||^2 + ||dL/db||^2}: PyTorch's "double backward".
     */
    @Benchmark
    @OperationsPerInvocation(FORWARD_OPS)
    public List<Tensor> forwardDoubleBackward() {
        List<Tensor> g = Autodiff.grad(loss(), params, true);
        Tensor norm2 = Functions.sumOfSquares(g.get(0)).add(Functions.sumOfSquares(g.get(1)));
        return Autodiff.grad(norm2, params, false);
    }
}
