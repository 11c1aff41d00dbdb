package org.metarec.autodiff.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * A multi-layer perceptron: {@code h_l = act(h_{l-1} W_l + b_l)} for the hidden layers and a
 * linear last layer, with parameters named {@code W1, b1, ..., WL, bL} (after an optional prefix).
 *
 * <p>Sizes {@code [d0, d1, ..., dL]} give the input width, the hidden widths and the output width.
 * {@code new MLP(new int[] {1, 40, 40, 1}, Activation.RELU)} is the network of the MAML sinusoid study.
 */
public final class MLP implements Model<Tensor> {

    private final int[] sizes;
    private final Activation activation;
    private final List<Linear> layers = new ArrayList<>();

    /** An MLP with parameters named W1, b1, ..., WL, bL. */
    public MLP(int[] sizes, Activation activation) {
        this("", sizes, activation);
    }

    /** An MLP with parameters named prefix + "W1", prefix + "b1", and so on. */
    public MLP(String prefix, int[] sizes, Activation activation) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("MLP: expected at least an input and an output size, found "
                    + Arrays.toString(sizes));
        }
        this.sizes = sizes.clone();
        this.activation = activation;
        for (int l = 1; l < sizes.length; l++) {
            layers.add(new Linear(prefix + "W" + l, prefix + "b" + l, sizes[l - 1], sizes[l]));
        }
    }

    @Override
    public Params init(RandomGenerator rng) {
        Params p = Params.empty();
        for (Linear layer : layers) {
            p = p.merge(layer.init(rng));
        }
        return p;
    }

    @Override
    public Tensor apply(Params params, Tensor x) {
        Tensor h = x;
        for (int l = 0; l < layers.size(); l++) {
            h = layers.get(l).apply(params, h);
            if (l < layers.size() - 1) {
                h = activation.apply(h);
            }
        }
        return h;
    }

    /** The output of the last hidden layer (the features the head sees), for ANIL-style models. */
    public Tensor features(Params params, Tensor x) {
        Tensor h = x;
        for (int l = 0; l < layers.size() - 1; l++) {
            h = activation.apply(layers.get(l).apply(params, h));
        }
        return h;
    }

    /** Names of the last layer's weight and bias: the "head" that ANIL adapts. */
    public List<String> headNames() {
        Linear last = layers.get(layers.size() - 1);
        return List.of(last.weightName(), last.biasName());
    }

    /** Names of every parameter, layer by layer (weight, then bias): the names {@link #init} gives. */
    public List<String> paramNames() {
        List<String> names = new java.util.ArrayList<>();
        for (Linear layer : layers) {
            names.add(layer.weightName());
            names.add(layer.biasName());
        }
        return List.copyOf(names);
    }

    /** The layer sizes {@code [d0, ..., dL]}. */
    public int[] sizes() {
        return sizes.clone();
    }

    /** The hidden activation. */
    public Activation activation() {
        return activation;
    }
}
