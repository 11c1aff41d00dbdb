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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The inner kernel of a MAML meta-iteration (Finn et al. 2017, sinusoid regression) on a 1-40-40-1
 * ReLU MLP: support loss at theta, its gradient with a graph, one SGD step
 * {@code phi = theta - 0.01 g}, the query loss at phi, and its gradient with respect to theta
 * (second order, through the step). Support and query sets have 10 points each.
 *
 * <p>{@link #task} is one such task; {@link #metaIteration} is 25 tasks with their meta-gradients
 * summed, the meta-batch for which the target of issue 2 is stated (about 2x PyTorch's ~390
 * meta-iterations/s). The tasks differ in their data, so {@link #metaIteration} also shows costs
 * that repeating one task hides, such as branches that a predictor learns on fixed data.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MamlKernelBenchmark {

    private static final int TASKS = 25;
    private static final int SHOTS = 10;
    private static final double INNER_LR = 0.01;

    /**
     * How the step is written: {@code addScaled} is {@code theta.addScaled(-0.01, g)}, one fused
     * operation; {@code subMul} is {@code theta.sub(g.mul(0.01))}, two (the same numbers, bit for bit).
     */
    @Param({"addScaled", "subMul"})
    public String step;

    private boolean fusedStep;
    private final MLP mlp = new MLP(new int[] {1, 40, 40, 1}, Activation.RELU);
    private Params theta;
    private List<Tensor> thetaList;
    private final Tensor[] supportX = new Tensor[TASKS];
    private final Tensor[] supportY = new Tensor[TASKS];
    private final Tensor[] queryX = new Tensor[TASKS];
    private final Tensor[] queryY = new Tensor[TASKS];

    /** Initialises the network and draws 25 sinusoid tasks (amplitude, phase, points) from fixed seeds. */
    @Setup
    public void setUp() {
        fusedStep = switch (step) {
            case "addScaled" -> true;
            case "subMul" -> false;
            default -> throw new IllegalArgumentException("step: expected addScaled or subMul, found " + step);
        };
        theta = mlp.init(new SplittableRandom(6));
        thetaList = theta.tensors();
        SplittableRandom rng = new SplittableRandom(7);
        for (int t = 0; t < TASKS; t++) {
            double amplitude = 0.1 + 4.9 * rng.nextDouble();
            double phase = Math.PI * rng.nextDouble();
            supportX[t] = BenchData.constant(SHOTS, 1, -5, 5, rng);
            supportY[t] = sinusoid(supportX[t], amplitude, phase);
            queryX[t] = BenchData.constant(SHOTS, 1, -5, 5, rng);
            queryY[t] = sinusoid(queryX[t], amplitude, phase);
        }
    }

    private static Tensor sinusoid(Tensor x, double amplitude, double phase) {
        double[] v = x.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = amplitude * Math.sin(v[i] - phase);
        }
        return Tensor.column(v);
    }

    private List<Tensor> metaGradient(int t) {
        Tensor support = Ops.mse(mlp.apply(theta, supportX[t]), supportY[t]);
        List<Tensor> g = Autodiff.grad(support, thetaList, true);
        Params phi = fusedStep
                ? theta.withValues(g).zip(theta, (gk, th) -> th.addScaled(-INNER_LR, gk))
                : theta.withValues(g).zip(theta, (gk, th) -> th.sub(gk.mul(INNER_LR)));
        Tensor query = Ops.mse(mlp.apply(phi, queryX[t]), queryY[t]);
        return Autodiff.grad(query, thetaList, false);
    }

    /** One task: adapt with one inner step, then the meta-gradient of the query loss. */
    @Benchmark
    public List<Tensor> task() {
        return metaGradient(0);
    }

    /** A meta-iteration: the meta-gradients of 25 different tasks, summed. */
    @Benchmark
    public Tensor[] metaIteration() {
        Tensor[] sum = metaGradient(0).toArray(new Tensor[0]);
        for (int t = 1; t < TASKS; t++) {
            List<Tensor> gt = metaGradient(t);
            for (int k = 0; k < sum.length; k++) {
                sum[k] = sum[k].add(gt.get(k));    // constants (createGraph = false): nothing is recorded
            }
        }
        return sum;
    }
}
