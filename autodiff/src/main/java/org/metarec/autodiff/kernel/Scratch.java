package org.metarec.autodiff.kernel;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * Per-thread memory for the intermediate results of a computation whose outputs are copied out
 * before it ends, such as one task of a meta-batch.
 *
 * <p>A task builds a graph of a few hundred intermediate matrices, uses each once or twice and drops
 * them all. Allocated fresh, every one of them lands in memory that no cache holds, and with two
 * cores doing that at once the memory bus, not the arithmetic, sets the pace. Inside a scope opened
 * with {@link #open()}, the operations of {@link org.metarec.autodiff.Ops} take their result
 * matrices from a pool of the calling thread instead ({@link #matrix}, {@link #matrixToFill});
 * closing the scope hands them all back, so the next task of that thread computes in the same,
 * cache-warm memory.
 *
 * <p>The contract: <b>no tensor computed inside a scope may be used after the scope closes</b>, as
 * its memory will hold another task's numbers. Copy what must outlive the scope with
 * {@link #keep(Tensor)} or {@link #keep(Params)}. Tensors made outside the scope (data, the
 * meta-parameters) are untouched. Results are bit-identical with and without a scope: a pooled
 * matrix is zeroed before reuse, as new ones are, unless the operation writes all of it.
 *
 * <pre>{@code
 * Params grad;
 * try (Scratch scope = Scratch.open()) {
 *     Tensor loss = model.loss(theta, batch);
 *     grad = Scratch.keep(theta.withValues(Autodiff.grad(loss, theta.tensors(), false)));
 * }
 * }</pre>
 *
 * <p>Scopes nest: closing an inner scope returns only what was taken since it opened. A scope belongs
 * to the thread that opened it.
 */
public final class Scratch implements AutoCloseable {

    /** Beyond this many pooled doubles per thread (256 MiB), new results come from the heap. */
    private static final long MAX_POOLED = 32L << 20;

    private static final ThreadLocal<Pool> POOL = ThreadLocal.withInitial(Pool::new);

    private final Pool pool;
    private final Thread owner;
    private final int mark;
    private boolean closed;

    private Scratch(Pool pool) {
        this.pool = pool;
        this.owner = Thread.currentThread();
        this.mark = pool.mark();
        pool.depth++;
    }

    /** Opens a scope on the calling thread; close it (try-with-resources) on the same thread. */
    public static Scratch open() {
        return new Scratch(POOL.get());
    }

    /** A copy of {@code t} on the heap, as a constant: safe to use after the scope closes. */
    public static Tensor keep(Tensor t) {
        return Tensor.constant(t.data().copy());
    }

    /** {@link #keep(Tensor)} for every tensor of {@code p}. */
    public static Params keep(Params p) {
        return p.map(Scratch::keep);
    }

    /** Hands back every matrix taken since this scope opened. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("Scratch: a scope must be closed by the thread that opened it ("
                    + owner.getName() + "), not by " + Thread.currentThread().getName());
        }
        closed = true;
        pool.depth--;
        if (poison) {
            pool.fillTaken(mark, Double.NaN);
        }
        pool.reset(mark);
    }

    /**
     * A zeroed {@code rows x cols} matrix for an operation's result: from the calling thread's pool
     * inside a scope, else new. The operation hands it to the tensor it returns and never writes to
     * it afterwards.
     */
    public static DMatrixRMaj matrix(int rows, int cols) {
        return take(rows, cols, true);
    }

    /**
     * A {@code rows x cols} matrix for the result of an operation that writes every element: as
     * {@link #matrix}, but a pooled matrix keeps what it held (zeroing it first would write each
     * element twice). {@code OpsGradientTest} runs every operation in a scope whose pool holds NaN.
     */
    public static DMatrixRMaj matrixToFill(int rows, int cols) {
        return take(rows, cols, false);
    }

    private static DMatrixRMaj take(int rows, int cols, boolean zeroed) {
        Pool pool = POOL.get();
        return pool.depth == 0 ? new DMatrixRMaj(rows, cols) : pool.take(rows, cols, zeroed);
    }

    /**
     * For tests: while on, closing a scope fills the matrices it hands back with NaN, so that an
     * operation that reads a result element it did not write shows it.
     */
    static void poisonWhatScopesHandBack(boolean on) {
        poison = on;
    }

    private static volatile boolean poison;

    /**
     * The matrices of one thread, in the order they were taken. A task takes matrices of the same
     * sizes in the same order every time, so the i-th request of a scope is served by the i-th
     * matrix if its length fits; when it does not (another computation, other batch sizes), that
     * matrix is replaced by a new one.
     */
    private static final class Pool {
        int depth;
        int next;                          // index of the next matrix to hand out
        long pooled;                       // doubles held by the pool
        DMatrixRMaj[] items = new DMatrixRMaj[256];
        int count;

        int mark() {
            return next;
        }

        void reset(int mark) {
            next = mark;
        }

        /** Fills the matrices handed out since {@code mark} with {@code value}. */
        void fillTaken(int mark, double value) {
            for (int i = mark; i < Math.min(next, count); i++) {
                Arrays.fill(items[i].data, value);
            }
        }

        DMatrixRMaj take(int rows, int cols, boolean zeroed) {
            int length = rows * cols;
            if (next < count) {
                DMatrixRMaj m = items[next];
                if (m.data.length == length) {
                    next++;
                    m.reshape(rows, cols, false);
                    if (zeroed) {
                        Arrays.fill(m.data, 0.0);
                    }
                    return m;
                }
                DMatrixRMaj fresh = new DMatrixRMaj(rows, cols);
                if (pooled - m.data.length + length <= MAX_POOLED) {
                    pooled += length - m.data.length;
                    items[next++] = fresh;
                }
                return fresh;
            }
            DMatrixRMaj fresh = new DMatrixRMaj(rows, cols);
            if (pooled + length <= MAX_POOLED && next == count) {
                if (count == items.length) {
                    items = Arrays.copyOf(items, 2 * count);
                }
                items[count++] = fresh;
                next++;
                pooled += length;
            }
            return fresh;
        }
    }
}
