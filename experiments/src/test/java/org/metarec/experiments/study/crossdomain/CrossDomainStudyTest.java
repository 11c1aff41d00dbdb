package org.metarec.experiments.study.crossdomain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.TestScores;
import org.metarec.algorithms.rec.RecFixtures;
import org.metarec.algorithms.rec.data.HiddenRowException;
import org.metarec.algorithms.rec.data.SlotMode;
import org.metarec.core.data.Dataset;
import org.metarec.core.synthetic.SyntheticWorld;
import org.metarec.core.tasks.ColdStartSplit;
import org.metarec.core.tasks.RatingTask;
import org.metarec.experiments.study.rec.RecMethod;

/** The study's contract: every method runs, results are fixed by the seed, and test users are never seen. */
class CrossDomainStudyTest {

    private static final Dataset WORLD = SyntheticWorld.generate(SyntheticWorld.Config.defaults().withUsers(250)
            .withItemsPerDomain(60).withLatentDim(3).withMeanRatingsPerUser(45).withTransfer(0.8).withSeed(4))
            .dataset();

    private static CrossDomainProtocol tiny(String method, String model, int k) {
        return StudyBudgets.protocol(method, model, 5, StudyBudgets.split(0.4, k), 20, 2, 10);
    }

    @Test
    void everyMethodGivesOneValuePerTestUserUnderKSuffixedNames() {
        CrossDomainSetup setup = CrossDomainSetup.prepare(WORLD, StudyBudgets.split(0.4, 5), 5);
        int users = setup.split().testTasks().size();
        try (TaskPool pool = new TaskPool(2)) {
            for (String method : RecMethod.names(CrossDomainProtocol.METHODS)) {
                TestScores m = new CrossDomainStudy(setup, tiny(method, "mf", 5)).run(pool);
                assertEquals(List.of("mae_user", "rmse_user", "ndcg3_within_query"), new ArrayList<>(m.perUser().keySet()), method);
                assertEquals(List.of("mae_pooled", "rmse_pooled"), new ArrayList<>(m.pooled().keySet()), method);
                assertArrayEquals(setup.split().testTasks().stream().mapToInt(RatingTask::user).toArray(), m.users(), method);
                for (int t = 0; t < users; t++) {
                    double mae = m.perUser("mae_user")[t];
                    double rmse = m.perUser("rmse_user")[t];
                    double ndcg = m.perUser("ndcg3_within_query")[t];
                    assertTrue(Double.isFinite(rmse) && mae <= rmse + 1e-12 && ndcg >= 0 && ndcg <= 1,
                            method + ", test user " + t + ": mae " + mae + ", rmse " + rmse + ", ndcg " + ndcg);
                }
                assertEquals(users, m.perUser("rmse_user").length, method);
                // Pooled over ratings: MAE <= RMSE, and the pooled RMSE is at least the mean per-user RMSE (power means).
                double meanUserRmse = java.util.Arrays.stream(m.perUser("rmse_user")).average().orElseThrow();
                assertTrue(m.pooled().get("mae_pooled") <= m.pooled().get("rmse_pooled") + 1e-12, method);
                assertTrue(m.pooled().get("rmse_pooled") >= meanUserRmse - 1e-12 || users == 0, method);
            }
        }
    }

    @Test
    void everyModelTypeRunsUnderEveryMetaLearner() {
        CrossDomainSetup setup = CrossDomainSetup.prepare(WORLD, StudyBudgets.split(0.4, 5), 5);
        try (TaskPool pool = new TaskPool(2)) {
            for (String model : List.of("neumf", "feature_mlp", "melu")) {
                for (String method : List.of("maml", "fomaml", "reptile", "metasgd", "anil", "mamlpp", "imaml",
                        "pretrained")) {
                    double[] rmse = new CrossDomainStudy(setup, StudyBudgets.protocol(method, model, 5,
                            StudyBudgets.split(0.4, 5), 6, 1, 3)).run(pool).perUser("rmse_user");
                    for (double r : rmse) {
                        // Ratings lie in about 1..6: an RMSE of 5 means the adaptation diverged.
                        assertTrue(Double.isFinite(r) && r < 5, model + "/" + method + ": rmse " + r);
                    }
                }
            }
        }
    }

    @Test
    void perTaskMetricsAreFixedByTheSeedWhateverTheThreadCount() {
        for (String method : List.of("maml", "mamlpp", "imaml", "pretrained", "ptupcdr")) {
            TestScores one;
            TestScores two;
            try (TaskPool pool = new TaskPool(1)) {
                one = new CrossDomainStudy(WORLD, tiny(method, "mf", 5)).run(pool);
            }
            try (TaskPool pool = new TaskPool(2)) {
                two = new CrossDomainStudy(WORLD, tiny(method, "mf", 5)).run(pool);
            }
            assertEquals(one, two, method);
        }
        try (TaskPool pool = new TaskPool(1)) {
            double[] other = new CrossDomainStudy(WORLD, tiny("maml", "mf", 5).withSeed(6)).run(pool).perUser("rmse_user");
            double[] base = new CrossDomainStudy(WORLD, tiny("maml", "mf", 5)).run(pool).perUser("rmse_user");
            assertTrue(other.length != base.length || !java.util.Arrays.equals(other, base),
                    "another seed should give another split or other numbers");
        }
    }

