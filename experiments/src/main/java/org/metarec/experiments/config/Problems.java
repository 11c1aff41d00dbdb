package org.metarec.experiments.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects config problems so that validation reports all of them at once instead of stopping at the first.
 */
public final class Problems {

    private final List<ConfigProblem> list = new ArrayList<>();

    /**
     * Records one problem, unless a problem for the same key path at the same position is already recorded: one
     * cause (e.g. an unsupported tag, which the schema then also sees as a wrong type) is reported once.
     */
    public void add(Position position, String path, String message) {
        for (ConfigProblem p : list) {
            if (p.position().equals(position) && p.path().equals(path)) {
                return;
            }
        }
        list.add(new ConfigProblem(position, path, message));
    }

    /** Records every problem of an exception thrown by a nested step (e.g. reading an extended file). */
    public void addAll(List<ConfigProblem> problems) {
        list.addAll(problems);
    }

    /** Number of problems so far; callers compare counts to see whether a sub-step added any. */
    public int count() {
        return list.size();
    }

    /**
     * Throws a {@link ConfigException} with all problems, ordered by source, line and column (stable for
     * equal positions) so they read top to bottom like the file.
     */
    public void throwIfAny() {
        if (list.isEmpty()) {
            return;
        }
        List<ConfigProblem> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparing((ConfigProblem p) -> p.position().line() == 0)
                .thenComparing(p -> p.position().source())
                .thenComparingInt(p -> p.position().line())
                .thenComparingInt(p -> p.position().column()));
        throw new ConfigException(sorted);
    }
}
