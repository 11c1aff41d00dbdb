package org.metarec.algorithms.rec.model;

import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.FeatureEncoding;

/**
 * The input sizes a rating model is built for.
 *
 * @param items the number of items (rows of item tables)
 * @param userFeatures the users' feature encoding (width 0: none)
 * @param itemFeatures the items' feature encoding (width 0: none)
 * @param domains the number of domains (width of the domain one-hot)
 * @param profileDim the width of the cross-domain profile, 0 when batches carry none
 * @param ratingMean the training mean rating, where output biases start
 */
public record ModelInputs(int items, FeatureEncoding userFeatures, FeatureEncoding itemFeatures, int domains,
        int profileDim, double ratingMean) {

    /** Validates the sizes. */
    public ModelInputs {
        if (items < 1 || domains < 1 || profileDim < 0 || !Double.isFinite(ratingMean)) {
            throw new IllegalArgumentException("model inputs: expected items >= 1, domains >= 1, profileDim >= 0 and a "
                    + "finite mean, found items " + items + ", domains " + domains + ", profileDim " + profileDim
                    + ", mean " + ratingMean);
        }
        if (userFeatures == null || itemFeatures == null) {
            throw new IllegalArgumentException("model inputs: expected user and item feature encodings, found null");
        }
    }

    /**
     * The inputs of batches from {@code factory}.
     *
     * @param factory the batch factory
     * @param ratingMean the training mean rating
     * @return the inputs
     */
    public static ModelInputs of(BatchFactory factory, double ratingMean) {
        return new ModelInputs(factory.data().itemCount(), factory.userEncoding(), factory.itemEncoding(),
                factory.data().domainCount(), factory.profileDim(), ratingMean);
    }

    /**
     * The width of a feature model's input row: user features, item features, domain one-hot, profile.
     *
     * @return the width
     */
    public int featureWidth() {
        return userFeatures.width() + itemFeatures.width() + domains + profileDim;
    }
}
