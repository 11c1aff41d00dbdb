package org.metarec.experiments.study.crossdomain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.algorithms.rec.RankingSettings;
import org.metarec.experiments.ExperimentKinds;
import org.metarec.experiments.TestFiles;
import org.metarec.experiments.config.ConfigException;
import org.metarec.experiments.config.ConfigProblem;
import org.metarec.experiments.study.rec.RankingKeys;

/** The {@code evaluation.ranking} keys: defaults (off), and each bad value reported once at its key. */
class RankingConfigTest {

    @TempDir
    Path dir;

    private Path file(String experiment, String ranking) {
        return TestFiles.write(dir, "c.yaml", "name: t\nexperiment: " + experiment + "\nevaluation:\n  ranking:\n" + ranking);
    }

    private static List<String> problems(Path file) {
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentKinds.loader().load(file, List.of()));
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    private static void oneProblem(Path f, String expected) {
        List<String> p = problems(f);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith(f.toString() + ":"), p.get(0));
        assertTrue(p.get(0).contains(expected), p.get(0));
    }

    @Test
    void theSectionIsOffByDefaultAndReadsWhatItSays() {
        RankingSettings off = RankingKeys.read(ExperimentKinds.loader().load(
                TestFiles.write(dir, "d.yaml", "name: t\nexperiment: crossdomain\n"), List.of()));
        assertEquals(RankingSettings.OFF, off);
        assertFalse(off.enabled());
        RankingSettings on = RankingKeys.read(ExperimentKinds.loader().load(file("crossdomain",
                "    full: true\n    cutoffs: [10, 3]\n    sampled_negatives: 99\n    relevant_min_rating: 3.5\n"), List.of()));
        assertTrue(on.full());
        assertArrayEquals(new int[] {3, 10}, on.cutoffs());
        assertEquals(99, on.sampledNegatives());
        assertEquals(3.5, on.relevantMinRating());
        assertEquals(List.of("full_hr3", "full_recall3", "full_ndcg3", "full_hr10", "full_recall10", "full_ndcg10",
                "sampled_hr3", "sampled_ndcg3", "sampled_hr10", "sampled_ndcg10", "sampled_mrr"), on.metricNames());
        // coldstart reads the section too.
        TestFiles.write(dir, "ml-1m/ratings.dat", "");
        Path cold = TestFiles.write(dir, "e.yaml", "name: t\nexperiment: coldstart\ndata:\n  source: movielens1m\n"
                + "  path: ml-1m\n  genres_as_domains: []\nevaluation:\n  ranking:\n    full: true\n");
        assertTrue(RankingKeys.read(ExperimentKinds.loader().load(cold, List.of())).full());
    }

    @Test
    void badValuesAreReportedAtTheirKeys() {
        oneProblem(file("crossdomain", "    cutoffs: [0, 5]\n"), "evaluation.ranking.cutoffs[0]: expected");
        oneProblem(file("crossdomain", "    cutoffs: []\n"), "evaluation.ranking.cutoffs: expected");
        oneProblem(file("crossdomain", "    cutoffs: [5, 5]\n"), "evaluation.ranking.cutoffs");
        oneProblem(file("crossdomain", "    sampled_negatives: -1\n"), "evaluation.ranking.sampled_negatives: expected");
        oneProblem(file("crossdomain", "    full: yes please\n"), "evaluation.ranking.full: expected");
        oneProblem(file("crossdomain", "    relevant_min_rating: high\n"), "evaluation.ranking.relevant_min_rating: expected");
        oneProblem(file("crossdomain", "    sampled_negatives: 9\n    cutoffs: [5, 10]\n"),
                "evaluation.ranking.cutoffs: expected cutoffs of at most sampled_negatives (9), which rank among 10 "
                        + "candidates, found 10");
        oneProblem(file("crossdomain", "    ful: true\n"), "evaluation.ranking.ful");
        // The kinds without rating tasks do not read it (the implicit kind has its own implicit.full_ranking).
        oneProblem(file("fewshot", "    full: true\n"), "evaluation.ranking: key 'ranking' is not read by the `fewshot` experiment kind");
        Path sinusoid = TestFiles.write(dir, "s.yaml", "name: t\nexperiment: sinusoid\ndata:\n  source: sinusoid\n"
                + "evaluation:\n  ranking:\n    full: true\n");
        oneProblem(sinusoid, "evaluation.ranking: key 'ranking' is not read by the `sinusoid` experiment kind");
        oneProblem(file("implicit", "    full: true\n"), "evaluation.ranking: key 'ranking' is not read by the `implicit` experiment kind");
    }
}
