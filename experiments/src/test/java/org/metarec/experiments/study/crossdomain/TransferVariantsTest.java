package org.metarec.experiments.study.crossdomain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.metarec.algorithms.rec.TestScores;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.GradientRecommender;
import org.metarec.algorithms.rec.RecFixtures;
import org.metarec.algorithms.rec.baseline.GlobalMean;
import org.metarec.algorithms.rec.baseline.ItemBias;
import org.metarec.algorithms.rec.baseline.TransferBias;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.HiddenRowException;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.SlotMode;
import org.metarec.algorithms.rec.data.UserContext;
import org.metarec.algorithms.rec.model.MatrixFactorization;
import org.metarec.algorithms.rec.model.RatingLoss;
import org.metarec.algorithms.rec.model.SourceEmbeddingModel;
import org.metarec.algorithms.rec.train.FineTuning;
import org.metarec.autodiff.Params;
import org.metarec.core.data.Dataset;
import org.metarec.core.synthetic.SyntheticWorld;
import org.metarec.core.tasks.RatingTask;
import org.metarec.core.tasks.SupportOrder;
import org.metarec.experiments.study.rec.RecMethod;

/**
 * Each user representation reaches the model it claims, K = 0 is the unadapted prediction for every method,
 * and warm users' held-out ratings never reach training or selection.
 */
class TransferVariantsTest {

    private static final Dataset WORLD = SyntheticWorld.generate(SyntheticWorld.Config.defaults().withUsers(250)
            .withItemsPerDomain(60).withLatentDim(3).withMeanRatingsPerUser(45).withTransfer(0.8).withSeed(4))
            .dataset();

    private static CrossDomainProtocol tiny(RecMethod method, int k, int metaIterations, boolean sources) {
        return StudyBudgets.protocol(method.configName(), "mf", 5, StudyBudgets.split(0.4, k), metaIterations, 2, 10)
                .withSources(sources);
    }

    private static CrossDomainStudy study(CrossDomainSetup setup, String name, int k, int metaIterations) {
        MethodVariant v = MethodVariant.named(name, CrossDomainProtocol.METHODS);
        return new CrossDomainStudy(setup, tiny(v.method(), k, metaIterations, v.sources()), v.start());
    }

    /** Without fine-tuning: a pretrained user is scored at their start. */
    private static CrossDomainStudy withoutFineTuning(CrossDomainStudy s, String name) {
        CrossDomainProtocol p = s.protocol();
        CrossDomainProtocol.Training t = p.training();
        CrossDomainProtocol q = p.withTraining(new CrossDomainProtocol.Training(t.meta(), t.pooled(),
                new FineTuning(t.fineTune().steps(), new double[] {0}), t.mapping()));
        return new CrossDomainStudy(s.setup(), q, MethodVariant.named(name, CrossDomainProtocol.METHODS).start());
    }

