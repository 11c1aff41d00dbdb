package org.metarec.experiments.study.rec;

import static org.metarec.experiments.config.Specs.bool;
import static org.metarec.experiments.config.Specs.integer;
import static org.metarec.experiments.config.Specs.key;
import static org.metarec.experiments.config.Specs.listOf;
import static org.metarec.experiments.config.Specs.oneOf;
import static org.metarec.experiments.config.Specs.real;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.config.KeySpec;
import org.metarec.experiments.config.ObjectRule;
import org.metarec.experiments.config.ObjectSpec;

/**
 * The {@code tuning} section of the recommendation kinds ({@code crossdomain.tuning}, {@code coldstart.tuning}):
 * the trial budget, the search strategy, each method's search space, and the least number of validation users.
 * With {@code strategy: none} (the default) every method chooses among its own built-in candidates as before;
 * with {@code strategy: random} every method of the table gets the same number of trials ({@link Tuner}).
 *
 * @param random whether random search runs ({@code strategy: random})
 * @param trials the budget of every method (the table's), 0 without tuning
 * @param unequalBudgets whether per-method budgets may differ (the summary then says so)
 * @param minValidationUsers at least this many validation users when the data has them
 * @param methods each method's budget and space, for the methods of the kind (empty without tuning)
 */
public record TuningSettings(boolean random, int trials, boolean unequalBudgets, int minValidationUsers,
        Map<RecMethod, MethodTuning> methods) {

    /**
     * One method's part.
     *
     * @param trials its budget: scorings on the validation users
     * @param space what random search draws
     */
    public record MethodTuning(int trials, SearchSpace space) {}

    /** Copies the methods. */
    public TuningSettings {
        methods = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(methods));
    }

    /**
     * The {@code tuning} key of a kind's section.
     *
     * @param methods the methods the kind runs (each gets a {@code methods.<name>} entry)
     * @return the key
     */
    public static KeySpec section(List<RecMethod> methods) {
        List<KeySpec> perMethod = new ArrayList<>();
        for (RecMethod m : methods) {
            List<Tunable> readable = Tunable.readBy(m);
            List<KeySpec> keys = new ArrayList<>(List.of(key("trials", integer().atLeast(1)).optional()
                    .doc("This method's budget; absent means `tuning.trials`. A value that differs from `tuning.trials` "
                            + "is rejected unless `unequal_budgets` is true.")));
            if (!readable.isEmpty()) {
                keys.add(key("space", listOf(dimension(readable)).distinct()).defaultTo(List.of())
                        .doc("The settings random search draws for " + m.configName() + ", each a mapping `{name, min, max, "
                                + "log}` (a range; `log: true` draws on a log scale) or `{name, choices: [...]}`; `name` is one of: "
                                + readable.stream().map(t -> "`" + t.configName() + "` (" + t.replaces() + ")")
                                        .collect(Collectors.joining(", "))
                                + ". Empty: one training with the config's settings, its checkpoints scored as trials."));
            }
            perMethod.add(key(m.configName(), new ObjectSpec(keys, List.of())).doc("Tuning of `" + m.configName() + "`."));
        }
        ObjectSpec section = new ObjectSpec(List.of(
                key("strategy", oneOf("none", "random")).defaultTo("none")
                        .doc("`none`: every method chooses among its built-in candidates (checkpoints, the fine-tuning "
                                + "rates `fine_tune_lrs`, item_bias's 3 x 3 shrinkages); `random`: random search "
                                + "(Bergstra and Bengio 2012) over each method's `space`, seeded by the stream "
                                + "`tuning/<method>/<cell>` of the cell's seed, with the same budget `trials` for every "
                                + "method. A trial is one setting scored on the validation users, whatever it is: each "
                                + "scored checkpoint of a drawn setting's training (an epoch of pooled training, a "
                                + "validation point of meta-training, of a mapping) and each fine-tuning rate or shrinkage "
                                + "counts one, so early stopping and checkpoint choice come out of the same budget. A drawn "
                                + "setting trains until its own length or until the budget is spent; then the next setting "
                                + "is drawn. A drawn setting whose training diverges keeps its trials (at least one) without a score. "
                                + "A method with an empty space trains once. Every trial is written to "
                                + "`tuning.csv`, the chosen values per cell at the end of `config.resolved.yaml` (as comments)."),
                key("min_validation_users", integer().atLeast(0)).defaultTo(0)
                        .doc("At least this many validation users when the data has them (at most half of the users left "
                                + "after the test users); the run's log reports each split's count. 0: the validation ratio "
                                + "alone decides."),
                key("trials", integer().atLeast(1)).defaultTo(20).when("strategy", "random")
                        .doc("The trial budget of every method of the table (scorings on the validation users)."),
                key("unequal_budgets", bool()).defaultTo(false).when("strategy", "random")
                        .doc("Allow per-method `trials` that differ from `trials`; `summary.md` then says the table's "
                                + "budgets are unequal."),
                key("methods", new ObjectSpec(perMethod, List.of())).when("strategy", "random")
                        .doc("Each method's budget and search space.")), List.of(equalBudgets()));
        return key("tuning", section).doc("Tuning of every method on the validation users, with one budget for all.");
    }

    private static ObjectSpec dimension(List<Tunable> readable) {
        return new ObjectSpec(List.of(
                key("name", oneOf(readable.stream().map(Tunable::configName).toList())).required()
                        .doc("The setting drawn."),
                key("min", real()).optional().doc("Lower end of the range."),
                key("max", real()).optional().doc("Upper end of the range."),
                key("log", bool()).defaultTo(false).doc("Draw on a log scale (min > 0)."),
                key("choices", listOf(real()).distinct()).defaultTo(List.of()).doc("The values to choose among.")),
                List.of(new ObjectRule("a range or choices, valid for the setting", v -> {
                    try {
                        dimension(v);
                        return null;
                    } catch (IllegalArgumentException e) {
                        return new ObjectRule.Violation("name", e.getMessage().replaceFirst("^tuning space [a-z_]+: ", ""));
                    }
                })));
    }

    /** A method's budget that differs from the table's is an error unless the config says the table is unequal. */
    private static ObjectRule equalBudgets() {
        return new ObjectRule("every method has the budget `trials` unless `unequal_budgets`", v -> {
            if (!(v.get("methods") instanceof Map<?, ?> methods) || Boolean.TRUE.equals(v.get("unequal_budgets"))) {
                return null;
            }
            long trials = ((Number) v.get("trials")).longValue();
            for (Map.Entry<?, ?> e : methods.entrySet()) {
                Object own = ((Map<?, ?>) e.getValue()).get("trials");
                if (own != null && ((Number) own).longValue() != trials) {
                    return new ObjectRule.Violation("methods." + e.getKey() + ".trials", "expected " + trials
                            + " (tuning.trials: every method of a table gets the same budget), found " + own
                            + "; set tuning.unequal_budgets: true to run an unequal table (summary.md then says so)");
                }
            }
            return null;
        });
    }

    private static SearchDimension dimension(Map<?, ?> d) {
        Tunable t = Tunable.named((String) d.get("name"));
        List<Double> choices = ((List<?>) d.get("choices")).stream().map(x -> ((Number) x).doubleValue()).toList();
        return new SearchDimension(t, number(d.get("min")), number(d.get("max")), (Boolean) d.get("log"), choices);
    }

    private static Double number(Object x) {
        return x == null ? null : ((Number) x).doubleValue();
    }

    /**
     * Reads the section.
     *
     * @param c the config
     * @param section the kind's section ({@code crossdomain}, {@code coldstart})
     * @param methods the methods the kind runs (as declared in {@link #section})
     * @return the settings
     */
    public static TuningSettings read(Config c, String section, List<RecMethod> methods) {
        String p = section + ".tuning.";
        int minValidation = c.getInt(p + "min_validation_users");
        if (c.getString(p + "strategy").equals("none")) {
            return new TuningSettings(false, 0, false, minValidation, Map.of());
        }
        int trials = c.getInt(p + "trials");
        boolean unequal = c.getBoolean(p + "unequal_budgets");
        Map<RecMethod, MethodTuning> out = new LinkedHashMap<>();
        for (RecMethod m : methods) {
            String mp = p + "methods." + m.configName() + ".";
            int own = c.isSet(mp + "trials") ? c.getInt(mp + "trials") : trials;
            List<SearchDimension> dims = new ArrayList<>();
            if (!Tunable.readBy(m).isEmpty()) {
                for (Object d : c.getList(mp + "space")) {
                    dims.add(dimension((Map<?, ?>) d));
                }
            }
            out.put(m, new MethodTuning(own, new SearchSpace(dims)));
        }
        return new TuningSettings(true, trials, unequal, minValidation, out);
    }

    /**
     * A method's budget and space.
     *
     * @param m the method
     * @return its part
     * @throws IllegalStateException without tuning
     */
    public MethodTuning forMethod(RecMethod m) {
        MethodTuning t = methods.get(m);
        if (t == null) {
            throw new IllegalStateException("tuning: expected settings for " + m + " (strategy random), found none");
        }
        return t;
    }

    /**
     * The note {@code summary.md} prints when the methods of a run have unequal budgets, or null when they are
     * equal (or nothing is tuned).
     *
     * @param run the methods of the run
     * @return the note, or null
     */
    public String unequalNote(List<RecMethod> run) {
        if (!random) {
            return null;
        }
        List<String> spaceless = run.stream().distinct()
                .filter(m -> !Tunable.readBy(m).isEmpty() && forMethod(m).space().dimensions().isEmpty())
                .map(RecMethod::configName).toList();
        boolean sameTrials = run.stream().map(m -> forMethod(m).trials()).distinct().count() <= 1;
        if (sameTrials && spaceless.isEmpty()) {
            return null;
        }
        String note = "unequal tuning budgets (tuning.unequal_budgets: true): " + run.stream().distinct()
                .map(m -> m.configName() + " " + forMethod(m).trials()).collect(Collectors.joining(", "))
                + " trials; a method with more trials had more chances to fit the validation users";
        return spaceless.isEmpty() ? note : note + "; no search space (trained once with the config's values, only "
                + "checkpoints chosen): " + String.join(", ", spaceless);
    }

}
