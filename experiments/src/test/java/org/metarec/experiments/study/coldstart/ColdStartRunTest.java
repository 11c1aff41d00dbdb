package org.metarec.experiments.study.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.core.data.Dataset;
import org.metarec.core.tasks.ColdStartStates;
import org.metarec.experiments.ExperimentKinds;
import org.metarec.experiments.TestData;
import org.metarec.experiments.TestFiles;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.config.ConfigOverride;
import org.metarec.experiments.data.DataSources;
import org.metarec.experiments.study.coldstart.ColdStartStatesSetup;

/**
 * {@code experiments/configs/ml1m-melu.yaml} run end to end on a generated folder in the MovieLens 1M format,
 * shrunk with {@code --set} so it runs in seconds: every method has every state's metrics with finite values,
 * a second run with another thread count gives the same bytes, changing every held-out rating leaves training
 * and selection untouched, and {@code validate} passes with the folder and fails, naming {@code data.path},
 * without it.
 */
class ColdStartRunTest {

    @TempDir
    Path tmp;

    private static final List<String> METHODS = List.of("global_mean", "item_bias", "pretrained", "maml", "fomaml",
            "reptile", "metasgd", "anil", "mamlpp", "imaml");

    private static Path config(String name) {
        return TestFiles.repositoryRoot().resolve("experiments/configs/" + name);
    }

    private TestFiles.CliResult run(Path data, Path out, String threads) {
        return TestFiles.cli("run", config("ml1m-melu.yaml").toString(), "--out", out.toString(), "--threads", threads,
                "--set", "data.path=" + data, "--set", "model.embedding_dim=4", "--set", "model.hidden=[8, 8]",
                "--set", "meta.meta_batch=4", "--set", "meta.inner_steps=1", "--set", "budget.meta_iterations=4",
                "--set", "budget.validate_every=2", "--set", "coldstart.pooled_epochs=1",
                "--set", "coldstart.seeds=[1, 2]", "--set", "coldstart.support_sizes=[3]",
                // The fixture is small and its run must be short: 3 trials, and no ranking (too few items to sample 99).
                "--set", "coldstart.tuning.trials=3", "--set", "evaluation.ranking=null", "--set", "evaluation.primary_metrics=null");
    }