    @Test
    void trainingAndSelectionNeverReadATestUsersTargetRatings() {
        CrossDomainSetup setup = CrossDomainSetup.prepare(WORLD, StudyBudgets.split(0.4, 5), 5);
        List<Integer> hidden = new ArrayList<>();
        for (RatingTask t : setup.split().testTasks()) {
            for (int r : t.supportRows()) {
                hidden.add(r);
            }
            for (int r : t.queryRows()) {
                hidden.add(r);
            }
        }
        int[] rows = hidden.stream().mapToInt(Integer::intValue).toArray();
        // The guard: the factory of training and selection refuses every one of them.
        for (int r : rows) {
            assertThrows(HiddenRowException.class, () -> setup.trainingFactory().rows(new int[] {r}, SlotMode.SINGLE),
                    "row " + r);
        }
        // By construction: change every one of those ratings; training and selection do not change at all.
        Dataset changed = RecFixtures.withRatingsChanged(WORLD, rows);
        CrossDomainSetup setup2 = CrossDomainSetup.prepare(changed, StudyBudgets.split(0.4, 5), 5);
        assertEquals(setup.split().testTasks(), setup2.split().testTasks());
        try (TaskPool pool = new TaskPool(2)) {
            for (String method : List.of("maml", "metasgd", "pretrained", "target_only", "item_bias", "emcdr",
                    "ptupcdr")) {
                CrossDomainStudy.Trained a = new CrossDomainStudy(setup, tiny(method, "mf", 5)).train(pool);
                CrossDomainStudy.Trained b = new CrossDomainStudy(setup2, tiny(method, "mf", 5)).train(pool);
                assertEquals(a.selection(), b.selection(), method + ": the validation history changed");
                // The two recommenders predict the original test users identically.
                CrossDomainStudy study = new CrossDomainStudy(setup, tiny(method, "mf", 5));
                assertEquals(study.evaluate(a.recommender(), pool), study.evaluate(b.recommender(), pool), method);
            }
        }
    }

    @Test
    void mappingMethodsWorkWithoutSupportRatings() {
        try (TaskPool pool = new TaskPool(2)) {
            for (String method : List.of("emcdr", "ptupcdr", "maml", "global_mean")) {
                double[] rmse = new CrossDomainStudy(WORLD, tiny(method, "mf", 0)).run(pool).perUser("rmse_user");
                assertTrue(rmse.length > 0 && java.util.Arrays.stream(rmse).allMatch(Double::isFinite), method);
            }
        }
    }

    @Test
    void aSetupMustMatchTheProtocolsSplitAndSeed() {
        CrossDomainSetup setup = CrossDomainSetup.prepare(WORLD, StudyBudgets.split(0.4, 5), 5);
        assertThrows(IllegalArgumentException.class, () -> new CrossDomainStudy(setup, tiny("maml", "mf", 3)));
        assertThrows(IllegalArgumentException.class,
                () -> new CrossDomainStudy(setup, tiny("maml", "mf", 5).withSeed(9)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrossDomainSetup.prepare(WORLD, new ColdStartSplit.Config(List.of("d0"), "d9", 0.4, 5, 0.1,
                        100, 6), 5));
        assertTrue(e.getMessage().contains("d9"), e.getMessage());
    }

    @Test
    void aTestUserWhoseAdaptationDivergesIsScoredAtTheCapInsteadOfFailingTheRun() {
        CrossDomainSetup setup = CrossDomainSetup.prepare(WORLD, StudyBudgets.split(0.4, 5), 5);
        List<RatingTask> tasks = setup.split().testTasks();
        int blownUp = tasks.get(1).user();
        int huge = tasks.get(2).user();
        org.metarec.algorithms.rec.ColdStartRecommender diverging = predicting("diverging",
                user -> user == blownUp ? Double.NaN : user == huge ? 1e28 : 3.0);
        try (TaskPool pool = new TaskPool(2)) {
            TestScores m = new CrossDomainStudy(setup, tiny("maml", "mf", 5)).evaluate(diverging, pool);
            double cap = org.metarec.algorithms.rec.TaskEvaluator.DIVERGED_ERROR;
            assertEquals(cap, m.perUser("rmse_user")[1], 0.0);
            assertEquals(cap, m.perUser("mae_user")[1], 0.0);
            assertEquals(cap, m.perUser("rmse_user")[2], 0.0);
            assertTrue(m.perUser("rmse_user")[0] < 3, "a user who did not diverge keeps its own error");
        }
    }

    @Test
    void aNotANumberOnAValidationUserIsADivergedSettingNamingItsStep() {
        CrossDomainSetup setup = CrossDomainSetup.prepare(WORLD, StudyBudgets.split(0.4, 5), 5);
        org.metarec.algorithms.rec.ColdStartRecommender nan = predicting("mamo", user -> Double.NaN);
        try (TaskPool pool = new TaskPool(2)) {
            org.metarec.algorithms.train.NonFiniteException e = org.junit.jupiter.api.Assertions.assertThrows(
                    org.metarec.algorithms.train.NonFiniteException.class, () -> new org.metarec.algorithms.rec.TaskEvaluator(
                            setup.trainingFactory(), setup.split().validationTasks()).meanRmse(nan, pool, 300));
            assertEquals(300, e.step());
            assertEquals("mamo", e.method());
        }
    }

    /** A recommender that predicts {@code value.applyAsDouble(user)} for every item of the user, whatever the support. */
    private static org.metarec.algorithms.rec.ColdStartRecommender predicting(String name,
            java.util.function.IntToDoubleFunction value) {
        return new org.metarec.algorithms.rec.ColdStartRecommender() {
            @Override
            public String method() {
                return name;
            }

            @Override
            public org.metarec.algorithms.rec.UserPredictor adapt(org.metarec.algorithms.rec.data.UserContext user,
                    org.metarec.algorithms.rec.data.RatingBatch support) {
                double v = value.applyAsDouble(user.user());
                return batch -> java.util.Arrays.stream(new double[batch.size()]).map(x -> v).toArray();
            }
        };
    }
}
