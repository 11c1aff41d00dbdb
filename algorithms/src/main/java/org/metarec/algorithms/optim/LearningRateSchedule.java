package org.metarec.algorithms.optim;

/**
 * The outer learning rate as a function of the step: {@code lr(t)} for the optimiser's step
 * {@code t = 1, 2, ...}. {@link Adam} and {@link SGD} take one, so any learner's outer loop can follow a
 * schedule.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The learning rate of step {@code step} (1-based), &gt; 0. */
    double at(long step);

    /** The same rate at every step. */
    static LearningRateSchedule constant(double lr) {
        if (!(lr > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, found " + lr);
        }
        return step -> lr;
    }
}