    @Test
    void theMl1mConfigRunsOnAGeneratedFolderAndIsReproducible() throws Exception {
        Path data = MovieLens1mFixture.write(tmp.resolve("ml-1m"), 4);
        Path a = tmp.resolve("a");
        TestFiles.CliResult r = run(data, a, "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("user_item_cold"), "the split's description is printed: " + r.err());

        TestFiles.SummaryNames names = TestFiles.readSummary(a);
        Set<String> expected = new TreeSet<>();
        for (String state : List.of("warm", "user_cold", "item_cold", "user_item_cold")) {
            for (String m : List.of("mae_user", "rmse_user", "ndcg3_within_query", "mae_pooled", "rmse_pooled")) {
                expected.add(m + "_" + state);
                expected.add(m + "_" + state + "_k3");
            }
        }
        assertEquals(expected, names.metrics());
        assertEquals(new TreeSet<>(METHODS), names.methods());
        String md = Files.readString(a.resolve("summary.md"));
        assertTrue(md.contains("pretrained (ref)") && md.contains("rmse_user_user_item_cold"), md);

        Path b = tmp.resolve("b");
        assertEquals(0, run(data, b, "1").code());
        for (String f : List.of("summary.json", "train.csv", "tasks.csv")) {
            assertEquals(Files.readString(a.resolve(f)), Files.readString(b.resolve(f)),
                    f + " differs between --threads 2 and 1");
        }
    }

    @Test
    void changingEveryHeldOutRatingChangesNeitherTrainingNorSelection() throws Exception {
        Path data = MovieLens1mFixture.write(tmp.resolve("ml-1m"), 5);
        Config c = ExperimentKinds.loader().load(config("ml1m-melu.yaml"),
                List.of(ConfigOverride.parse("data.path=" + data)));
        Dataset d = DataSources.load(c);
        String s = "coldstart.";
        ColdStartStates.Config split = new ColdStartStates.Config(c.getInt(s + "new_item_year"),
                c.getDouble(s + "existing_user_share"), c.getInt(s + "min_ratings"), c.getInt(s + "max_ratings"),
                c.getInt(s + "query"), c.getDouble(s + "validation_ratio"), c.getDouble(s + "warm_test_ratio"));
        int[] hidden = ColdStartStatesSetup.prepare(d, split, 1).hiddenRows();
        assertTrue(hidden.length > d.interactions().size() / 2, "most ratings are held out: " + hidden.length);

        Path a = tmp.resolve("a");
        assertEquals(0, runOneSeed(data, a).code());
        // Rows follow ratings.dat (one domain keeps every line): flip the rating r -> 6 - r of every held-out row.
        Path ratings = data.resolve("ratings.dat");
        List<String> lines = new ArrayList<>(Files.readAllLines(ratings, StandardCharsets.ISO_8859_1));
        for (int r : hidden) {
            String[] f = lines.get(r).split("::");
            lines.set(r, f[0] + "::" + f[1] + "::" + (6 - Integer.parseInt(f[2])) + "::" + f[3]);
        }
        Files.write(ratings, lines, StandardCharsets.ISO_8859_1);
        Path b = tmp.resolve("b");
        assertEquals(0, runOneSeed(data, b).code());
        assertEquals(Files.readString(a.resolve("train.csv")), Files.readString(b.resolve("train.csv")),
                "the validation history changed when only held-out ratings changed");
        assertNotEquals(Files.readString(a.resolve("tasks.csv")), Files.readString(b.resolve("tasks.csv")),
                "the flipped ratings are the ones the methods are measured on");
    }

    @Test
    void tuningNeverReadsAHeldOutRatingFlippingThemAllChangesNoTrial() throws Exception {
        flipEveryHeldOutRating(List.of());
    }

    /** k-fold validation over the warm-state training users: still blind to every held-out rating. */
    @Test
    void kFoldTuningNeverReadsAHeldOutRatingFlippingThemAllChangesNoTrial() throws Exception {
        List<String> trials = flipEveryHeldOutRating(List.of("coldstart.tuning.folds=2"));
        assertTrue(trials.get(0).endsWith(",chosen,validation_rmse_fold1,validation_rmse_fold2"), trials.get(0));
    }

    private List<String> flipEveryHeldOutRating(List<String> extra) throws Exception {
        Path data = MovieLens1mFixture.write(tmp.resolve("ml-1m"), 5);
        List<String> tuning = new ArrayList<>(List.of("coldstart.tuning.strategy=random", "coldstart.tuning.trials=4",
                "coldstart.tuning.min_validation_users=10",
                // reptile and anil keep no space (their spaces in the config are dropped), on purpose: a declared
                // unequal table
                "coldstart.tuning.unequal_budgets=true", "coldstart.tuning.methods.reptile=null",
                "coldstart.tuning.methods.anil=null",
                "coldstart.tuning.methods.item_bias.space=[{name: item_shrinkage, min: 0.5, max: 50, log: true}]",
                "coldstart.tuning.methods.pretrained.space=[{name: pooled_lr, min: 0.001, max: 0.03, log: true}, "
                        + "{name: fine_tune_lr, choices: [0, 0.1]}]",
                "coldstart.tuning.methods.maml.space=[{name: inner_lr, min: 0.02, max: 0.5, log: true}]"));
        tuning.addAll(extra);
        List<ConfigOverride> overrides = new ArrayList<>(List.of(ConfigOverride.parse("data.path=" + data)));
        tuning.forEach(t -> overrides.add(ConfigOverride.parse(t)));
        Config c = ExperimentKinds.loader().load(config("ml1m-melu.yaml"), overrides);
        String s = "coldstart.";
        ColdStartStates.Config split = new ColdStartStates.Config(c.getInt(s + "new_item_year"),
                c.getDouble(s + "existing_user_share"), c.getInt(s + "min_ratings"), c.getInt(s + "max_ratings"),
                c.getInt(s + "query"), c.getDouble(s + "validation_ratio"), c.getDouble(s + "warm_test_ratio"))
                .withMinValidationUsers(10);
        ColdStartStatesSetup setup = ColdStartStatesSetup.prepare(DataSources.load(c), split, 1);
        assertTrue(setup.states().validationUsers().length >= 10, setup.states().describe());
        int[] hidden = setup.hiddenRows();

        Path a = tmp.resolve("a");
        TestFiles.CliResult ra = runOneSeed(data, a, tuning);
        assertEquals(0, ra.code(), ra.err());
        assertTrue(ra.err().contains(setup.states().validationUsers().length + " validation"), ra.err());
        Path ratings = data.resolve("ratings.dat");
        List<String> lines = new ArrayList<>(Files.readAllLines(ratings, StandardCharsets.ISO_8859_1));
        for (int r : hidden) {
            String[] f = lines.get(r).split("::");
            lines.set(r, f[0] + "::" + f[1] + "::" + (6 - Integer.parseInt(f[2])) + "::" + f[3]);
        }
        Files.write(ratings, lines, StandardCharsets.ISO_8859_1);
        Path b = tmp.resolve("b");
        assertEquals(0, runOneSeed(data, b, tuning).code());
        List<String> trials = Files.readAllLines(a.resolve("tuning.csv"));
        // global_mean scores once; item_bias, pretrained and maml spend the 4 trials; reptile and anil have no space,
        // so they train once and score their 3 checkpoints (iterations 0, 2, 4).
        assertEquals(1 + 1 + 3 * 4 + 2 * 3, trials.size(), trials.toString());
        assertEquals(trials, Files.readAllLines(b.resolve("tuning.csv")), "a trial changed when only held-out ratings changed");
        assertNotEquals(Files.readString(a.resolve("tasks.csv")), Files.readString(b.resolve("tasks.csv")),
                "the flipped ratings are the ones the methods are measured on");
        return trials;
    }

    private TestFiles.CliResult runOneSeed(Path data, Path out) {
        return runOneSeed(data, out, List.of());
    }

    private TestFiles.CliResult runOneSeed(Path data, Path out, List<String> sets) {
        List<String> args = new ArrayList<>(List.of("run", config("ml1m-melu.yaml").toString(), "--out", out.toString(),
                "--threads", "2", "--set", "data.path=" + data, "--set", "model.embedding_dim=4", "--set", "model.hidden=[8]",
                "--set", "meta.meta_batch=4", "--set", "meta.inner_steps=1", "--set", "budget.meta_iterations=4",
                "--set", "budget.validate_every=2", "--set", "coldstart.pooled_epochs=1", "--set", "coldstart.seeds=[1]",
                "--set", "methods=[global_mean, item_bias, pretrained, maml, reptile, anil]",
                "--set", "evaluation.ranking=null", "--set", "evaluation.primary_metrics=null"));
        sets.forEach(x -> args.addAll(List.of("--set", x)));
        return TestFiles.cli(args.toArray(String[]::new));
    }

    @Test
    void validatePassesWithTheDataFolderAndNamesDataPathWithoutIt() throws IOException {
        Path data = MovieLens1mFixture.write(tmp.resolve("ml-1m"), 4);
        TestFiles.CliResult ok = TestFiles.cli("validate", config("ml1m-melu.yaml").toString(), "--set",
                "data.path=" + data);
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.err().contains("valid (experiment coldstart"), ok.err());

        Path missing = tmp.resolve("no-ml-1m-here");
        TestFiles.CliResult bad = TestFiles.cli("validate", config("ml1m-melu.yaml").toString(), "--set",
                "data.path=" + missing);
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("data.path: expected a path to an existing file or directory")
                && bad.err().contains("no such file or directory: " + missing), bad.err());

