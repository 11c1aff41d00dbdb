package org.metarec.core.data;

/**
 * A loaded or generated data set: the interactions, the side features of users and of items (indexed like
 * the interactions' user and item indices) and the report of how it was obtained.
 *
 * @param interactions the ratings
 * @param userFeatures features of users 0..userCount-1
 * @param itemFeatures features of items 0..itemCount-1
 * @param report what was read, kept and dropped
 */
public record Dataset(Interactions interactions, SideFeatures userFeatures, SideFeatures itemFeatures,
        LoadReport report) {

    /**
     * Validates that the features describe exactly the interactions' users and items.
     *
     * @throws IllegalArgumentException if a component is null or an entity count differs
     */
    public Dataset {
        if (interactions == null || userFeatures == null || itemFeatures == null || report == null) {
            throw new IllegalArgumentException("dataset: expected interactions, user features, item features and a "
                    + "report, found a null");
        }
        if (userFeatures.entityCount() != interactions.userCount()) {
            throw new IllegalArgumentException("dataset: expected user features for " + interactions.userCount()
                    + " users, found " + userFeatures.entityCount());
        }
        if (itemFeatures.entityCount() != interactions.itemCount()) {
            throw new IllegalArgumentException("dataset: expected item features for " + interactions.itemCount()
                    + " items, found " + itemFeatures.entityCount());
        }
    }

    /**
     * The domain names (those of the interactions).
     *
     * @return the domains
     */
    public Domains domains() {
        return interactions.domains();
    }
}
