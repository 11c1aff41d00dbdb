package org.metarec.autodiff.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A matrix product forward and backward, {@code C = A B} then {@code dA = G B^T} and
 * {@code dB = A^T G} for a given upstream gradient {@code G}, against EJML doing the same three
 * products by hand: at 256x256x256, the case of issue 2, where the arithmetic dominates, and at
 * 10x40x40, the hidden layer of the MAML sinusoid network on 10 points. The engine multiplies with
 * its own kernel, not EJML's, so {@link #autodiffVjp} against {@link #ejmlBare} compares kernel and
 * engine together; {@link #opsWithoutGraph} separates the two.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MatmulBenchmark {

    /** The shape MxKxN: A is MxK, B is KxN, C and G are MxN. */
    @Param({"256x256x256", "10x40x40"})
    public String shape;

    private Tensor a;
    private Tensor b;
    private Tensor g;
    private Tensor a0;                  // a and b as constants
    private Tensor b0;
    private List<Tensor> inputs;
    private DMatrixRMaj c;
    private DMatrixRMaj da;
    private DMatrixRMaj db;

    /** Draws A, B and G of the given shape from a fixed seed. */
    @Setup
    public void setUp() {
        String[] mkn = shape.split("x");
        if (mkn.length != 3) {
            throw new IllegalArgumentException("shape: expected MxKxN, found " + shape);
        }
        int m = Integer.parseInt(mkn[0]);
        int k = Integer.parseInt(mkn[1]);
        int n = Integer.parseInt(mkn[2]);
        SplittableRandom rng = new SplittableRandom(5);
        a = BenchData.variable(m, k, -1, 1, rng);
        b = BenchData.variable(k, n, -1, 1, rng);
        g = BenchData.constant(m, n, -1, 1, rng);
        inputs = List.of(a, b);
        a0 = a.detach();
        b0 = b.detach();
        c = new DMatrixRMaj(m, n);
        da = new DMatrixRMaj(m, k);
        db = new DMatrixRMaj(k, n);
    }

    /** The engine: {@code matmul} forward, then {@link Autodiff#vjp} for both inputs. */
    @Benchmark
    public List<Tensor> autodiffVjp() {
        return Autodiff.vjp(a.matmul(b), g, inputs, false, false);
    }

    /**
     * The same three products as {@link Ops} computes them on constants: no graph, no walk, but
     * results allocated. The floor under {@link #autodiffVjp}.
     */
    @Benchmark
    public void opsWithoutGraph(Blackhole bh) {
        bh.consume(Ops.matmul(a0, b0));
        bh.consume(Ops.matmulNT(g, b0));
        bh.consume(Ops.matmulTN(a0, g));
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
        DMatrixRMaj c1 = new DMatrixRMaj(c.numRows, c.numCols);
        DMatrixRMaj da1 = new DMatrixRMaj(da.numRows, da.numCols);
        DMatrixRMaj db1 = new DMatrixRMaj(db.numRows, db.numCols);
        CommonOps_DDRM.mult(a.data(), b.data(), c1);
        CommonOps_DDRM.multTransB(g.data(), b.data(), da1);
        CommonOps_DDRM.multTransA(a.data(), g.data(), db1);
        bh.consume(c1);
        bh.consume(da1);
        bh.consume(db1);
    }
}
