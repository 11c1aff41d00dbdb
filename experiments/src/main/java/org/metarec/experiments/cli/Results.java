package org.metarec.experiments.cli;

import org.metarec.experiments.run.RunOutcome;

/** Prints a run's outcome: the summary table to stdout, warnings and the folder to stderr. */
final class Results {

    private Results() {
    }

    static void print(Main main, RunOutcome outcome) {
        if (outcome.alreadyFinished()) {
            main.err.println(outcome.dir() + " is already finished; nothing to do.");
        }
        for (String w : outcome.warnings()) {
            main.err.println("warning: " + w);
        }
        if (outcome.summary().rows().isEmpty()) {
            main.out.println("(no results were recorded)");
        } else {
            main.out.print(outcome.summary().table().text());
        }
        main.err.println("results: " + outcome.dir());
    }
}
