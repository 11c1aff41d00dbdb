package org.metarec.autodiff.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.nn.Activation;
import org.metarec.autodiff.nn.MLP;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The network of the MAML sinusoid study (Finn et al. 2017): a 1-40-40-1 ReLU MLP with an MSE loss
 * on a batch of 10 rows, forward and backward with respect to all six parameter tensors.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MlpBenchmark {

    private final MLP mlp = new MLP(new int[] {1, 40, 40, 1}, Activation.RELU);
    private Params theta;
    private List<Tensor> thetaList;
    private Tensor x;
    private Tensor y;

    /** Initialises the network and a batch of 10 sinusoid points from fixed seeds. */
    @Setup
    public void setUp() {
        theta = mlp.init(new SplittableRandom(3));
        thetaList = theta.tensors();
        SplittableRandom rng = new SplittableRandom(4);
        x = BenchData.constant(10, 1, -5, 5, rng);
        double[] ys = x.toArray();
        for (int i = 0; i < ys.length; i++) {
            ys[i] = 2.0 * Math.sin(ys[i] - 0.5);
        }
        y = Tensor.column(ys);
    }

    /** Forward pass and loss, recording the graph. */
    @Benchmark
    public Tensor forward() {
        return Ops.mse(mlp.apply(theta, x), y);
    }

    /** Forward pass, loss and the gradient with respect to every parameter (createGraph = false). */
    @Benchmark
    public List<Tensor> forwardBackward() {
        return Autodiff.grad(Ops.mse(mlp.apply(theta, x), y), thetaList, false);
    }
}
