package org.metarec.algorithms.rec.model;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.metarec.algorithms.rec.data.FeatureEncoding;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.autodiff.Init;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.nn.Activation;
import org.metarec.autodiff.nn.MLP;

/**
 * MeLU-style user preference estimator (Lee, Im, Jang, Cho and Chung, "MeLU: Meta-Learned User
 * Preference Estimator for Cold-Start Recommendation", KDD 2019): every categorical feature field of
 * the user and of the item is embedded with its own table (a multi-hot field, such as genres, by the
 * mean of its members' embeddings; all numeric fields together by one linear map), the embeddings are
 * concatenated and a decision MLP (ReLU) predicts the rating:
 * <pre>
 *   r_hat = dec([x_u,1 E_u,1, ..., x_i,1 E_i,1, ..., onehot(d) E_d, profile E_p])
 * </pre>
 * The embeddings are global; the inner loop adapts only the decision layers, as in the paper's local
 * update. The domain and the cross-domain profile, when present, are embedded as two more fields.
 */
public final class MeLU implements RecModel {

    private record Field(String param, boolean user, int offset, int width) {}

    private final ModelInputs inputs;
    private final int embeddingDim;
    private final List<Field> fields = new ArrayList<>();
    private final MLP decision;
    private final List<String> decisionNames = new ArrayList<>();

    /**
     * @param inputs input sizes and feature blocks
     * @param embeddingDim width e of every field's embedding
     * @param hidden widths of the decision layers, at least one
     */
    public MeLU(ModelInputs inputs, int embeddingDim, int[] hidden) {
        if (embeddingDim < 1 || hidden.length == 0) {
            throw new IllegalArgumentException("MeLU: expected an embedding width >= 1 and at least one decision layer, "
                    + "found " + embeddingDim + " and " + hidden.length + " layers");
        }
        this.inputs = inputs;
        this.embeddingDim = embeddingDim;
        addBlocks(inputs.userFeatures(), true);
        addBlocks(inputs.itemFeatures(), false);
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = embeddingDim * (fields.size() + 1 + (inputs.profileDim() > 0 ? 1 : 0));
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = 1;
        this.decision = new MLP("dec.", sizes, Activation.RELU);
        for (int l = 1; l < sizes.length; l++) {
            decisionNames.add("dec.W" + l);
            decisionNames.add("dec.b" + l);
        }
    }

    private void addBlocks(FeatureEncoding enc, boolean user) {
        for (FeatureEncoding.Block b : enc.blocks()) {
            fields.add(new Field("emb." + (user ? "user." : "item.") + b.name(), user, b.offset(), b.width()));
        }
    }

    @Override
    public String name() {
        return "melu";
    }

    @Override
    public Params init(RandomGenerator rng) {
        Params p = Params.empty();
        for (Field f : fields) {
            p = p.with(f.param(), Init.glorotUniform(f.width(), embeddingDim, rng));
        }
        p = p.with("emb.domain", Init.glorotUniform(inputs.domains(), embeddingDim, rng));
        if (inputs.profileDim() > 0) {
            p = p.with("emb.profile", Init.glorotUniform(inputs.profileDim(), embeddingDim, rng));
        }
        p = p.merge(decision.init(rng));
        return p.with(decision.headNames().get(1), Tensor.scalar(inputs.ratingMean()).asVariable());
    }

    @Override
    public Params initPooled(RandomGenerator rng, int users) {
        return init(rng);
    }

    @Override
    public Tensor apply(Params params, RatingBatch batch) {
        List<Tensor> parts = new ArrayList<>(fields.size() + 2);
        for (Field f : fields) {
            Tensor x = f.user() ? batch.userFeatures() : batch.itemFeatures();
            if (x == null) {
                throw new IllegalArgumentException("MeLU: expected " + (f.user() ? "user" : "item")
                        + " features in the batch, found none");
            }
            parts.add(Ops.sliceCols(x, f.offset(), f.offset() + f.width()).matmul(params.get(f.param())));
        }
        parts.add(batch.domainOneHot().matmul(params.get("emb.domain")));
        if (inputs.profileDim() > 0) {
            parts.add(batch.profile().matmul(params.get("emb.profile")));
        }
        return decision.apply(params, Ops.concatCols(parts.toArray(new Tensor[0])));
    }

    @Override
    public List<String> userTables() {
        return List.of();
    }

    /** The decision layers (the paper's local update). */
    @Override
    public List<String> localParams() {
        return List.copyOf(decisionNames);
    }

    @Override
    public List<String> headParams() {
        return decision.headNames();
    }

    /** None: regularised by early stopping on validation users. */
    @Override
    public Tensor penalty(Params params, RatingBatch batch) {
        return null;
    }
}
