package org.metarec.autodiff.nn;

import java.util.random.RandomGenerator;
import org.metarec.autodiff.Init;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * A lookup table: row {@code i} of the output is the {@code ids[i]}-th row of a VxD table
 * parameter. Its gradient scatter-adds into the looked-up rows only.
 */
public final class Embedding implements Model<int[]> {

    private final String name;
    private final int vocabulary;
    private final int dim;
    private final double initStd;

    /**
     * @param name the table parameter's name
     * @param vocabulary number of rows (distinct ids)
     * @param dim width of each embedding
     * @param initStd standard deviation of the normal initialisation
     */
    public Embedding(String name, int vocabulary, int dim, double initStd) {
        if (vocabulary < 1 || dim < 1) {
            throw new IllegalArgumentException("Embedding(" + name + "): sizes must be at least 1, found "
                    + vocabulary + "x" + dim);
        }
        this.name = name;
        this.vocabulary = vocabulary;
        this.dim = dim;
        this.initStd = initStd;
    }

    @Override
    public Params init(RandomGenerator rng) {
        return Params.of(name, Init.normal(vocabulary, dim, initStd, rng));
    }

    /** The rows of the table named by {@code ids}, as an {@code ids.length} x D tensor. */
    @Override
    public Tensor apply(Params params, int[] ids) {
        return Ops.gatherRows(params.get(name), ids);
    }

    /** The table parameter's name. */
    public String name() {
        return name;
    }

    /** Number of rows of the table. */
    public int vocabulary() {
        return vocabulary;
    }

    /** Width of each embedding. */
    public int dim() {
        return dim;
    }
}
