package org.metarec.algorithms.rec.model;

import java.util.List;
import java.util.random.RandomGenerator;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.nn.Model;

/**
 * A rating model: {@code apply(params, batch)} is the Nx1 column of predicted ratings, a pure
 * function of explicit parameters, so a meta-learner can evaluate it at adapted parameters.
 *
 * <p>Per-user parameters live in <em>user tables</em> whose row {@code slot} a batch row uses
 * ({@link RatingBatch}). {@link #init} makes the cold-start form (one row: the learned
 * initialisation that every new user starts from); {@link #initPooled} makes one row per user for
 * pooled training. Models without per-user parameters have no user tables and both forms agree.
 */
public interface RecModel extends Model<RatingBatch> {

    /**
     * The model type's name, as in protocols: {@code mf}, {@code neumf}, {@code feature_mlp}, {@code melu}.
     *
     * @return the name
     */
    String name();

    /**
     * Fresh parameters in the cold-start form (user tables with one row).
     *
     * @param rng the generator of the initial values
     * @return parameters that require gradients
     */
    @Override
    Params init(RandomGenerator rng);

    /**
     * Fresh parameters with one user-table row per user, for pooled training.
     *
     * @param rng the generator of the initial values
     * @param users the number of users (rows of each user table)
     * @return parameters that require gradients
     */
    Params initPooled(RandomGenerator rng, int users);

    /**
     * The predicted ratings of the batch's rows.
     *
     * @param params the parameters
     * @param batch the rows
     * @return an Nx1 tensor
     */
    @Override
    Tensor apply(Params params, RatingBatch batch);

    /**
     * The names of the per-user parameters (tables indexed by slot); empty for pure feature models.
     *
     * @return parameter names
     */
    List<String> userTables();

    /**
     * The names of the parameters a user's inner loop adapts (MAML's and fine-tuning's "local update").
     *
     * @return parameter names
     */
    List<String> localParams();

    /**
     * The names of the parameters ANIL adapts: the model's last layer (and the user bias where there is one).
     *
     * @return parameter names
     */
    List<String> headParams();

    /**
     * An L2 penalty on the parameters the batch touches, scaled per row (1x1), or null for none.
     * For embedding models, {@code (1/N) sum over rows of the squared norms of the looked-up rows},
     * the usual regularisation of stochastic matrix factorisation (Koren, Bell and Volinsky 2009).
     *
     * @param params the parameters
     * @param batch the rows
     * @return a 1x1 tensor or null
     */
    Tensor penalty(Params params, RatingBatch batch);
}
