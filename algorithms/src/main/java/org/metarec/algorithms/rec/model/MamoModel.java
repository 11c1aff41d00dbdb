package org.metarec.algorithms.rec.model;

import java.util.List;
import java.util.random.RandomGenerator;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.nn.Linear;

/**
 * The recommender of MAMO (Dong, Yuan, Yao, Xu and Zhu, "MAMO: Memory-Augmented Meta-Optimization for
 * Cold-start Recommendation", KDD 2020, section 3.2): user profile {@code p_u} and item profile {@code p_i}
 * (field embeddings), user and item embeddings {@code e_u = relu(p_u W_u + b_u)}, {@code e_i = relu(p_i W_i + b_i)},
 * and the recommendation model over {@code [e_u, e_i]}, whose first layer is the memory layer that MAMO's
 * task-specific memory initialises per user:
 * <pre>
 *   e_u = lrelu(p_u W_u + b_u),  e_i = lrelu(p_i W_i + b_i),  h_0 = [e_u, e_i] W_mem + b_mem
 *   h_l = lrelu(h_{l-1} W_l + b_l),  r_hat = h_L w + b,        lrelu(x) = max(x, 0.1 x)
 * </pre>
 * The leaky ReLU with slope 0.1 is the code's {@code active_func} ({@code configs.py}); with a plain ReLU the
 * item embedding died in a cross-domain run (every item predicted alike) once the memory layer was the
 * memories' mixture rather than a meta-learned weight.
 * The user profile holds the user's feature fields and, when batches carry one, the cross-domain profile;
 * the item profile the item's fields (its ID when the data has no item features: {@code FieldEmbeddings}) and the
 * domain. As in the authors' code ({@code modules/rec_model.py},
 * {@code models.py}) the memory layer has no activation and the embeddings have one layer each (the code's
 * {@code n_layer} also sets the embedding depth); the code predicts one of five rating classes with a
 * softmax, this model regresses the rating with the squared error, as MeLU in metarec does.
 */
public final class MamoModel implements RecModel {

    /** The user embedding's weight {@code W_u}: MAMO's feature-specific memory holds a bias for it. */
    public static final String USER_WEIGHT = "uemb.W";
    /** The memory layer's weight {@code W_mem}: MAMO's task-specific memory holds it. */
    public static final String MEMORY_WEIGHT = "rec.mem.W";

    private final ModelInputs inputs;
    private final FieldEmbeddings userProfile;
    private final FieldEmbeddings itemProfile;
    private final Linear userEmbedding;
    private final Linear itemEmbedding;
    private final Linear memoryLayer;
    private final java.util.List<Linear> rec = new java.util.ArrayList<>();

    /**
     * @param inputs input sizes; the users need features or a cross-domain profile (the key of MAMO's memories)
     * @param embeddingDim e, the width of every profile field and of the user and item embeddings
     * @param hidden widths of the recommendation model's hidden layers after the memory layer, at least one
     */
    public MamoModel(ModelInputs inputs, int embeddingDim, int[] hidden) {
        if (embeddingDim < 1 || hidden.length == 0) {
            throw new IllegalArgumentException("mamo: expected an embedding width >= 1 and at least one hidden layer, "
                    + "found " + embeddingDim + " and " + hidden.length + " layers");
        }
        this.inputs = inputs;
        this.userProfile = new FieldEmbeddings("emb.", inputs, embeddingDim, true, false, false, true);
        if (userProfile.count() == 0) {
            throw new IllegalArgumentException("mamo: expected user features or a cross-domain profile to form the user "
                    + "profile p_u (the key of MAMO's memories), found neither");
        }
        this.itemProfile = new FieldEmbeddings("emb.", inputs, embeddingDim, false, true, true, false);
        this.userEmbedding = new Linear(USER_WEIGHT, "uemb.b", userProfile.width(), embeddingDim);
        this.itemEmbedding = new Linear("iemb.W", "iemb.b", itemProfile.width(), embeddingDim);
        this.memoryLayer = new Linear(MEMORY_WEIGHT, "rec.mem.b", 2 * embeddingDim, 2 * embeddingDim);
        int in = 2 * embeddingDim;
        for (int l = 0; l <= hidden.length; l++) {
            int out = l < hidden.length ? hidden[l] : 1;
            rec.add(new Linear("rec.W" + (l + 1), "rec.b" + (l + 1), in, out));
            in = out;
        }
    }

    /** {@code max(x, 0.1 x)} as {@code relu(x) - 0.1 relu(-x)}, the code's {@code LeakyReLU(0.1)}. */
    private static Tensor leaky(Tensor x) {
        return Ops.relu(x).sub(Ops.relu(x.neg()).mul(0.1));
    }

    @Override
    public String name() {
        return "mamo";
    }

    @Override
    public Params init(RandomGenerator rng) {
        Params p = userProfile.init(rng).merge(itemProfile.init(rng)).merge(userEmbedding.init(rng))
                .merge(itemEmbedding.init(rng)).merge(memoryLayer.init(rng));
        for (Linear layer : rec) {
            p = p.merge(layer.init(rng));
        }
        return p.with(rec.get(rec.size() - 1).biasName(), Tensor.scalar(inputs.ratingMean()).asVariable());
    }

    @Override
    public Params initPooled(RandomGenerator rng, int users) {
        return init(rng);
    }

    /**
     * The user profiles {@code p_u} of the batch's rows, N x {@link #profileWidth()}.
     *
     * @param params the parameters
     * @param batch the rows
     * @return the profiles
     */
    public Tensor userProfile(Params params, RatingBatch batch) {
        return userProfile.apply(params, batch, "mamo");
    }

    /** The width of a user profile {@code p_u}. */
    public int profileWidth() {
        return userProfile.width();
    }

    @Override
    public Tensor apply(Params params, RatingBatch batch) {
        Tensor eu = leaky(userEmbedding.apply(params, userProfile(params, batch)));
        Tensor ei = leaky(itemEmbedding.apply(params, itemProfile.apply(params, batch, "mamo")));
        Tensor h = memoryLayer.apply(params, Ops.concatCols(eu, ei));
        for (int l = 0; l < rec.size(); l++) {
            h = rec.get(l).apply(params, h);
            if (l < rec.size() - 1) {
                h = leaky(h);
            }
        }
        return h;
    }

    @Override
    public List<String> userTables() {
        return List.of();
    }

    /** Every parameter: MAMO's local update adapts the embeddings and the recommendation model alike. */
    @Override
    public List<String> localParams() {
        return init(new java.util.SplittableRandom(0)).names();
    }

    @Override
    public List<String> headParams() {
        Linear head = rec.get(rec.size() - 1);
        return List.of(head.weightName(), head.biasName());
    }

    /** None: regularised by early stopping on validation users, as MeLU. */
    @Override
    public Tensor penalty(Params params, RatingBatch batch) {
        return null;
    }
}
