package org.metarec.experiments.study.coldstart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.TestScores;
import org.metarec.algorithms.rec.RecFixtures;
import org.metarec.algorithms.rec.data.HiddenRowException;
import org.metarec.algorithms.rec.data.SlotMode;
import org.metarec.algorithms.rec.train.FineTuning;
import org.metarec.algorithms.rec.train.MetaLearning;
import org.metarec.algorithms.rec.train.PooledTraining;
import org.metarec.core.data.Dataset;
import org.metarec.core.tasks.ColdStartStates.State;
import org.metarec.core.tasks.ColdStartStates;
import org.metarec.core.tasks.RatingTask;
import org.metarec.experiments.study.rec.ModelSizes;
import org.metarec.experiments.study.rec.RecMethod;

/**
 * MeLU's cold-start study on a generated MovieLens-like fixture: every method gives one value per held-out
 * task of every state under the state's metric names, results are fixed by the seed whatever the thread count,
 * and no rating outside the training and validation users' warm-state tasks can reach training or selection.
 */
class ColdStartStatesStudyTest {

    private static final Dataset WORLD = RecFixtures.coldStartWorld(3);
    private static final ColdStartStates.Config SPLIT = new ColdStartStates.Config(1996, 0.7, 13, 100, 10, 0.15, 0.2);
    private static final long SEED = 5;

    /**
     * A MeLU protocol with budgets of a few seconds (matrix factorisation for CAVIA, which needs a model with
     * per-user parameters).
     */
    private static ColdStartStatesStudy.Protocol tiny(String method, long seed) {
        RecMethod m = RecMethod.named(method);
        String model = m.family() == RecMethod.Family.META && m.meta().needsContext() ? "mf" : "melu";
        return new ColdStartStatesStudy.Protocol(m, model, seed,
                new ModelSizes(8, new int[] {16, 8}, 0.0), new MetaLearning.Settings(12, 8, 0.05, 2, 0.003, 10.0, 6), 0.03,
                new PooledTraining.Settings(2, 64, 0.003), new FineTuning(2, new double[] {0, 0.05}));
    }

    @Test
    void everyMethodGivesOneValuePerHeldOutTaskOfEveryState() {
        ColdStartStatesSetup setup = ColdStartStatesSetup.prepare(WORLD, SPLIT, SEED);
        ColdStartStates states = setup.states();
        List<String> expected = new ArrayList<>();
        for (State s : State.values()) {
            assertFalse(states.testTasks(s).isEmpty(), "the fixture should have test tasks in " + s);
            for (String k : List.of("", "_k5")) {
                expected.add(s.label() + k);
            }
        }
        try (TaskPool pool = new TaskPool(2)) {
            for (String method : RecMethod.names(ColdStartStatesStudy.METHODS)) {
                ColdStartStatesStudy study = new ColdStartStatesStudy(setup, tiny(method, SEED));
                Map<String, TestScores> m = study.evaluate(study.train(pool).recommender(), new int[] {5}, pool);
                assertEquals(new HashSet<>(expected), m.keySet(), method);
                for (State s : State.values()) {
                    TestScores scores = m.get(s.label());
                    double[] rmse = scores.perUser("rmse_user");
                    assertEquals(states.testTasks(s).size(), rmse.length, method + " " + s);
                    assertArrayEquals(states.testTasks(s).stream().mapToInt(RatingTask::user).toArray(), scores.users());
                    for (int t = 0; t < rmse.length; t++) {
                        double mae = scores.perUser("mae_user")[t];
                        double ndcg = scores.perUser("ndcg3_within_query")[t];
                        assertTrue(Double.isFinite(rmse[t]) && mae <= rmse[t] + 1e-12 && rmse[t] < 4 && ndcg >= 0
                                && ndcg <= 1, method + ", " + s + ", task " + t + ": rmse " + rmse[t]);
                    }
                }
            }
        }
    }

    @Test
    void fixedSupportSizesUseTheFirstKSupportRowsOfTheTasksThatHaveThem() {
        ColdStartStatesSetup setup = ColdStartStatesSetup.prepare(WORLD, SPLIT, SEED);
        for (State s : State.values()) {
            List<RatingTask> all = setup.testTasks(s, null);
            assertEquals(setup.states().testTasks(s), all);
            List<RatingTask> k8 = setup.testTasks(s, 8);
            List<RatingTask> expected = all.stream().filter(t -> t.supportSize() >= 8).map(t -> t.withSupportSize(8))
                    .toList();
            assertEquals(expected, k8, s.label());
            for (RatingTask t : k8) {
                assertEquals(8, t.supportSize());
                assertEquals(10, t.querySize());
            }
        }
    }

