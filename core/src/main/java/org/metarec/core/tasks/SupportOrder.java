package org.metarec.core.tasks;

import java.util.Arrays;
import java.util.List;

/**
 * Which of a cold user's target ratings are revealed as the support set: K drawn at random (the protocol of
 * EMCDR, TMCDR and PTUPCDR), or the user's first K by time, the query being later ratings (what a deployed
 * system sees: the next ratings are predicted from the earlier ones).
 */
public enum SupportOrder {

    /** K support rows drawn at random, the query from the rest. */
    RANDOM("random"),
    /** The first K rows by timestamp (ties by row index), the query from the ones after them. */
    TEMPORAL("temporal");

    private final String configName;

    SupportOrder(String configName) {
        this.configName = configName;
    }

    /**
     * The name configs use.
     *
     * @return {@code random} or {@code temporal}
     */
    public String configName() {
        return configName;
    }

    /**
     * The order named {@code name}.
     *
     * @param name a config name
     * @return the order
     * @throws IllegalArgumentException naming the known orders
     */
    public static SupportOrder named(String name) {
        return Arrays.stream(values()).filter(o -> o.configName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("support order: expected one of " + names()
                        + ", found '" + name + "'"));
    }

    /**
     * The config names, in order.
     *
     * @return the names
     */
    public static List<String> names() {
        return Arrays.stream(values()).map(SupportOrder::configName).toList();
    }
}