    @Test
    void namesRoundTripAndSayWhatDiffers() {
        for (MethodVariant v : MethodVariant.all(CrossDomainProtocol.METHODS)) {
            assertEquals(v, MethodVariant.named(v.name(), CrossDomainProtocol.METHODS), v.name());
        }
        assertEquals(new MethodVariant(RecMethod.MAML, UserStart.SOURCE_EMBEDDING, true),
                MethodVariant.named("maml.src", CrossDomainProtocol.METHODS));
        assertEquals(new MethodVariant(RecMethod.PRETRAINED, UserStart.PROFILE, true),
                MethodVariant.named("pretrained.profile", CrossDomainProtocol.METHODS));
        assertEquals(new MethodVariant(RecMethod.REPTILE, UserStart.PROFILE, false),
                MethodVariant.named("reptile.nosrc", CrossDomainProtocol.METHODS));
        assertEquals("maml", MethodVariant.of(RecMethod.MAML).name());
        assertEquals("pretrained", MethodVariant.of(RecMethod.PRETRAINED).name());
        // pretrained without the sources is target_only; a closed form has no start to choose.
        for (String bad : List.of("pretrained.nosrc", "item_bias.src", "maml.profile", "maml.src.nosrc")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MethodVariant.named(bad, CrossDomainProtocol.METHODS), bad);
            assertTrue(e.getMessage().contains("maml.src"), e.getMessage());
        }
    }

    @Test
    void mamlFromTheSourceEmbeddingStartsAColdUserFromPretrainedsVector() {
        CrossDomainSetup setup = CrossDomainSetup.prepare(WORLD, StudyBudgets.split(0.4, 0), 5);
        try (TaskPool pool = new TaskPool(2)) {
            // No meta-step: maml.src scores its starting point, which must be pretrained.src's.
            CrossDomainStudy pre = withoutFineTuning(study(setup, "pretrained.src", 0, 0), "pretrained.src");
            CrossDomainStudy maml = study(setup, "maml.src", 0, 0);
            GradientRecommender p = (GradientRecommender) pre.train(pool).recommender();
            GradientRecommender m = (GradientRecommender) maml.train(pool).recommender();
            SourceEmbeddingModel model = assertInstanceOf(SourceEmbeddingModel.class, m.model());
            BatchFactory f = setup.testFactory().withProfiles(null);
            for (RatingTask t : setup.split().testTasks()) {
                UserContext user = f.context(t.user(), t.domain());
                Params own = p.startFor(user);
                assertArrayEquals(own.get(MatrixFactorization.USER_VEC).data().data,
                        model.embedding(MatrixFactorization.USER_VEC, t.user()), 0.0, "user " + t.user());
                RatingBatch query = f.rows(t.queryRows(), SlotMode.SINGLE);
                RatingBatch none = f.rows(new int[0], SlotMode.SINGLE);
                assertArrayEquals(p.adapt(user, none).predict(query), m.adapt(user, none).predict(query), 0.0,
                        "user " + t.user());
            }
            TestScores a = pre.evaluate(p, pool);
            TestScores b = maml.evaluate(m, pool);
            assertArrayEquals(a.perUser("rmse_user"), b.perUser("rmse_user"), 0.0);
            // Meta-training then moves it: the same vector, adapted differently (the test can fail).
            CrossDomainStudy trained = study(setup, "maml.src", 0, 30);
            assertFalse(Arrays.equals(a.perUser("rmse_user"), trained.run(pool).perUser("rmse_user")));
        }
    }

    @Test
    void pretrainedFromTheProfileNeverReadsAUsersOwnRow() {
        CrossDomainSetup setup = CrossDomainSetup.prepare(WORLD, StudyBudgets.split(0.4, 5), 5);
        BatchFactory f = setup.testFactory();
        try (TaskPool pool = new TaskPool(2)) {
            GradientRecommender profile = (GradientRecommender) study(setup, "pretrained.profile", 5, 0).train(pool)
                    .recommender();
            GradientRecommender both = (GradientRecommender) study(setup, "pretrained", 5, 0).train(pool).recommender();
            List<RatingTask> tasks = setup.split().testTasks();
            double[] first = profile.startFor(f.context(tasks.get(0).user(), setup.target()))
                    .get(MatrixFactorization.USER_VEC).data().data;
            boolean ownRowsDiffer = false;
            for (RatingTask t : tasks) {
                UserContext user = f.context(t.user(), setup.target());
                assertArrayEquals(first, profile.startFor(user).get(MatrixFactorization.USER_VEC).data().data, 0.0,
                        "user " + t.user() + " starts from a row of their own");
                ownRowsDiffer |= !Arrays.equals(first, both.startFor(user).get(MatrixFactorization.USER_VEC).data().data);
            }
            assertTrue(ownRowsDiffer, "pretrained (both) should start users from their own rows");
        }
    }

    @Test
    void withKZeroEveryMethodPredictsFromItsStart() {
        CrossDomainSetup setup = CrossDomainSetup.prepare(WORLD, StudyBudgets.split(0.4, 0), 5);
        BatchFactory f = setup.testFactory();
        try (TaskPool pool = new TaskPool(2)) {
            for (MethodVariant v : MethodVariant.all(CrossDomainProtocol.METHODS)) {
                CrossDomainStudy s = study(setup, v.name(), 0, 20);
                var rec = s.train(pool).recommender();
                BatchFactory seen = f;   // what the evaluation reads; a model without profiles ignores them
                for (RatingTask t : setup.split().testTasks().subList(0, 10)) {
                    UserContext user = seen.context(t.user(), t.domain());
                    RatingBatch query = seen.rows(t.queryRows(), SlotMode.SINGLE);
                    RatingBatch none = seen.rows(new int[0], SlotMode.SINGLE);
                    double[] got = rec.adapt(user, none).predict(query);
                    double[] expected = unadapted(rec, user, query);
                    assertArrayEquals(expected, got, 1e-12, v.name() + ", user " + t.user());
                }
                assertTrue(Arrays.stream(s.evaluate(rec, pool).perUser("rmse_user")).allMatch(Double::isFinite), v.name());
            }
        }
    }

    @Test
    void warmUsersHeldOutRatingsNeverReachTrainingOrSelection() {
        CrossDomainSetup.Options warm = new CrossDomainSetup.Options(SupportOrder.RANDOM, 30);
        CrossDomainSetup setup = CrossDomainSetup.prepare(WORLD, StudyBudgets.split(0.4, 5), 5, warm);
        List<RatingTask> tasks = setup.warmUsers().tasks();
        assertEquals(30, tasks.size());
        int[] held = setup.warmUsers().heldOutRows();
        int[] training = setup.trainingRows();
        for (RatingTask t : tasks) {
            assertTrue(Arrays.stream(setup.split().trainingOverlapUsers()).anyMatch(u -> u == t.user()), "user " + t.user());
            for (int r : t.supportRows()) {
                assertTrue(Arrays.binarySearch(training, r) >= 0, "support row " + r + " is a training row");
            }
        }
        for (int r : held) {
            assertTrue(Arrays.binarySearch(training, r) < 0, "held-out row " + r + " is a training row");
            assertThrows(HiddenRowException.class, () -> setup.trainingFactory().rows(new int[] {r}, SlotMode.SINGLE));
        }
        // Flip every held-out rating: training and selection are unchanged, the warm scores are not.
        Dataset changed = RecFixtures.withRatingsChanged(WORLD, held);
        CrossDomainSetup setup2 = CrossDomainSetup.prepare(changed, StudyBudgets.split(0.4, 5), 5, warm);
        assertEquals(tasks, setup2.warmUsers().tasks());
        try (TaskPool pool = new TaskPool(2)) {
            for (String name : List.of("maml", "maml.src", "pretrained", "pretrained.profile", "transfer_bias",
                    "item_bias", "ptupcdr")) {
                CrossDomainStudy.Trained a = study(setup, name, 5, 20).train(pool);
                CrossDomainStudy.Trained b = study(setup2, name, 5, 20).train(pool);
                assertEquals(a.selection(), b.selection(), name + ": the validation history changed");
                TestScores ea = study(setup, name, 5, 20).evaluate(a.recommender(), pool);
                TestScores eb = study(setup, name, 5, 20).evaluate(b.recommender(), pool);
                TestScores wa = study(setup, name, 5, 20).evaluateWarm(a.recommender(), pool).orElseThrow();
                TestScores wb = study(setup, name, 5, 20).evaluateWarm(b.recommender(), pool).orElseThrow();
                assertEquals(30, wa.users().length, name);
                assertEquals(ea, eb, name + ": test scores");
                assertEquals(wa, wb, name + ": warm scores");
            }
        }
    }

    @Test
    void aTemporalSetupScoresTheLaterRatingsFromTheEarlierOnes() {
        CrossDomainSetup setup = CrossDomainSetup.prepare(WORLD, StudyBudgets.split(0.4, 3), 5,
                new CrossDomainSetup.Options(SupportOrder.TEMPORAL, 10));
        var x = WORLD.interactions();
        for (List<RatingTask> tasks : List.of(setup.split().testTasks(), setup.warmUsers().tasks())) {
            for (RatingTask t : tasks) {
                long last = Arrays.stream(t.supportRows()).mapToLong(x::timestamp).max().orElseThrow();
                assertTrue(Arrays.stream(t.queryRows()).allMatch(r -> x.timestamp(r) >= last), "user " + t.user());
            }
        }
    }

    /** The prediction before any adaptation, computed from the recommender's parts. */
    private static double[] unadapted(org.metarec.algorithms.rec.ColdStartRecommender rec, UserContext user,
            RatingBatch query) {
        if (rec instanceof GradientRecommender g) {
            return RatingLoss.predict(g.model(), g.startFor(user), query);
        }
        int[] items = query.items();
        double[] out = new double[items.length];
        for (int j = 0; j < items.length; j++) {
            if (rec instanceof GlobalMean gm) {
                out[j] = gm.mean();
            } else if (rec instanceof ItemBias ib) {
                out[j] = ib.mu() + ib.itemBias(items[j]);
            } else if (rec instanceof TransferBias tb) {
                out[j] = tb.mu() + tb.itemBias(items[j]) + tb.userBias(user.user(), new int[0], new double[0]);
            } else {
                throw new AssertionError("no unadapted prediction for " + rec.method());
            }
        }
        return out;
    }
}
