package org.metarec.experiments.study.coldstart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.ColdStartRecommender;
import org.metarec.algorithms.rec.RankingCandidates;
import org.metarec.algorithms.rec.RankingSettings;
import org.metarec.algorithms.rec.RecFixtures;
import org.metarec.algorithms.rec.TestScores;
import org.metarec.algorithms.rec.train.FineTuning;
import org.metarec.algorithms.rec.train.MetaLearning;
import org.metarec.algorithms.rec.train.PooledTraining;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.Interactions;
import org.metarec.core.tasks.ColdStartStates;
import org.metarec.core.tasks.ColdStartStates.State;
import org.metarec.core.tasks.RatingTask;
import org.metarec.experiments.study.rec.ModelSizes;
import org.metarec.experiments.study.rec.RecMethod;

/**
 * The ranking metrics of MeLU's cold-start study: a state ranks the items of its kind (existing or new) only, never a
 * user's known items, and adding them leaves the rating metrics as they were.
 */
class ColdStartRankingTest {

    private static final Dataset WORLD = RecFixtures.coldStartWorld(3);
    private static final ColdStartStates.Config SPLIT = new ColdStartStates.Config(1996, 0.7, 13, 100, 10, 0.15, 0.2);
    private static final RankingSettings RANKING = new RankingSettings(true, new int[] {5, 10}, 0, 4.0);   // the fixture is too dense for sampled negatives

    @Test
    void eachStateRanksItsKindOfItemWithoutKnownItems() {
        ColdStartStatesSetup setup = ColdStartStatesSetup.prepare(WORLD, SPLIT, 5);
        Interactions x = WORLD.interactions();
        for (State state : State.values()) {
            boolean existing = state == State.WARM || state == State.USER_COLD;
            RankingCandidates ranking = setup.ranking(RANKING, state, 5);
            List<RatingTask> tasks = setup.testTasks(state, 5);
            assertEquals(tasks, ranking.tasks());
            for (int t = 0; t < tasks.size(); t++) {
                Set<Integer> known = new HashSet<>();
                Arrays.stream(tasks.get(t).supportRows()).map(x::item).forEach(known::add);
                Arrays.stream(x.rowsOfUser(tasks.get(t).user())).filter(r -> !setup.trainingFactory().isHidden(r))
                        .map(x::item).forEach(known::add);
                int[] candidates = ranking.catalogueCandidates(t);
                assertTrue(candidates.length > 0);
                for (int i : candidates) {
                    assertFalse(known.contains(i), state + ": known item " + i + " is a candidate");
                    int year = WORLD.itemYears()[i];
                    assertTrue(year > 0, "an item without a year belongs to no state");
                    assertEquals(existing, year < SPLIT.newItemYear(), state + ": item " + i + " of year " + year);
                }
            }
        }
    }

    @Test
    void rankingLeavesTheRatingMetricsAsTheyWere() {
        ColdStartStatesSetup setup = ColdStartStatesSetup.prepare(WORLD, SPLIT, 5);
        ColdStartStatesStudy study = new ColdStartStatesStudy(setup, new ColdStartStatesStudy.Protocol(RecMethod.ITEM_BIAS,
                "melu", 5, new ModelSizes(8, new int[] {16, 8}, 0.0), new MetaLearning.Settings(12, 8, 0.05, 2, 0.003, 10.0, 6),
                0.03, new PooledTraining.Settings(2, 64, 0.003), new FineTuning(2, new double[] {0, 0.05})));
        try (TaskPool pool = new TaskPool(2)) {
            ColdStartRecommender rec = study.train(pool).recommender();
            Map<String, TestScores> plain = study.evaluate(rec, new int[] {5}, pool);
            Map<String, RankingCandidates> candidates = new java.util.LinkedHashMap<>();
            for (State s : State.values()) {
                candidates.put(ColdStartStatesStudy.settingName(s, 5), setup.ranking(RANKING, s, 5));
            }
            Map<String, TestScores> ranked = study.evaluate(rec, new int[] {5}, pool, candidates);
            assertEquals(plain.keySet(), ranked.keySet());
            for (String setting : plain.keySet()) {
                TestScores p = plain.get(setting);
                TestScores r = ranked.get(setting);
                for (String m : p.perUser().keySet()) {
                    assertArrayEquals(p.perUser(m), r.perUser(m), setting + " " + m);
                }
                assertEquals(setting.endsWith("_k5"), r.perUser().containsKey("full_ndcg10"), setting);
                if (setting.endsWith("_k5")) {
                    double[] v = r.perUser("full_ndcg10");
                    assertTrue(Arrays.stream(v).anyMatch(d -> !Double.isNaN(d) && d >= 0 && d <= 1), setting);
                }
            }
        }
    }
}