        // As shipped, the config's data.path is a folder relative to the config that may not exist here.
        String shippedPath = Files.readAllLines(config("ml1m-melu.yaml")).stream()
                .filter(line -> line.trim().startsWith("path:")).findFirst().orElseThrow()
                .trim().substring("path:".length()).trim();
        Path shipped = config("ml1m-melu.yaml").getParent().resolve(shippedPath).normalize();
        Assumptions.assumeFalse(Files.exists(shipped), "MovieLens 1M is present at " + shipped);
        TestFiles.CliResult none = TestFiles.cli("validate", config("ml1m-melu.yaml").toString());
        assertEquals(2, none.code(), none.err());
        assertTrue(none.err().contains("ml1m-melu.yaml:") && none.err().contains(": data.path: expected a path to an "
                + "existing file or directory, found '" + shippedPath + "'"), none.err());
    }

    @Test
    void theMl100kConfigValidatesWhereMovieLens100kIsPresent() {
        Assumptions.assumeTrue(TestData.movieLens100k().isPresent(), "MovieLens 100K is not available here");
        for (String name : List.of("ml100k-melu.yaml", "ml100k-melu-mamo-tanp.yaml")) {
            List<String> args = new ArrayList<>(List.of("validate", config(name).toString()));
            args.addAll(List.of("--set", "data.path=" + TestData.movieLens100k().get()));
            TestFiles.CliResult r = TestFiles.cli(args.toArray(String[]::new));
            assertEquals(0, r.code(), name + ": " + r.err());
        }
    }
}
