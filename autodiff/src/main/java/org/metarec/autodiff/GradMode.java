package org.metarec.autodiff;

/**
 * Whether operations on this thread record the graph needed for differentiation.
 *
 * <p>Recording is on by default. Inside a {@link #noGrad()} scope operations compute values only:
 * nothing is remembered, so evaluation and the plain (first-order) backward pass cost no graph
 * memory. The flag is per thread, so tasks running in parallel do not interfere.
 *
 * <pre>{@code
 * try (GradMode.Scope s = GradMode.noGrad()) {
 *     Tensor prediction = model.apply(params, x);   // no graph is kept
 * }
 * }</pre>
 */
public final class GradMode {

    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private GradMode() {}

    /** Returns true when operations on this thread currently record the graph. */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** Turns recording off until the returned scope is closed, then restores the previous state. */
    public static Scope noGrad() {
        return set(false);
    }

    /** Turns recording on until the returned scope is closed, then restores the previous state. */
    public static Scope enableGrad() {
        return set(true);
    }

    static Scope set(boolean enabled) {
        boolean[] flag = ENABLED.get();
        boolean previous = flag[0];
        flag[0] = enabled;
        return new Scope(flag, previous);
    }

    /** A scope that restores the previous recording state when closed. */
    public static final class Scope implements AutoCloseable {
        private final boolean[] flag;
        private final boolean previous;

        private Scope(boolean[] flag, boolean previous) {
            this.flag = flag;
            this.previous = previous;
        }

        /** Restores the recording state that was in force when this scope was opened. */
        @Override
        public void close() {
            flag[0] = previous;
        }
    }
}
