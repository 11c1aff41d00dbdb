package org.metarec.experiments.cli;

import java.lang.management.ManagementFactory;

/**
 * A stand-in main class for testing bin/metarec: prints its arguments and the JVM's options, and exits
 * with the first argument as code.
 */
public final class ScriptProbe {

    private ScriptProbe() {
    }

    /** Prints "probe: args..." and "jvm: options...", and exits with {@code Integer.parseInt(args[0])}. */
    public static void main(String[] args) {
        System.out.println("probe: " + String.join(" ", args));
        System.out.println("jvm: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        System.exit(Integer.parseInt(args[0]));
    }
}
