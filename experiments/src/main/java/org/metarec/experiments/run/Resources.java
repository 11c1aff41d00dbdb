package org.metarec.experiments.run;

import org.metarec.experiments.config.Config;
import org.metarec.experiments.io.ErrorText;

/**
 * Checks, before anything is allocated, that a run fits the machine: its threads against the cores and its model
 * against the memory this Java may use. Both fail as usage errors (exit code 2), so an impossible request ends at
 * once with one message instead of minutes of thread creation or an out-of-memory crash midway.
 */
public final class Resources {

    /**
     * At most this many threads per core. More than one per core can help when some wait; thousands only cost
     * memory and start-up time, and would not change any result.
     */
    public static final int THREADS_PER_CORE = 8;

    /**
     * Copies of the parameters a training step holds at once: the values, their gradients and the two moments
     * of Adam. The autodiff graph needs more, so this is a lower bound on the memory a run needs.
     */
    static final int PARAMETER_COPIES = 4;

    private Resources() {
    }

    /** The largest thread count accepted: {@value #THREADS_PER_CORE} per core of this machine. */
    public static int maxThreads() {
        return THREADS_PER_CORE * Runtime.getRuntime().availableProcessors();
    }

    /**
     * Requires {@code 1 <= n <=} {@link #maxThreads()}.
     *
     * @param option the option as the user typed it, e.g. {@code --threads}
     * @throws UsageException naming the option, the accepted range and the value found
     */
    public static void checkThreads(String option, long n) {
        int max = maxThreads();
        if (n < 1 || n > max) {
            throw new UsageException(option + ": expected an integer from 1 to " + max + " (" + THREADS_PER_CORE
                    + " per core of this machine's " + Runtime.getRuntime().availableProcessors() + "), found " + n);
        }
    }

    /**
     * The fewest parameters the network of {@code model.hidden} can have: the weights and biases between
     * consecutive layers of widths {@code in, hidden..., 1}, where {@code in} is {@code model.embedding_dim}
     * when the config has one and 1 otherwise. Embedding tables, which grow with the data, come on top. 0 when
     * the config has no {@code model.hidden}.
     */
    static double minimumParameters(Config config) {
        if (!config.isSet("model.hidden")) {
            return 0;
        }
        int[] hidden = config.getIntArray("model.hidden");
        double previous = config.isSet("model.embedding_dim") ? config.getInt("model.embedding_dim") : 1;
        double total = 0;
        for (int width : hidden) {
            total += (previous + 1) * width;
            previous = width;
        }
        return total + previous + 1;
    }

    /**
     * Requires the model of {@code config} to fit in {@code maxMemory} bytes: {@link #minimumParameters} times
     * 8 bytes times {@value #PARAMETER_COPIES} copies.
     *
     * @throws UsageException naming {@code model.hidden}, the bytes needed and the bytes available
     */
    static void checkMemory(Config config, long maxMemory) {
        double bytes = minimumParameters(config) * Double.BYTES * PARAMETER_COPIES;
        if (bytes > maxMemory) {
            throw new UsageException("model.hidden: expected a network that fits in memory, found widths "
                    + java.util.Arrays.toString(config.getIntArray("model.hidden")) + " with at least "
                    + String.format(java.util.Locale.ROOT, "%.3g", minimumParameters(config)) + " parameters, which need at least "
                    + ErrorText.megabytes((long) Math.min(bytes, Long.MAX_VALUE)) + " (values, gradients and optimiser state) of the "
                    + ErrorText.megabytes(maxMemory) + " this Java may use; use smaller widths, or give Java more memory with "
                    + "METAREC_JAVA_OPTS=-Xmx...");
        }
    }
}