    @Test
    void perTaskMetricsAreFixedByTheSeedWhateverTheThreadCount() {
        for (String method : List.of("maml", "reptile", "pretrained", "item_bias")) {
            Map<String, TestScores> one;
            Map<String, TestScores> two;
            try (TaskPool pool = new TaskPool(1)) {
                ColdStartStatesStudy study = new ColdStartStatesStudy(ColdStartStatesSetup.prepare(WORLD, SPLIT, SEED),
                        tiny(method, SEED));
                one = study.evaluate(study.train(pool).recommender(), new int[] {3}, pool);
            }
            try (TaskPool pool = new TaskPool(2)) {
                ColdStartStatesStudy study = new ColdStartStatesStudy(ColdStartStatesSetup.prepare(WORLD, SPLIT, SEED),
                        tiny(method, SEED));
                two = study.evaluate(study.train(pool).recommender(), new int[] {3}, pool);
            }
            assertEquals(one, two, method);
        }
    }

    @Test
    void trainingAndSelectionNeverReadAHeldOutRating() {
        ColdStartStatesSetup setup = ColdStartStatesSetup.prepare(WORLD, SPLIT, SEED);
        ColdStartStates states = setup.states();
        Set<Integer> visible = new HashSet<>();
        Arrays.stream(states.trainingRows()).forEach(visible::add);
        Arrays.stream(ColdStartStates.rowsOf(states.validationTasks())).forEach(visible::add);
        int[] hidden = setup.hiddenRows();
        assertEquals(WORLD.interactions().size() - visible.size(), hidden.length);
        // The guard: the factory of training and selection refuses every other row, among them every row of
        // the cold states' tasks and of the warm test users.
        for (int r : hidden) {
            assertFalse(visible.contains(r));
            assertThrows(HiddenRowException.class, () -> setup.trainingFactory().rows(new int[] {r}, SlotMode.SINGLE),
                    "row " + r);
        }
        for (State s : State.values()) {
            for (int r : ColdStartStates.rowsOf(states.testTasks(s))) {
                assertTrue(setup.trainingFactory().isHidden(r), s + ": row " + r + " is visible to training");
            }
        }
        // By construction: flip every held-out rating; the split, training and selection do not change at all.
        Dataset changed = RecFixtures.withRatingsChanged(WORLD, hidden);
        ColdStartStatesSetup setup2 = ColdStartStatesSetup.prepare(changed, SPLIT, SEED);
        for (State s : State.values()) {
            assertEquals(states.testTasks(s), setup2.states().testTasks(s), s.label());
        }
        assertArrayEquals(states.trainingRows(), setup2.states().trainingRows());
        try (TaskPool pool = new TaskPool(2)) {
            for (String method : List.of("maml", "metasgd", "reptile", "pretrained", "item_bias", "global_mean")) {
                ColdStartStatesStudy study = new ColdStartStatesStudy(setup, tiny(method, SEED));
                ColdStartStatesStudy.Trained a = study.train(pool);
                ColdStartStatesStudy.Trained b = new ColdStartStatesStudy(setup2, tiny(method, SEED)).train(pool);
                assertEquals(a.selection(), b.selection(), method + ": the validation history changed");
                // The two recommenders predict the original held-out tasks identically.
                assertEquals(study.evaluate(a.recommender(), new int[0], pool), study.evaluate(b.recommender(), new int[0], pool),
                        method);
            }
        }
    }

    @Test
    void settingsAreCheckedAndTheSetupMustMatchTheSeed() {
        ColdStartStatesSetup setup = ColdStartStatesSetup.prepare(WORLD, SPLIT, SEED);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ColdStartStatesStudy(setup, tiny("maml", SEED + 1)));
        assertTrue(e.getMessage().contains("seed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tiny("emcdr", SEED));
        assertTrue(e.getMessage().startsWith("coldstart method: expected one of [global_mean"), e.getMessage());
        Dataset noYears = new Dataset(WORLD.interactions(), WORLD.userFeatures(), WORLD.itemFeatures(), WORLD.report());
        e = assertThrows(IllegalArgumentException.class, () -> ColdStartStatesSetup.prepare(noYears, SPLIT, SEED));
        assertTrue(e.getMessage().contains("release years"), e.getMessage());
    }
}
