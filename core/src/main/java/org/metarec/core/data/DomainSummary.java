package org.metarec.core.data;

/**
 * Counts of one domain after domain assignment: users and items with at least one rating in it, and ratings.
 *
 * @param name the domain name
 * @param users users with at least one rating in the domain
 * @param items items with at least one rating in the domain
 * @param ratings ratings in the domain
 */
public record DomainSummary(String name, int users, int items, int ratings) {

    /**
     * Validates that counts are non-negative.
     *
     * @throws IllegalArgumentException for a negative count
     */
    public DomainSummary {
        if (users < 0 || items < 0 || ratings < 0) {
            throw new IllegalArgumentException("domain '" + name + "': expected non-negative counts, found users "
                    + users + ", items " + items + ", ratings " + ratings);
        }
    }

    /**
     * Sparsity: 1 - ratings / (users * items), the fraction of the user-item matrix without a rating
     * (1 for an empty domain).
     *
     * @return a value in [0, 1]
     */
    public double sparsity() {
        return users == 0 || items == 0 ? 1.0 : 1.0 - (double) ratings / ((double) users * items);
    }
}
