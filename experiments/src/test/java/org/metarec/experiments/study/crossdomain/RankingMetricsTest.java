package org.metarec.experiments.study.crossdomain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.ColdStartRecommender;
import org.metarec.algorithms.rec.RankingCandidates;
import org.metarec.algorithms.rec.RankingSettings;
import org.metarec.algorithms.rec.TestScores;
import org.metarec.algorithms.rec.UserPredictor;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.UserContext;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.Interactions;
import org.metarec.core.metrics.SampledCandidates;
import org.metarec.core.synthetic.SyntheticWorld;
import org.metarec.core.tasks.RatingTask;

/**
 * The ranking metrics of the cross-domain study ({@code evaluation.ranking}): values against a hand-built ranking of
 * one test user, a constant predictor scored as a random order (neither the best nor the worst), known items never
 * among the candidates, and the rating metrics untouched.
 */
class RankingMetricsTest {

    private static final Dataset WORLD = SyntheticWorld.generate(SyntheticWorld.Config.defaults().withUsers(250)
            .withItemsPerDomain(60).withLatentDim(3).withMeanRatingsPerUser(45).withTransfer(0.8).withSeed(4))
            .dataset();
    private static final CrossDomainSetup SETUP = CrossDomainSetup.prepare(WORLD, StudyBudgets.split(0.4, 5), 5);
    private static final RankingSettings BOTH = new RankingSettings(true, new int[] {5, 10}, 19, 4.0);

