package org.metarec.algorithms.rec.model;

import java.util.List;
import java.util.random.RandomGenerator;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.autodiff.Functions;
import org.metarec.autodiff.Init;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * Biased matrix factorisation (Koren, Bell and Volinsky, "Matrix Factorization Techniques for
 * Recommender Systems", IEEE Computer 42(8), 2009):
 * <pre>
 *   r_hat(u, i) = mu + b_i + b_u + &lt;p_u, q_i&gt;
 *   p_u = userVec[slot(u)] + profile(u) P_vec,   b_u = userBias[slot(u)] + profile(u) P_bias
 * </pre>
 * In the cold-start form the user tables have one row: the learned initialisation from which a new
 * user's vector and bias are adapted (the local parameters). The optional profile terms map the
 * user's cross-domain profile to a personal starting point, a linear bridge in the spirit of EMCDR
 * (Man et al. 2017) learned jointly with the factors.
 */
public final class MatrixFactorization implements RecModel {

    /** Global mean, 1x1. */
    public static final String MU = "mu";
    /** Item biases, Ix1. */
    public static final String ITEM_BIAS = "item.bias";
    /** Item vectors, Ixd. */
    public static final String ITEM_VEC = "item.vec";
    /** User vectors, Sxd (S = 1 in the cold-start form). */
    public static final String USER_VEC = "user.vec";
    /** User biases, Sx1. */
    public static final String USER_BIAS = "user.bias";
    /** Profile to user vector, Pxd. */
    public static final String PROFILE_VEC = "profile.vec";
    /** Profile to user bias, Px1. */
    public static final String PROFILE_BIAS = "profile.bias";

    private final int items;
    private final int dim;
    private final int profileDim;
    private final double ratingMean;
    private final double initStd;

    /**
     * @param items number of items
     * @param dim latent dimension d
     * @param profileDim width of the profile, 0 for none
     * @param ratingMean initial value of mu
     * @param initStd standard deviation of the initial vectors
     */
    public MatrixFactorization(int items, int dim, int profileDim, double ratingMean, double initStd) {
        if (items < 1 || dim < 1 || profileDim < 0 || !(initStd >= 0)) {
            throw new IllegalArgumentException("matrix factorisation: expected items >= 1, dim >= 1, profileDim >= 0, "
                    + "initStd >= 0; found " + items + ", " + dim + ", " + profileDim + ", " + initStd);
        }
        this.items = items;
        this.dim = dim;
        this.profileDim = profileDim;
        this.ratingMean = ratingMean;
        this.initStd = initStd;
    }

    /**
     * The model for the given inputs.
     *
     * @param inputs input sizes
     * @param dim latent dimension
     * @return the model
     */
    public static MatrixFactorization of(ModelInputs inputs, int dim) {
        return new MatrixFactorization(inputs.items(), dim, inputs.profileDim(), inputs.ratingMean(), 0.1);
    }

    @Override
    public String name() {
        return "mf";
    }

    @Override
    public Params init(RandomGenerator rng) {
        return initPooled(rng, 1);
    }

    @Override
    public Params initPooled(RandomGenerator rng, int users) {
        Params p = Params.of(MU, Tensor.scalar(ratingMean).asVariable(), ITEM_BIAS, Init.zeros(items, 1),
                ITEM_VEC, Init.normal(items, dim, initStd, rng), USER_VEC, Init.normal(users, dim, initStd, rng),
                USER_BIAS, Init.zeros(users, 1));
        if (profileDim > 0) {
            p = p.with(PROFILE_VEC, Init.zeros(profileDim, dim)).with(PROFILE_BIAS, Init.zeros(profileDim, 1));
        }
        return p;
    }

    @Override
    public Tensor apply(Params params, RatingBatch batch) {
        Tensor dot = userVectors(params, batch).mul(Ops.gatherRows(params.get(ITEM_VEC), batch.items())).sumCols();
        return dot.add(Ops.gatherRows(params.get(ITEM_BIAS), batch.items())).add(userBiases(params, batch))
                .addRowVector(params.get(MU));
    }

    /** {@code p_u} per row: the slot's vector plus the profile's contribution. */
    Tensor userVectors(Params params, RatingBatch batch) {
        Tensor p = Ops.gatherRows(params.get(USER_VEC), batch.slots());
        return profileDim > 0 ? p.add(batch.profile().matmul(params.get(PROFILE_VEC))) : p;
    }

    /** {@code b_u} per row. */
    Tensor userBiases(Params params, RatingBatch batch) {
        Tensor b = Ops.gatherRows(params.get(USER_BIAS), batch.slots());
        return profileDim > 0 ? b.add(batch.profile().matmul(params.get(PROFILE_BIAS))) : b;
    }

    @Override
    public List<String> userTables() {
        return List.of(USER_VEC, USER_BIAS);
    }

    @Override
    public List<String> localParams() {
        return List.of(USER_VEC, USER_BIAS);
    }

    /** The user vector and bias: a dot-product model's "last layer" is the user's side of it. */
    @Override
    public List<String> headParams() {
        return List.of(USER_VEC, USER_BIAS);
    }

    /** {@code (1/N) sum_rows (|p_u|^2 + b_u^2 + |q_i|^2 + b_i^2)}. */
    @Override
    public Tensor penalty(Params params, RatingBatch batch) {
        Tensor s = Functions.sumOfSquares(userVectors(params, batch))
                .add(Functions.sumOfSquares(userBiases(params, batch)))
                .add(Functions.sumOfSquares(Ops.gatherRows(params.get(ITEM_VEC), batch.items())))
                .add(Functions.sumOfSquares(Ops.gatherRows(params.get(ITEM_BIAS), batch.items())));
        return s.mul(1.0 / batch.size());
    }

    /**
     * The latent dimension.
     *
     * @return d
     */
    public int dim() {
        return dim;
    }
}
