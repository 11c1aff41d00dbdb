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
import java.util.function.Function;
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
 * @param folds {@code tuning.folds}: 1 for the single validation split, k &ge; 2 for k-fold validation over the
 *     training users ({@link Tuner#kFoldSearch})
 */
public record TuningSettings(boolean random, int trials, boolean unequalBudgets, int minValidationUsers,
        Map<RecMethod, MethodTuning> methods, int folds) {

    /**
     * One method's part.
     *
     * @param trials its budget: scorings on the validation users
     * @param space what random search draws
     */
    public record MethodTuning(int trials, SearchSpace space) {}

    /** Copies the methods; requires at least one fold. */
    public TuningSettings {
        methods = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(methods));
        if (folds < 1) {
            throw new IllegalArgumentException("tuning.folds: expected an integer >= 1, found " + folds);
        }
    }

    /**
     * Whether k-fold validation over the training users chooses the settings ({@code tuning.folds} &ge; 2).
     *
     * @return true for k-fold
     */
    public boolean kFold() {
        return random && folds > 1;
    }

    /**
     * The {@code tuning} key of a rating kind's section.
     *
     * @param methods the methods the kind runs (each gets a {@code methods.<name>} entry)
     * @return the key
     */
    public static KeySpec section(List<RecMethod> methods) {
        return section(RecMethod.names(methods), name -> Tunable.readBy(RecMethod.named(name)), Tunable::replaces,
                RATING_STRATEGY, true);
    }

    /** How a trial is counted in the rating kinds, for the docs of {@code strategy}. */
    private static final String RATING_STRATEGY = "`none`: every method chooses among its built-in candidates (checkpoints, "
            + "the fine-tuning rates `fine_tune_lrs`, item_bias's 3 x 3 shrinkages); `random`: random search "
            + "(Bergstra and Bengio 2012) over each method's `space`, seeded by the stream "
            + "`tuning/<method>/<cell>` of the cell's seed, with the same budget `trials` for every "
            + "method. A trial is one setting scored on the validation users, whatever it is: each "
            + "scored checkpoint of a drawn setting's training (an epoch of pooled training, a "
            + "validation point of meta-training, of a mapping) and each fine-tuning rate or shrinkage "
            + "counts one, so early stopping and checkpoint choice come out of the same budget. A drawn "
            + "setting trains until its own length or until the budget is spent; then the next setting "
            + "is drawn. A drawn setting whose training diverges keeps its trials (at least one) without a score. "
            + "A method with an empty space trains once. Every trial is written to "
            + "`tuning.csv`, the chosen values per cell at the end of `config.resolved.yaml` (as comments).";

    /**
     * The {@code tuning} key of a kind's section, for methods named in the config.
     *
     * @param methods the config names of the kind's methods (each gets a {@code methods.<name>} entry)
     * @param readable the settings a method reads, so the only ones its space may draw
     * @param replaces what a drawn setting replaces in this kind, for the docs
     * @param strategy the docs of {@code strategy}: what a trial is in this kind
     * @param ratingKind whether the kind draws its own validation users ({@code min_validation_users} and
     *     {@code folds} are keys then)
     * @return the key
     */
    public static KeySpec section(List<String> methods, Function<String, List<Tunable>> readable,
            Function<Tunable, String> replaces, String strategy, boolean ratingKind) {
        List<KeySpec> perMethod = new ArrayList<>();
        for (String m : methods) {
            List<Tunable> own = readable.apply(m);
            List<KeySpec> keys = new ArrayList<>(List.of(key("trials", integer().atLeast(1)).optional()
                    .doc("This method's budget; absent means `tuning.trials`. A value that differs from `tuning.trials` "
                            + "is rejected unless `unequal_budgets` is true.")));
            if (!own.isEmpty()) {
                keys.add(key("space", listOf(dimension(own)).distinct()).defaultTo(List.of())
                        .doc("The settings random search draws for " + m + ", each a mapping `{name, min, max, "
                                + "log}` (a range; `log: true` draws on a log scale) or `{name, choices: [...]}`; `name` is one of: "
                                + own.stream().map(t -> "`" + t.configName() + "` (" + replaces.apply(t) + ")")
                                        .collect(Collectors.joining(", "))
                                + ". Empty: one training with the config's settings, its checkpoints scored as trials."));
            }
            perMethod.add(key(m, new ObjectSpec(keys, List.of())).doc("Tuning of `" + m + "`."));
        }
        List<KeySpec> keys = new ArrayList<>();
        keys.add(key("strategy", oneOf("none", "random")).defaultTo("none").doc(strategy));
        if (ratingKind) {
            keys.add(key("min_validation_users", integer().atLeast(0)).defaultTo(0)
                    .doc("At least this many validation users when the data has them (at most half of the users left "
                            + "after the test users); the run's log reports each split's count. 0: the validation ratio "
                            + "alone decides."));
        }
        keys.add(key("trials", integer().atLeast(1)).defaultTo(20).when("strategy", "random")
                .doc("The trial budget of every method of the table (scorings on the validation users)."));
        if (ratingKind) {
            keys.add(FOLDS);
        }
        keys.add(key("unequal_budgets", bool()).defaultTo(false).when("strategy", "random")
                .doc("Allow per-method `trials` that differ from `trials`; `summary.md` then says the table's "
                        + "budgets are unequal."));
        keys.add(key("methods", new ObjectSpec(perMethod, List.of())).when("strategy", "random")
                .doc("Each method's budget and search space."));
        return key("tuning", new ObjectSpec(keys, List.of(equalBudgets())))
                .doc("Tuning of every method on the validation users, with one budget for all.");
    }

    private static final KeySpec FOLDS = key("folds", integer().atLeast(1)).defaultTo(1).when("strategy", "random")
            .doc("1: every trial is scored on the split's validation users. k >= 2: k-fold validation over "
                    + "the training users that could have been validation users (test users, validation "
                    + "users and, in crossdomain, warm users are in no fold): they are shuffled with the "
                    + "stream `<kind>/folds` of the cell's seed and dealt into k folds; each drawn setting "
                    + "trains k times, each time without one fold's target ratings (coldstart: warm-state "
                    + "tasks), whose users it is then scored on, and a trial's `validation_rmse` is the mean "
                    + "over the folds of the same checkpoint's RMSE (`tuning.csv` adds one column per fold, "
                    + "`validation_rmse_fold<f>`). The trial budget counts fold means. The final model is "
                    + "trained once more with the chosen values on the single split, its checkpoint and "
                    + "adaptation chosen on the validation users among the candidates of the chosen "
                    + "setting's training (as many scorings as that setting spent). More folds than "
                    + "training users is an error. Costs k + 1 trainings per drawn setting instead of one.");

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
            return new TuningSettings(false, 0, false, minValidation, Map.of(), 1);
        }
        int trials = c.getInt(p + "trials");
        boolean unequal = c.getBoolean(p + "unequal_budgets");
        Map<RecMethod, MethodTuning> out = readMethods(c, section, methods, RecMethod::configName, Tunable::readBy);
        return new TuningSettings(true, trials, unequal, minValidation, out, c.getInt(p + "folds"));
    }

    /**
     * Each method's budget and space of a {@code tuning} section with {@code strategy: random}.
     *
     * @param c the config
     * @param section the kind's section
     * @param methods the kind's methods
     * @param name a method's config name
     * @param readable the settings a method reads (none: no {@code space} key)
     * @param <M> the kind's method type
     * @return the methods' parts, in the order of {@code methods}
     */
    public static <M> Map<M, MethodTuning> readMethods(Config c, String section, List<M> methods, Function<M, String> name,
            Function<M, List<Tunable>> readable) {
        String p = section + ".tuning.";
        int trials = c.getInt(p + "trials");
        Map<M, MethodTuning> out = new LinkedHashMap<>();
        for (M m : methods) {
            String mp = p + "methods." + name.apply(m) + ".";
            int own = c.isSet(mp + "trials") ? c.getInt(mp + "trials") : trials;
            List<SearchDimension> dims = new ArrayList<>();
            if (!readable.apply(m).isEmpty()) {
                for (Object d : c.getList(mp + "space")) {
                    dims.add(dimension((Map<?, ?>) d));
                }
            }
            out.put(m, new MethodTuning(own, new SearchSpace(dims)));
        }
        return out;
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
        Map<String, Integer> budgets = new LinkedHashMap<>();
        run.forEach(m -> budgets.put(m.configName(), forMethod(m).trials()));
        List<String> spaceless = run.stream().distinct()
                .filter(m -> !Tunable.readBy(m).isEmpty() && forMethod(m).space().dimensions().isEmpty())
                .map(RecMethod::configName).toList();
        return unequalNote(budgets, spaceless);
    }

    /**
     * The note {@code summary.md} prints when a run's methods have unequal budgets, or null when they are equal:
     * their trials differ, or a tunable method has no search space (it trains once and spends only its checkpoints).
     *
     * @param budgets each method's budget, in the run's order
     * @param spaceless the run's methods that read a tunable setting but have an empty space
     * @return the note, or null
     */
    public static String unequalNote(Map<String, Integer> budgets, List<String> spaceless) {
        if (budgets.values().stream().distinct().count() <= 1 && spaceless.isEmpty()) {
            return null;
        }
        String note = "unequal tuning budgets (tuning.unequal_budgets: true): " + budgets.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))
                + " trials; a method with more trials had more chances to fit the validation users";
        return spaceless.isEmpty() ? note : note + "; no search space (trained once with the config's values, only "
                + "checkpoints chosen): " + String.join(", ", spaceless);
    }

}