    /** A recommender whose adapted user u scores the items of a batch by {@code f(u, items)}. */
    private static ColdStartRecommender scoring(BiFunction<Integer, int[], double[]> f) {
        return new ColdStartRecommender() {
            @Override
            public String method() {
                return "fixed";
            }

            @Override
            public UserPredictor adapt(UserContext user, RatingBatch support) {
                int u = user.user();
                return batch -> f.apply(u, batch.items());
            }
        };
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void aHandBuiltRankingGivesTheHandComputedMetrics() {
        RankingCandidates ranking = SETUP.ranking(BOTH, false);
        // The first test user with at least three relevant query items.
        int t = 0;
        while (ranking.relevant(t).length < 3) {
            t++;
        }
        int[] rel = ranking.relevant(t);
        int r = rel.length;
        int[] candidates = ranking.catalogueCandidates(t);
        Set<Integer> relevant = new HashSet<>();
        Arrays.stream(rel).forEach(relevant::add);
        int[] others = Arrays.stream(candidates).filter(i -> !relevant.contains(i)).toArray();
        // The ranking: rel0, x, rel1, x, x, x, x, rel2, then every other non-relevant item, then the other relevant ones.
        List<Integer> order = new ArrayList<>(List.of(rel[0], others[0], rel[1], others[1], others[2], others[3], others[4],
                rel[2]));
        Arrays.stream(others).skip(5).forEach(order::add);
        Arrays.stream(rel).skip(3).forEach(order::add);
        Map<Integer, Integer> position = new HashMap<>();
        for (int p = 0; p < order.size(); p++) {
            position.put(order.get(p), p);
        }
        int user = SETUP.split().testTasks().get(t).user();
        ColdStartRecommender rec = scoring((u, items) -> Arrays.stream(items)
                .mapToDouble(i -> u == user && position.containsKey(i) ? 1000.0 - position.get(i) : 0).toArray());
        TestScores scores;
        try (TaskPool pool = new TaskPool(2)) {
            scores = new CrossDomainStudy(SETUP, StudyBudgets.protocol("global_mean", "mf", 5, StudyBudgets.split(0.4, 5),
                    2, 1, 1)).evaluate(rec, pool, ranking);
        }
        // Hits at 0-based positions 0 and 2 within the top 5, and 7 within the top 10.
        double idcg5 = 0;
        for (int p = 0; p < Math.min(5, r); p++) {
            idcg5 += 1 / log2(p + 2);
        }
        double idcg10 = 0;
        for (int p = 0; p < Math.min(10, r); p++) {
            idcg10 += 1 / log2(p + 2);
        }
        assertEquals(1.0, scores.perUser("full_hr5")[t]);
        assertEquals(2.0 / r, scores.perUser("full_recall5")[t], 1e-12);
        assertEquals((1 + 1 / log2(4)) / idcg5, scores.perUser("full_ndcg5")[t], 1e-12);
        assertEquals(1.0, scores.perUser("full_hr10")[t]);
        assertEquals(3.0 / r, scores.perUser("full_recall10")[t], 1e-12);
        assertEquals((1 + 1 / log2(4) + 1 / log2(9)) / idcg10, scores.perUser("full_ndcg10")[t], 1e-12);

        // Sampled: a relevant item's rank is the number of its negatives placed before it in the hand-built order.
        SampledCandidates pairs = ranking.sampled();
        double mrr = 0;
        double hr5 = 0;
        int n = 0;
        for (int k = 0; k < pairs.size(); k++) {
            if (pairs.user(k) != user) {
                continue;
            }
            int[] c = pairs.candidates(k);
            int rank = (int) Arrays.stream(c).skip(1).filter(i -> position.get(i) < position.get(c[0])).count();
            if (c[0] == rel[0]) {
                assertEquals(0, rank, "the top item outranks all its negatives");
            }
            mrr += 1.0 / (rank + 1);
            hr5 += rank < 5 ? 1 : 0;
            n++;
        }
        assertEquals(r, n, "one sampled pair per relevant item");
        assertEquals(mrr / n, scores.perUser("sampled_mrr")[t], 1e-12);
        assertEquals(hr5 / n, scores.perUser("sampled_hr5")[t], 1e-12);
    }

    @Test
    void aConstantPredictorScoresAsARandomOrderNeitherTheBestNorTheWorst() {
        RankingSettings settings = new RankingSettings(true, new int[] {5, 10}, 19, 4.0);
        CrossDomainSetup setup = CrossDomainSetup.prepare(WORLD, StudyBudgets.split(0.6, 5), 7);
        RankingCandidates ranking = setup.ranking(settings, false);
        TestScores scores;
        try (TaskPool pool = new TaskPool(2)) {
            scores = new CrossDomainStudy(setup, StudyBudgets.protocol("global_mean", "mf", 7, StudyBudgets.split(0.6, 5),
                    2, 1, 1)).evaluate(scoring((u, items) -> new double[items.length]), pool, ranking);
        }
        double[] recall = scores.perUser("full_recall10");
        double measured = 0;
        double expected = 0;
        double optimistic = 0;
        double variance = 0;
        int users = 0;
        for (int t = 0; t < recall.length; t++) {
            if (Double.isNaN(recall[t])) {
                continue;
            }
            double n = ranking.catalogueCandidates(t).length;
            double r = ranking.relevant(t).length;
            measured += recall[t];
            expected += 10 / n;   // E[hits] = 10 r / n under a uniform order
            optimistic += Math.min(10, r) / r;   // relevant items first, as a stable sort of equal scores could give
            variance += 10 * (r / n) * (1 - r / n) * (n - 10) / (n - 1) / (r * r);   // hypergeometric hits
            users++;
        }
        assertTrue(users > 20, "the fixture should rank enough users, found " + users);
        double se = Math.sqrt(variance) / users;
        measured /= users;
        expected /= users;
        optimistic /= users;
        assertEquals(expected, measured, 4 * se, "a constant predictor's recall@10 is a random order's");
        assertTrue(measured > 4 * se && measured < optimistic - 0.2,
                "neither pessimistic (0) nor optimistic (" + optimistic + "): " + measured);
        // Sampled: the held-out item's rank is uniform on 0..19, so HR@5 is 5/20 in expectation.
        double[] hr = scores.perUser("sampled_hr5");
        double mean = 0;
        double var = 0;
        for (int t = 0; t < hr.length; t++) {
            if (!Double.isNaN(hr[t])) {
                mean += hr[t] / users;
                var += 0.25 * 0.75 / ranking.relevant(t).length;   // a user's mean over its independent pairs
            }
        }
        assertEquals(0.25, mean, 4 * Math.sqrt(var) / users, "a constant predictor's sampled HR@5");
    }

    @Test
    void knownItemsAreNeverCandidatesAndNegativesAreNeverRatedByTheUser() {
        for (boolean warm : new boolean[] {false, true}) {
            CrossDomainSetup setup = CrossDomainSetup.prepare(WORLD, StudyBudgets.split(0.4, 5), 5,
                    new CrossDomainSetup.Options(org.metarec.core.tasks.SupportOrder.RANDOM, 20));
            RankingCandidates ranking = setup.ranking(BOTH, warm);
            Interactions x = WORLD.interactions();
            List<RatingTask> tasks = warm ? setup.warmUsers().tasks() : setup.split().testTasks();
            assertFalse(tasks.isEmpty());
            Set<Integer> catalogue = new HashSet<>();
            Arrays.stream(x.rowsInDomain(setup.target())).map(x::item).forEach(catalogue::add);
            Map<Integer, Integer> userOfTask = new HashMap<>();
            for (int t = 0; t < tasks.size(); t++) {
                RatingTask task = tasks.get(t);
                userOfTask.put(task.user(), t);
                Set<Integer> known = new HashSet<>();
                Arrays.stream(task.supportRows()).map(x::item).forEach(known::add);
                Arrays.stream(x.rowsOfUser(task.user())).filter(r -> !setup.trainingFactory().isHidden(r)).map(x::item)
                        .forEach(known::add);
                int[] candidates = ranking.catalogueCandidates(t);
                for (int i : candidates) {
                    assertFalse(known.contains(i), "known item " + i + " of task " + t + " is a candidate");
                    assertTrue(catalogue.contains(i));
                }
                assertEquals(catalogue.stream().filter(i -> !known.contains(i)).count(), candidates.length,
                        "every other catalogue item is a candidate");
                Set<Integer> inCandidates = new HashSet<>();
                Arrays.stream(candidates).forEach(inCandidates::add);
                for (int i : ranking.relevant(t)) {
                    assertTrue(inCandidates.contains(i));
                }
            }
            SampledCandidates pairs = ranking.sampled();
            assertTrue(pairs.size() > 0);
            for (int k = 0; k < pairs.size(); k++) {
                Set<Integer> rated = new HashSet<>();
                Arrays.stream(x.rowsOfUser(pairs.user(k))).map(x::item).forEach(rated::add);
                int[] c = pairs.candidates(k);
                assertEquals(BOTH.sampledNegatives() + 1, Arrays.stream(c).distinct().count(), "distinct candidates");
                for (int j = 1; j < c.length; j++) {
                    assertFalse(rated.contains(c[j]), "negative " + c[j] + " was rated by user " + pairs.user(k));
                    assertTrue(catalogue.contains(c[j]));
                }
                assertTrue(Arrays.stream(ranking.relevant(userOfTask.get(pairs.user(k)))).anyMatch(i -> i == c[0]));
            }
        }
    }

    @Test
    void rankingLeavesTheRatingMetricsAndIsFixedByTheSeedWhateverTheThreadCount() {
        CrossDomainStudy study = new CrossDomainStudy(SETUP, StudyBudgets.protocol("item_bias", "mf", 5,
                StudyBudgets.split(0.4, 5), 2, 1, 1));
        TestScores plain;
        TestScores one;
        TestScores two;
        try (TaskPool pool = new TaskPool(1)) {
            ColdStartRecommender rec = study.train(pool).recommender();
            plain = study.evaluate(rec, pool);
            one = study.evaluate(rec, pool, SETUP.ranking(BOTH, false));
            try (TaskPool pool2 = new TaskPool(2)) {
                two = study.evaluate(rec, pool2, SETUP.ranking(BOTH, false));
            }
        }
        assertEquals(one, two);
        assertEquals(plain.pooled(), one.pooled());
        for (String m : plain.perUser().keySet()) {
            assertArrayEquals(plain.perUser(m), one.perUser(m), m);
        }
        assertEquals(BOTH.metricNames(), new ArrayList<>(one.perUser().keySet()).subList(plain.perUser().size(),
                one.perUser().size()));
        assertEquals(SETUP.ranking(BOTH, false).sampled(), SETUP.ranking(BOTH, false).sampled(), "drawn from the seed");
    }
}
