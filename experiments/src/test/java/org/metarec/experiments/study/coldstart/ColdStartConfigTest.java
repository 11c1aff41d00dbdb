package org.metarec.experiments.study.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.experiments.ExperimentKinds;
import org.metarec.experiments.TestFiles;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.config.ConfigException;
import org.metarec.experiments.config.ConfigProblem;

/** The {@code coldstart} kind's config errors, each reported at its key as {@code file:line:col: key: message}. */
class ColdStartConfigTest {

    @TempDir
    Path dir;

    /** A valid coldstart config on an (empty) data folder; {@code extra} is appended. */
    private Path file(String data, String coldstart) {
        TestFiles.write(dir, "ml-1m/ratings.dat", "");
        return TestFiles.write(dir, "c.yaml", "name: t\nexperiment: coldstart\n" + data + "methods: [item_bias, maml]\n"
                + "coldstart:\n" + coldstart);
    }

    private static final String ML1M = "data:\n  source: movielens1m\n  path: ml-1m\n  genres_as_domains: []\n";

    private static List<String> problems(Path file) {
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentKinds.loader().load(file, List.of()));
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void aValidConfigResolvesMeLUsDefaults() {
        Config c = ExperimentKinds.loader().load(file(ML1M, "  seeds: [1, 2]\n"), List.of());
        assertEquals(13, c.getInt("coldstart.min_ratings"));
        assertEquals(100, c.getInt("coldstart.max_ratings"));
        assertEquals(10, c.getInt("coldstart.query"));
        assertEquals(1998, c.getInt("coldstart.new_item_year"));
        assertEquals(List.of(), c.getList("coldstart.support_sizes"));
    }

    @Test
    void theDataMustBeMovieLensInOneDomain() {
        Path f = file("data:\n  source: synthetic\n", "  query: 10\n");
        assertEquals(List.of(f + ":4:11: data.source: expected movielens100k or movielens1m (the protocol splits items "
                + "by release year and users by rating time), found synthetic"), problems(f));
        f = file("data:\n  source: movielens1m\n  path: ml-1m\n  genres_as_domains: [Drama]\n", "  query: 10\n");
        assertEquals(List.of(f + ":6:22: data.genres_as_domains: expected [] (one domain holding every item), found "
                + "[Drama]"), problems(f));
        f = file("data:\n  source: movielens1m\n  path: ml-1m\n", "  query: 10\n");
        assertEquals(List.of(f + ":4:3: data.genres_as_domains: expected [] (one domain holding every item), found "
                + "[Action, Comedy, Drama]"), problems(f));
    }

    @Test
    void methodsOfOtherKindsAreNamed() {
        Path f = TestFiles.write(dir, "m.yaml", "name: t\nexperiment: coldstart\n" + ML1M + "methods: [maml, emcdr]\n");
        TestFiles.write(dir, "ml-1m/ratings.dat", "");
        // The kind's own list of methods is the schema's, so the element itself is named.
        assertEquals(List.of(f + ":7:17: methods[1]: expected one of global_mean, item_bias, pretrained, maml, fomaml, "
                + "reptile, metasgd, anil, cavia, mamlpp, imaml, mamo, tanp, found 'emcdr'"), problems(f));
    }

    @Test
    void taskBoundsAndHeldOutSharesAreChecked() {
        Path f = file(ML1M, "  min_ratings: 10\n  query: 10\n");
        assertEquals(List.of(f + ":9:16: coldstart.min_ratings: expected more than query (10) ratings, so that every "
                + "task has a support set, found 10"), problems(f));
        f = file(ML1M, "  min_ratings: 13\n  max_ratings: 12\n");
        assertEquals(List.of(f + ":10:16: coldstart.max_ratings: expected a number >= min_ratings (13), found 12"),
                problems(f));
        f = file(ML1M, "  validation_ratio: 0.5\n  warm_test_ratio: 0.5\n");
        assertEquals(List.of(f + ":10:20: coldstart.warm_test_ratio: expected a share that leaves training users "
                + "(validation_ratio + warm_test_ratio < 1), found 0.5"), problems(f));
    }
}
