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

    // [RECORDING]: operations record the graph; [IN_BACKWARD]: they are a backward pass's own
    // (createGraph), so the graph export can mark them as second order. One array, so a result
    // reads both with the single thread-local lookup it made before.
    static final int RECORDING = 0;
    static final int IN_BACKWARD = 1;
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true, false});

    private GradMode() {}

    /** Returns true when operations on this thread currently record the graph. */
    public static boolean isEnabled() {
        return ENABLED.get()[RECORDING];
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
        Scope scope = new Scope(flag);
        flag[RECORDING] = enabled;
        return scope;
    }

    /**
     * The scope of one backward pass: recording as {@code createGraph} says, and the operations it
     * records marked as made by a backward pass ({@link Tensor#fromBackward()}).
     */
    static Scope backwardPass(boolean createGraph) {
        boolean[] flag = ENABLED.get();
        Scope scope = new Scope(flag);
        flag[RECORDING] = createGraph;
        flag[IN_BACKWARD] = createGraph;
        return scope;
    }

    /** This thread's flags, indexed by {@link #RECORDING} and {@link #IN_BACKWARD}; read, never written. */
    static boolean[] state() {
        return ENABLED.get();
    }

    /** A scope that restores the previous recording state when closed. */
    public static final class Scope implements AutoCloseable {
        private final boolean[] flag;
        private final boolean previousRecording;
        private final boolean previousInBackward;

        private Scope(boolean[] flag) {
            this.flag = flag;
            this.previousRecording = flag[RECORDING];
            this.previousInBackward = flag[IN_BACKWARD];
        }

        /** Restores the recording state that was in force when this scope was opened. */
        @Override
        public void close() {
            flag[RECORDING] = previousRecording;
            flag[IN_BACKWARD] = previousInBackward;
        }
    }
}
