package org.metarec.algorithms.rec.mapping;

/**
 * Training of a learned transfer between domains: EMCDR's mapping network, PTUPCDR's meta network.
 *
 * @param hidden the networks' hidden width
 * @param iterations Adam steps
 * @param usersPerStep training users per step (PTUPCDR; EMCDR takes full-batch steps)
 * @param lr Adam's learning rate
 * @param validateEvery steps between scorings on the validation users
 */
public record MappingSettings(int hidden, int iterations, int usersPerStep, double lr, int validateEvery) {

    /** The default learning rate of the mapping networks. */
    public static final double DEFAULT_LR = 0.001;

    /** Validates the counts and the rate. */
    public MappingSettings {
        if (hidden < 1 || iterations < 0 || usersPerStep < 1 || validateEvery < 1 || !(lr > 0)
                || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("mapping settings: expected hidden >= 1, iterations >= 0, "
                    + "usersPerStep >= 1, lr > 0, validateEvery >= 1; found " + hidden + ", " + iterations + ", "
                    + usersPerStep + ", " + lr + ", " + validateEvery);
        }
    }
}
