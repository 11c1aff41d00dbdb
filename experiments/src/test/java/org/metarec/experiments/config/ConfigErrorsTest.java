package org.metarec.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.experiments.ExperimentKinds;
import org.metarec.experiments.TestFiles;

/** One test per kind of config error, each checking the exact message(s). */
class ConfigErrorsTest {

    /** The registered kinds as the message lists them ("sinusoid, toy, ..."). */
    private static final String KIND_NAMES = String.join(", ",
            org.metarec.experiments.ExperimentKinds.all().stream().map(k -> k.name()).toList());


    private static final String VALID_START = "name: t\nexperiment: toy\n";
    /** The same two lines for kinds that read the keys a test needs (the toy kind reads no data or model keys). */
    private static final String CROSSDOMAIN_START = "name: t\nexperiment: crossdomain\n";
    private static final String SINUSOID_START = "name: t\nexperiment: sinusoid\n";

    @TempDir
    Path dir;

    private Path file(String name, String text) {
        return TestFiles.write(dir, name, text);
    }

    /** The problems of loading {@code file} with {@code sets} as --set arguments, as rendered to users. */
    private static List<String> problems(Path file, String... sets) {
        List<ConfigOverride> overrides = new ArrayList<>();
        for (String s : sets) {
            overrides.add(ConfigOverride.parse(s));
        }
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentKinds.loader().load(file, overrides));
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void unknownKeySuggestsTheNearestValidKey() {
        Path f = file("c.yaml", VALID_START + "budget:\n  meta_iteratons: 10\n");
        assertEquals(List.of(f + ":4:3: budget.meta_iteratons: unknown key 'meta_iteratons'; did you mean 'meta_iterations'?"), problems(f));
    }

    @Test
    void unknownKeyFarFromEveryKeyListsTheValidKeys() {
        Path f = file("c.yaml", VALID_START + "budget:\n  zzzz: 1\n");
        assertEquals(List.of(f + ":4:3: budget.zzzz: unknown key 'zzzz'; expected one of: meta_iterations, checkpoint_every, log_every"),
                problems(f));
    }

    @Test
    void wrongTypeNamesExpectedAndFound() {
        Path f = file("c.yaml", VALID_START + "seed: abc\noptimizer: 5\n");
        assertEquals(List.of(f + ":3:7: seed: expected an integer, found 'abc'",
                f + ":4:12: optimizer: expected a mapping, found 5"), problems(f));
    }

    @Test
    void integerKeyRejectsAFraction() {
        Path f = file("c.yaml", VALID_START + "evaluation:\n  test_tasks: 1.5\n");
        assertEquals(List.of(f + ":4:15: evaluation.test_tasks: expected an integer >= 1, found 1.5"), problems(f));
    }

    @Test
    void valueOutOfRange() {
        Path f = file("c.yaml", CROSSDOMAIN_START + "protocol:\n  cold_start_ratio: 1.5\n");
        assertEquals(List.of(f + ":4:21: protocol.cold_start_ratio: expected a number in (0, 1), found 1.5"), problems(f));
    }

    @Test
    void infinityIsOutOfEveryRange() {
        Path f = file("c.yaml", VALID_START + "optimizer:\n  lr: .inf\n");
        assertEquals(List.of(f + ":4:7: optimizer.lr: expected a number > 0, found .inf"), problems(f));
    }

    @Test
    void missingRequiredKeyPointsAtTheEnclosingMapping() {
        Path f = file("c.yaml", "experiment: toy\nseed: 3\n");
        assertEquals(List.of(f + ":1:1: name: expected a string of letters, digits, '.', '_' or '-' (not starting with '.', '_' or '-'), "
                + "found nothing (the key is required)"), problems(f));
    }

    @Test
    void keyRequiredOnlyUnderAConditionIsReportedWhenTheConditionHolds() {
        Path f = file("c.yaml", CROSSDOMAIN_START + "data:\n  source: delimited\n");
        assertEquals(List.of(f + ":4:3: data.path: expected a path to an existing file or directory, found nothing (the key is required)"),
                problems(f));
    }

    @Test
    void dataPathThatDoesNotExist() {
        Path f = file("c.yaml", CROSSDOMAIN_START + "data:\n  source: movielens100k\n  path: nope\n");
        assertEquals(List.of(f + ":5:9: data.path: expected a path to an existing file or directory, found 'nope' (no such file or directory: "
                + dir.toAbsolutePath().normalize().resolve("nope") + ")"), problems(f));
    }

    @Test
    void enumValueWithSuggestion() {
        Path f = file("c.yaml", VALID_START + "optimizer:\n  name: adamw\n");
        assertEquals(List.of(f + ":4:9: optimizer.name: expected one of sgd, adam, found 'adamw'; did you mean 'adam'?"), problems(f));
    }

    @Test
    void badListElementIsNamedByIndex() {
        Path f = file("c.yaml", SINUSOID_START + "model:\n  hidden: [40, -1]\n");
        assertEquals(List.of(f + ":4:16: model.hidden[1]: expected an integer >= 1, found -1"), problems(f));
    }

    @Test
    void listOfTheWrongSize() {
        Path f = file("c.yaml", VALID_START + "optimizer:\n  betas: [0.9]\n");
        assertEquals(List.of(f + ":4:10: optimizer.betas: expected a list of 2 numbers in [0, 1), found a list of 1 element"), problems(f));
    }

