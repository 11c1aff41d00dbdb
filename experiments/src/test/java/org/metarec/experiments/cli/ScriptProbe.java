package org.metarec.experiments.cli;

/** A stand-in main class for testing bin/metarec: prints its arguments and exits with the first one as code. */
public final class ScriptProbe {

    private ScriptProbe() {
    }

    /** Prints "probe: args..." and exits with {@code Integer.parseInt(args[0])}. */
    public static void main(String[] args) {
        System.out.println("probe: " + String.join(" ", args));
        System.exit(Integer.parseInt(args[0]));
    }
}
