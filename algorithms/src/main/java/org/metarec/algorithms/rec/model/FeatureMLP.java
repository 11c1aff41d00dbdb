package org.metarec.algorithms.rec.model;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.nn.Activation;
import org.metarec.autodiff.nn.MLP;

/**
 * The classic "recommender net" over side features: {@code r_hat = MLP([x_u, x_i, onehot(d), profile])},
 * a ReLU network over the concatenated user features, item features, domain one-hot and (when present)
 * the user's cross-domain profile. The output layer's bias starts at the training mean rating.
 *
 * <p>It has no per-user parameters, so MAML adapts the whole network to a user (Finn et al. 2017),
 * and ANIL its last layer.
 */
public final class FeatureMLP implements RecModel {

    private final ModelInputs inputs;
    private final MLP mlp;
    private final List<String> names = new ArrayList<>();

    /**
     * @param inputs input sizes
     * @param hidden hidden layer widths, at least one
     */
    public FeatureMLP(ModelInputs inputs, int[] hidden) {
        if (hidden.length == 0) {
            throw new IllegalArgumentException("feature MLP: expected at least one hidden layer, found none");
        }
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = inputs.featureWidth();
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = 1;
        this.inputs = inputs;
        this.mlp = new MLP("mlp.", sizes, Activation.RELU);
        for (int l = 1; l < sizes.length; l++) {
            names.add("mlp.W" + l);
            names.add("mlp.b" + l);
        }
    }

    @Override
    public String name() {
        return "feature_mlp";
    }

    @Override
    public Params init(RandomGenerator rng) {
        Params p = mlp.init(rng);
        String bias = mlp.headNames().get(1);
        return p.with(bias, Tensor.scalar(inputs.ratingMean()).asVariable());
    }

    @Override
    public Params initPooled(RandomGenerator rng, int users) {
        return init(rng);
    }

    @Override
    public Tensor apply(Params params, RatingBatch batch) {
        List<Tensor> parts = new ArrayList<>(4);
        if (batch.userFeatures() != null) {
            parts.add(batch.userFeatures());
        }
        if (batch.itemFeatures() != null) {
            parts.add(batch.itemFeatures());
        }
        parts.add(batch.domainOneHot());
        if (inputs.profileDim() > 0) {
            parts.add(batch.profile());
        }
        Tensor x = Ops.concatCols(parts.toArray(new Tensor[0]));
        if (x.cols() != inputs.featureWidth()) {
            throw new IllegalArgumentException("feature MLP: expected inputs of width " + inputs.featureWidth()
                    + ", found " + x.cols() + " (does the batch carry the profile the model was built for?)");
        }
        return mlp.apply(params, x);
    }

    @Override
    public List<String> userTables() {
        return List.of();
    }

    /** Every parameter. */
    @Override
    public List<String> localParams() {
        return List.copyOf(names);
    }

    @Override
    public List<String> headParams() {
        return mlp.headNames();
    }

    /** None: the network is regularised by early stopping on validation users. */
    @Override
    public Tensor penalty(Params params, RatingBatch batch) {
        return null;
    }
}
