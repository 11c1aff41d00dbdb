package org.metarec.autodiff.kernel;

/**
 * For tests of other packages: switches {@link Scratch}'s test mode, in which closing a scope fills
 * the matrices it hands back with NaN, so that an operation that reads a result element it did not
 * write shows it.
 */
public final class PoisonedScratch {

    private PoisonedScratch() {}

    /** Turns the NaN filling of handed-back matrices on or off, for every thread. */
    public static void poison(boolean on) {
        Scratch.poisonWhatScopesHandBack(on);
    }
}
