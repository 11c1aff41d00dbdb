package org.metarec.algorithms.rec.model;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.autodiff.Functions;
import org.metarec.autodiff.Init;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.nn.Activation;
import org.metarec.autodiff.nn.MLP;

/**
 * NeuMF-style neural collaborative filtering (He, Liao, Zhang, Nie, Hu and Chua, "Neural Collaborative
 * Filtering", WWW 2017), for explicit ratings:
 * <pre>
 *   g   = p_u^G (*) q_i^G                                  (generalised MF branch, elementwise product)
 *   m   = relu(tower([p_u^M, q_i^M]))                       (MLP branch over concatenated embeddings)
 *   r_hat = [g, m] w_out + b_i + b_u + mu                   (fusion layer, plus biases for ratings)
 * </pre>
 * The paper predicts implicit feedback through a sigmoid; for ratings the fusion is linear and biases
 * are added. User embeddings and bias are user tables (one learned initialisation in the cold-start
 * form, adapted per user) and, when profiles are present, each gets a linear term of the profile.
 */
public final class NeuMF implements RecModel {

    /** Global mean. */
    public static final String MU = "mu";
    /** Item biases. */
    public static final String ITEM_BIAS = "item.bias";
    /** User biases (table). */
    public static final String USER_BIAS = "user.bias";
    /** GMF user embeddings (table). */
    public static final String GMF_USER = "gmf.user";
    /** GMF item embeddings. */
    public static final String GMF_ITEM = "gmf.item";
    /** MLP-branch user embeddings (table). */
    public static final String MLP_USER = "mlp.user";
    /** MLP-branch item embeddings. */
    public static final String MLP_ITEM = "mlp.item";
    /** Fusion weights, (d + last hidden) x 1. */
    public static final String OUT = "out.w";
    /** Profile to GMF user embedding. */
    public static final String PROFILE_GMF = "profile.gmf";
    /** Profile to MLP user embedding. */
    public static final String PROFILE_MLP = "profile.mlp";
    /** Profile to user bias. */
    public static final String PROFILE_BIAS = "profile.bias";

    private final int items;
    private final int dim;
    private final int profileDim;
    private final double ratingMean;
    private final MLP tower;
    private final int towerOut;

    /**
     * @param items number of items
     * @param dim embedding width d of each branch
     * @param hidden widths of the MLP tower's layers (all ReLU), at least one
     * @param profileDim width of the profile, 0 for none
     * @param ratingMean initial value of mu
     */
    public NeuMF(int items, int dim, int[] hidden, int profileDim, double ratingMean) {
        if (items < 1 || dim < 1 || hidden.length == 0 || profileDim < 0) {
            throw new IllegalArgumentException("NeuMF: expected items >= 1, dim >= 1, at least one hidden layer and "
                    + "profileDim >= 0; found " + items + ", " + dim + ", " + hidden.length + " layers, " + profileDim);
        }
        this.items = items;
        this.dim = dim;
        this.profileDim = profileDim;
        this.ratingMean = ratingMean;
        int[] sizes = new int[hidden.length + 1];
        sizes[0] = 2 * dim;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        this.tower = new MLP("tower.", sizes, Activation.RELU);
        this.towerOut = hidden[hidden.length - 1];
    }

    /**
     * The model for the given inputs.
     *
     * @param inputs input sizes
     * @param dim embedding width
     * @param hidden tower widths
     * @return the model
     */
    public static NeuMF of(ModelInputs inputs, int dim, int[] hidden) {
        return new NeuMF(inputs.items(), dim, hidden, inputs.profileDim(), inputs.ratingMean());
    }

    @Override
    public String name() {
        return "neumf";
    }

    @Override
    public Params init(RandomGenerator rng) {
        return initPooled(rng, 1);
    }

    @Override
    public Params initPooled(RandomGenerator rng, int users) {
        double std = 0.1;
        Params p = Params.of(MU, Tensor.scalar(ratingMean).asVariable(), ITEM_BIAS, Init.zeros(items, 1),
                USER_BIAS, Init.zeros(users, 1), GMF_USER, Init.normal(users, dim, std, rng),
                GMF_ITEM, Init.normal(items, dim, std, rng), MLP_USER, Init.normal(users, dim, std, rng),
                MLP_ITEM, Init.normal(items, dim, std, rng));
        p = p.merge(tower.init(rng)).with(OUT, Init.fanInUniform(dim + towerOut, 1, dim + towerOut, rng));
        if (profileDim > 0) {
            p = p.with(PROFILE_GMF, Init.zeros(profileDim, dim)).with(PROFILE_MLP, Init.zeros(profileDim, dim))
                    .with(PROFILE_BIAS, Init.zeros(profileDim, 1));
        }
        return p;
    }

    @Override
    public Tensor apply(Params params, RatingBatch batch) {
        int[] items = batch.items();
        Tensor g = user(params, GMF_USER, PROFILE_GMF, batch).mul(Ops.gatherRows(params.get(GMF_ITEM), items));
        Tensor m = tower.apply(params, Ops.concatCols(user(params, MLP_USER, PROFILE_MLP, batch),
                Ops.gatherRows(params.get(MLP_ITEM), items))).relu();
        return Ops.concatCols(g, m).matmul(params.get(OUT)).add(Ops.gatherRows(params.get(ITEM_BIAS), items))
                .add(user(params, USER_BIAS, PROFILE_BIAS, batch)).addRowVector(params.get(MU));
    }

    private Tensor user(Params params, String table, String profileTerm, RatingBatch batch) {
        Tensor t = Ops.gatherRows(params.get(table), batch.slots());
        return profileDim > 0 ? t.add(batch.profile().matmul(params.get(profileTerm))) : t;
    }

    @Override
    public List<String> userTables() {
        return List.of(GMF_USER, MLP_USER, USER_BIAS);
    }

    @Override
    public List<String> localParams() {
        return List.of(GMF_USER, MLP_USER, USER_BIAS);
    }

    /** The fusion layer and the user bias. */
    @Override
    public List<String> headParams() {
        return List.of(OUT, USER_BIAS);
    }

    /** {@code (1/N) sum_rows} of the squared norms of every embedding row and bias the row looks up. */
    @Override
    public Tensor penalty(Params params, RatingBatch batch) {
        int[] items = batch.items();
        List<Tensor> parts = new ArrayList<>();
        parts.add(user(params, GMF_USER, PROFILE_GMF, batch));
        parts.add(user(params, MLP_USER, PROFILE_MLP, batch));
        parts.add(user(params, USER_BIAS, PROFILE_BIAS, batch));
        parts.add(Ops.gatherRows(params.get(GMF_ITEM), items));
        parts.add(Ops.gatherRows(params.get(MLP_ITEM), items));
        parts.add(Ops.gatherRows(params.get(ITEM_BIAS), items));
        return Functions.l2Penalty(1.0 / batch.size(), parts);
    }
}