    @Test
    void repeatedListElement() {
        Path f = file("c.yaml", SINUSOID_START + "methods: [maml, reptile, maml]\n");
        assertEquals(List.of(f + ":3:26: methods[2]: expected no repeated elements, found 'maml' again"), problems(f));
    }

    @Test
    void duplicateKey() {
        Path f = file("c.yaml", VALID_START + "seed: 1\nseed: 2\n");
        assertEquals(List.of(f + ":4:1: seed: duplicate key (first given at " + f + ":3:1)"), problems(f));
    }

    @Test
    void yamlSyntaxErrorHasAPosition() {
        Path f = file("c.yaml", VALID_START + "model:\n  hidden: [40, 40\n");
        List<String> p = problems(f);
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith(f + ":5:1: YAML syntax error: "), p.get(0));
    }

    @Test
    void emptyFile() {
        Path f = file("c.yaml", "");
        assertEquals(List.of(f + ":1:1: expected a mapping of config keys, found an empty document"), problems(f));
    }

    @Test
    void sectionThatDoesNotApplyToTheChosenSource() {
        Path f = file("c.yaml", CROSSDOMAIN_START + "data:\n  source: sinusoid\n  synthetic:\n    users: 5\n");
        assertEquals(List.of(f + ":5:3: data.synthetic: applies only when data.source is synthetic, found data.source: sinusoid"), problems(f));
    }

    @Test
    void crossKeyRule() {
        Path f = file("c.yaml", SINUSOID_START + "data:\n  source: sinusoid\n  sinusoid:\n    amplitude_min: 2\n    amplitude_max: 1\n");
        assertEquals(List.of(f + ":7:20: data.sinusoid.amplitude_max: expected a number >= amplitude_min (2.0), found 1.0"), problems(f));
    }

    @Test
    void typeTagsAreRejectedNotInstantiated() {
        Path f = file("c.yaml", VALID_START + "seed: !!java.lang.Runtime x\n");
        assertEquals(List.of(f + ":3:7: seed: expected a plain YAML value, found the unsupported tag tag:yaml.org,2002:java.lang.Runtime"),
                problems(f));
    }

    @Test
    void allProblemsAreReportedAtOnceInFileOrder() {
        Path f = file("c.yaml", "name: t\nseed: x\nexperiment: toyy\noptimizer:\n  lr: -1\n");
        assertEquals(List.of(
                f + ":2:7: seed: expected an integer, found 'x'",
                f + ":3:13: experiment: expected one of " + KIND_NAMES + ", found 'toyy'; did you mean 'toy'?",
                f + ":5:7: optimizer.lr: expected a number > 0, found -1"), problems(f));
    }

    @Test
    void extendsOfAMissingFile() {
        Path f = file("c.yaml", "extends: base.yaml\n" + VALID_START);
        assertEquals(List.of(f + ":1:10: extends: expected an existing YAML file, found 'base.yaml' (no such file: "
                + dir.toAbsolutePath().normalize().resolve("base.yaml") + ")"), problems(f));
    }

    @Test
    void extendsCycle() {
        Path a = file("a.yaml", "extends: b.yaml\n" + VALID_START);
        Path b = file("b.yaml", "extends: a.yaml\nseed: 2\n");
        assertEquals(List.of(b + ":1:10: extends: expected a file that does not extend back, found the cycle a.yaml -> b.yaml -> a.yaml"),
                problems(a));
    }

    @Test
    void extendsItself() {
        Path a = file("a.yaml", "extends: a.yaml\n" + VALID_START);
        assertEquals(List.of(a + ":1:10: extends: expected a file that does not extend back, found the cycle a.yaml -> a.yaml"), problems(a));
    }

    @Test
    void extendsNeedsAFileName() {
        Path a = file("a.yaml", "extends: [x]\n" + VALID_START);
        assertEquals(List.of(a + ":1:10: extends: expected the path of another YAML config file, found a list"), problems(a));
    }

    @Test
    void problemsInAnExtendedFileNameThatFile() {
        Path base = file("base.yaml", "seed: nope\n");
        Path child = file("child.yaml", "extends: base.yaml\n" + VALID_START);
        assertEquals(List.of(base + ":1:7: seed: expected an integer, found 'nope'"), problems(child));
    }

    @Test
    void setWithoutEquals() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigOverride.parse("foo"));
        assertEquals("--set foo: expected key.path=value, found no '='", e.getMessage());
    }

    @Test
    void setWithABadKeyPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigOverride.parse("Optimizer..lr=1"));
        assertEquals("--set Optimizer..lr=1: expected a dotted key path such as optimizer.lr, found 'Optimizer..lr'", e.getMessage());
    }

    @Test
    void setWithInvalidYaml() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigOverride.parse("model.hidden=[1,"));
        assertTrue(e.getMessage().startsWith("--set model.hidden=[1,: YAML syntax error: "), e.getMessage());
    }

    @Test
    void setValueErrorsPointAtTheArgument() {
        Path f = file("c.yaml", VALID_START);
        assertEquals(List.of(
                "--set budget.nope=1: budget.nope: unknown key 'nope'; expected one of: meta_iterations, checkpoint_every, log_every",
                "--set optimizer.lr=abc: optimizer.lr: expected a number > 0, found 'abc'"),
                problems(f, "optimizer.lr=abc", "budget.nope=1"));
    }

    @Test
    void setThroughAScalarReportsTheScalarKey() {
        Path f = file("c.yaml", VALID_START);
        assertEquals(List.of("--set seed.x=1: seed: expected an integer, found a mapping"), problems(f, "seed.x=1"));
    }
}
