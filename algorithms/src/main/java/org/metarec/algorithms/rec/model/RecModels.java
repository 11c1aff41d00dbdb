package org.metarec.algorithms.rec.model;

import java.util.List;

/** Builds a rating model from its type name. */
public final class RecModels {

    /** The model types: matrix factorisation, NeuMF, feature MLP and MeLU. */
    public static final List<String> TYPES = List.of("mf", "neumf", "feature_mlp", "melu");

    /** The types with per-user parameters ({@link RecModel#userTables()} not empty): what CAVIA adapts. */
    public static final List<String> WITH_USER_PARAMETERS = List.of("mf", "neumf");

    private RecModels() {
    }

    /**
     * The model of type {@code type}.
     *
     * @param type one of {@link #TYPES}
     * @param inputs input sizes
     * @param dim latent or embedding width
     * @param hidden hidden layer widths (MLP-based models)
     * @return the model
     * @throws IllegalArgumentException naming the known types for an unknown one
     */
    public static RecModel create(String type, ModelInputs inputs, int dim, int[] hidden) {
        return switch (type) {
            case "mf" -> MatrixFactorization.of(inputs, dim);
            case "neumf" -> NeuMF.of(inputs, dim, hidden);
            case "feature_mlp" -> new FeatureMLP(inputs, hidden);
            case "melu" -> new MeLU(inputs, dim, hidden);
            default -> throw new IllegalArgumentException("model type: expected one of " + TYPES + ", found '" + type
                    + "'");
        };
    }
}
