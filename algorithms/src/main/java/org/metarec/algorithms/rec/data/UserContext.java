package org.metarec.algorithms.rec.data;

/**
 * What a method may know about a user before seeing any of their ratings in the task's domain:
 * their side features, their cross-domain profile and their rating history in the other domains.
 *
 * @param user the user's index in the data, or {@link #NEW_USER} for someone the data does not hold
 * @param domain the domain of the task (where ratings are to be predicted)
 * @param features the encoded user features, or null when there are none (a new user without attributes)
 * @param profile the {@link UserProfiles} profile, or null when the method uses none
 * @param historyItems items rated in the other domains (may be empty)
 * @param historyRatings their ratings, aligned with {@code historyItems}
 */
public record UserContext(int user, int domain, double[] features, double[] profile, int[] historyItems,
        double[] historyRatings) {

    /** The user index of a user who is not in the data. */
    public static final int NEW_USER = -1;

    /** Validates the indices and history and stores copies of the arrays. */
    public UserContext {
        if (user < NEW_USER) {
            throw new IllegalArgumentException("user context: expected a user index >= 0 or NEW_USER, found " + user);
        }
        if (domain < 0) {
            throw new IllegalArgumentException("user context: expected a domain index >= 0, found " + domain);
        }
        if (historyItems == null || historyRatings == null || historyItems.length != historyRatings.length) {
            throw new IllegalArgumentException("user context: expected history items and ratings of equal length, found "
                    + (historyItems == null ? "null" : historyItems.length) + " and "
                    + (historyRatings == null ? "null" : historyRatings.length));
        }
        features = features == null ? null : features.clone();
        profile = profile == null ? null : profile.clone();
        historyItems = historyItems.clone();
        historyRatings = historyRatings.clone();
    }

    /** The encoded user features, or null (a copy). */
    @Override
    public double[] features() {
        return features == null ? null : features.clone();
    }

    /** The cross-domain profile, or null (a copy). */
    @Override
    public double[] profile() {
        return profile == null ? null : profile.clone();
    }

    /** The items of the history in other domains (a copy). */
    @Override
    public int[] historyItems() {
        return historyItems.clone();
    }

    /** The ratings of the history in other domains (a copy). */
    @Override
    public double[] historyRatings() {
        return historyRatings.clone();
    }

    /**
     * Whether the user is in the data (so per-user parameters learned from their history exist).
     *
     * @return true unless {@link #NEW_USER}
     */
    public boolean known() {
        return user != NEW_USER;
    }
}
