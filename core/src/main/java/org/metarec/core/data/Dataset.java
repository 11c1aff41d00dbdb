package org.metarec.core.data;

import java.util.Arrays;

/**
 * A loaded or generated data set: the interactions, the side features of users and of items (indexed like
 * the interactions' user and item indices), the items' release years where the source has them, and the
 * report of how it was obtained.
 *
 * <p>Release years are not model inputs (models see the items' {@link SideFeatures}); they are what a protocol
 * that splits items by age, such as MeLU's cold-start states, splits on.
 *
 * @param interactions the ratings
 * @param userFeatures features of users 0..userCount-1
 * @param itemFeatures features of items 0..itemCount-1
 * @param report what was read, kept and dropped
 * @param itemYears the release year of items 0..itemCount-1, 0 where unknown (all 0 when the source has none)
 */
public record Dataset(Interactions interactions, SideFeatures userFeatures, SideFeatures itemFeatures,
        LoadReport report, int[] itemYears) {

    /**
     * Validates that the features and years describe exactly the interactions' users and items, and copies the
     * years.
     *
     * @throws IllegalArgumentException if a component is null, an entity count differs or a year is negative
     */
    public Dataset {
        if (interactions == null || userFeatures == null || itemFeatures == null || report == null
                || itemYears == null) {
            throw new IllegalArgumentException("dataset: expected interactions, user features, item features, a "
                    + "report and item years, found a null");
        }
        if (userFeatures.entityCount() != interactions.userCount()) {
            throw new IllegalArgumentException("dataset: expected user features for " + interactions.userCount()
                    + " users, found " + userFeatures.entityCount());
        }
        if (itemFeatures.entityCount() != interactions.itemCount()) {
            throw new IllegalArgumentException("dataset: expected item features for " + interactions.itemCount()
                    + " items, found " + itemFeatures.entityCount());
        }
        if (itemYears.length != interactions.itemCount()) {
            throw new IllegalArgumentException("dataset: expected release years for " + interactions.itemCount()
                    + " items, found " + itemYears.length);
        }
        itemYears = itemYears.clone();
        for (int i = 0; i < itemYears.length; i++) {
            if (itemYears[i] < 0) {
                throw new IllegalArgumentException("dataset: expected release years >= 0 (0: unknown), found "
                        + itemYears[i] + " for item " + interactions.itemIds().rawId(i));
            }
        }
    }

    /**
     * A data set whose source has no release years (every year 0).
     *
     * @param interactions the ratings
     * @param userFeatures features of users 0..userCount-1
     * @param itemFeatures features of items 0..itemCount-1
     * @param report what was read, kept and dropped
     */
    public Dataset(Interactions interactions, SideFeatures userFeatures, SideFeatures itemFeatures, LoadReport report) {
        this(interactions, userFeatures, itemFeatures, report, new int[interactions == null ? 0 : interactions.itemCount()]);
    }

    /**
     * The domain names (those of the interactions).
     *
     * @return the domains
     */
    public Domains domains() {
        return interactions.domains();
    }

    /**
     * The items' release years.
     *
     * @return a copy: the year of each item, 0 where unknown
     */
    @Override
    public int[] itemYears() {
        return itemYears.clone();
    }

    /**
     * Whether the source gave a release year for at least one item.
     *
     * @return true if some year is known
     */
    public boolean hasItemYears() {
        return Arrays.stream(itemYears).anyMatch(y -> y > 0);
    }

    /**
     * Equality of every component, the years by content.
     *
     * @param o another object
     * @return true if equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d && interactions.equals(d.interactions) && userFeatures.equals(d.userFeatures)
                && itemFeatures.equals(d.itemFeatures) && report.equals(d.report) && Arrays.equals(itemYears, d.itemYears);
    }

    /**
     * Hash consistent with {@link #equals(Object)}.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return ((interactions.hashCode() * 31 + userFeatures.hashCode()) * 31 + itemFeatures.hashCode()) * 31
                + Arrays.hashCode(itemYears);
    }

    /**
     * A short description (the interactions' and the number of items with a known year).
     *
     * @return text
     */
    @Override
    public String toString() {
        return "Dataset[" + interactions + ", items with a release year: " + Arrays.stream(itemYears).filter(y -> y > 0).count()
                + "]";
    }
}
