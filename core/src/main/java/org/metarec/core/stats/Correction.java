package org.metarec.core.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A multiple-comparison correction of a table's p-values ({@link MultipleComparisons}): which one a summary
 * applies, under its config name, and what it controls.
 */
public enum Correction {

    /** Holm's step-down procedure: controls the family-wise error rate under any dependence. */
    HOLM("holm", "Holm's step-down procedure (family-wise error rate)") {
        @Override
        public double[] adjust(double[] p) {
            return MultipleComparisons.holm(p);
        }
    },

    /** The Benjamini-Hochberg step-up procedure: controls the false discovery rate. */
    BH("bh", "the Benjamini-Hochberg procedure (false discovery rate)") {
        @Override
        public double[] adjust(double[] p) {
            return MultipleComparisons.benjaminiHochberg(p);
        }
    };

    private final String configName;
    private final String description;

    Correction(String configName, String description) {
        this.configName = configName;
        this.description = description;
    }

    /**
     * The adjusted p-values, in the order given.
     *
     * @param p the family's p-values, each in [0, 1]; not modified
     * @return the adjusted values
     */
    public abstract double[] adjust(double[] p);

    /**
     * The name in configs ({@code holm}, {@code bh}).
     *
     * @return the name
     */
    public String configName() {
        return configName;
    }

    /**
     * What a table says under itself, e.g. "Holm's step-down procedure (family-wise error rate)".
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * The config names of every correction.
     *
     * @return {@code [holm, bh]}
     */
    public static List<String> configNames() {
        return Arrays.stream(values()).map(Correction::configName).toList();
    }

    /**
     * The correction of a config name.
     *
     * @param name e.g. {@code bh}
     * @return the correction, or empty for an unknown name
     */
    public static Optional<Correction> byName(String name) {
        return Arrays.stream(values()).filter(c -> c.configName.equals(name)).findFirst();
    }
}
