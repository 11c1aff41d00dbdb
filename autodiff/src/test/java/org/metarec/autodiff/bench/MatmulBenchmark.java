package org.metarec.autodiff.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A 256x256 product forward and backward, {@code C = A B} then {@code dA = G B^T} and
 * {@code dB = A^T G} for a given upstream gradient {@code G}, against EJML doing the same three
 * products by hand. At this size the arithmetic dominates, so the ratio shows what the engine adds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MatmulBenchmark {

    private static final int N = 256;

    private Tensor a;
    private Tensor b;
    private Tensor g;
    private List<Tensor> inputs;
    private final DMatrixRMaj c = new DMatrixRMaj(N, N);
    private final DMatrixRMaj da = new DMatrixRMaj(N, N);
    private final DMatrixRMaj db = new DMatrixRMaj(N, N);

    /** Draws A, B and G from a fixed seed. */
    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(5);
        a = BenchData.variable(N, N, -1, 1, rng);
        b = BenchData.variable(N, N, -1, 1, rng);
        g = BenchData.constant(N, N, -1, 1, rng);
        inputs = List.of(a, b);
    }

    /** The engine: {@code matmul} forward, then {@link Autodiff#vjp} for both inputs. */
    @Benchmark
    public List<Tensor> autodiffVjp() {
        return Autodiff.vjp(a.matmul(b), g, inputs, false, false);
    }

    /** EJML's bare products into preallocated outputs: mult, multTransB, multTransA. */
    @Benchmark
    public void ejmlBare(Blackhole bh) {
        CommonOps_DDRM.mult(a.data(), b.data(), c);
        CommonOps_DDRM.multTransB(g.data(), b.data(), da);
        CommonOps_DDRM.multTransA(a.data(), g.data(), db);
        bh.consume(c);
        bh.consume(da);
        bh.consume(db);
    }

    /** EJML's products into freshly allocated outputs, as the engine must do (results are immutable). */
    @Benchmark
    public void ejmlAllocating(Blackhole bh) {
        DMatrixRMaj c1 = new DMatrixRMaj(N, N);
        DMatrixRMaj da1 = new DMatrixRMaj(N, N);
        DMatrixRMaj db1 = new DMatrixRMaj(N, N);
        CommonOps_DDRM.mult(a.data(), b.data(), c1);
        CommonOps_DDRM.multTransB(g.data(), b.data(), da1);
        CommonOps_DDRM.multTransA(a.data(), g.data(), db1);
        bh.consume(c1);
        bh.consume(da1);
        bh.consume(db1);
    }
}
