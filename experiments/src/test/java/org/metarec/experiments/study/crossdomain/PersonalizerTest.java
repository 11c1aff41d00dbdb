package org.metarec.experiments.study.crossdomain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.GradientRecommender;
import org.metarec.algorithms.rec.Personalizer;
import org.metarec.algorithms.rec.Recommendation;
import org.metarec.algorithms.rec.baseline.GlobalMean;
import org.metarec.algorithms.rec.baseline.ItemBias;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.UserContext;
import org.metarec.algorithms.rec.model.RatingLoss;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.Interactions;
import org.metarec.core.synthetic.SyntheticWorld;
import org.metarec.experiments.bench.AdaptLatency;

class PersonalizerTest {

    private static final Dataset WORLD = SyntheticWorld.generate(SyntheticWorld.Config.defaults().withUsers(200)
            .withItemsPerDomain(50).withLatentDim(3).withMeanRatingsPerUser(40).withSeed(8)).dataset();
    private static final CrossDomainSetup SETUP = CrossDomainSetup.prepare(WORLD, StudyBudgets.split(0.4, 5), 8);

    @Test
    void itemBiasRecommendationsAreTheUnratedItemsWithTheLargestBiases() {
        Interactions x = WORLD.interactions();
        ItemBias ib = ItemBias.fit(x, SETUP.targetTrainingRows(), 5, 5);
        Personalizer p = Personalizer.forDomain(ib, SETUP.testFactory(), SETUP.target());
        int[] rated = {p.candidates()[0], p.candidates()[7]};
        double[] ratings = {5, 1};
        UserContext who = p.newUser(null, new int[0], new double[0]);
        double[] scores = p.score(who, rated, ratings);
        // mu + b_i + b_u: the order of the candidates is the order of their scores (b_u is common).
        Integer[] order = IntStream.range(0, scores.length).boxed()
                .filter(c -> p.candidates()[c] != rated[0] && p.candidates()[c] != rated[1])
                .sorted(Comparator.comparingDouble((Integer c) -> -scores[c]).thenComparingInt(c -> p.candidates()[c]))
                .toArray(Integer[]::new);
        List<Recommendation> top = p.recommend(who, rated, ratings, 5);
        assertEquals(5, top.size());
        for (int k = 0; k < 5; k++) {
            assertEquals(p.candidates()[order[k]], top.get(k).item(), "rank " + k);
            assertEquals(scores[order[k]], top.get(k).predicted(), 0.0);
            assertEquals(x.itemIds().rawId(top.get(k).item()), top.get(k).itemId());
        }
        // Every candidate is an item of the target domain.
        for (int item : p.candidates()) {
            assertEquals(SETUP.target(), WORLD.interactions().domain(WORLD.interactions().rowsOfItem(item)[0]));
        }
    }

    @Test
    void equalScoresAreOrderedByItemIndexAndNeverIncludeRatedItems() {
        Personalizer p = new Personalizer(new GlobalMean(3.0), SETUP.testFactory(), SETUP.target(),
                new int[] {9, 4, 7, 2, 5});
        UserContext who = p.newUser(null, new int[0], new double[0]);
        List<Recommendation> top = p.recommend(who, new int[] {4}, new double[] {2}, 3);
        assertEquals(List.of(2, 5, 7), top.stream().map(Recommendation::item).toList());
        assertEquals(4, p.recommend(who, new int[] {4}, new double[] {2}, 10).size());
    }

    @Test
    void scoresAreTheAdaptedModelsPredictionsForAKnownUser() {
        CrossDomainProtocol protocol = StudyBudgets.protocol("maml", "mf", 8, StudyBudgets.split(0.4, 5), 20, 2, 10);
        CrossDomainStudy.Trained trained;
        try (TaskPool pool = new TaskPool(1)) {
            trained = new CrossDomainStudy(SETUP, protocol).train(pool);
        }
        BatchFactory f = SETUP.testFactory();
        Personalizer p = Personalizer.forDomain(trained.recommender(), f, SETUP.target());
        var task = SETUP.split().testTasks().get(0);
        Interactions x = WORLD.interactions();
        int[] items = Arrays.stream(task.supportRows()).map(x::item).toArray();
        double[] ratings = x.ratings(task.supportRows());
        UserContext who = f.context(task.user(), SETUP.target());
        GradientRecommender rec = (GradientRecommender) trained.recommender();
        RatingBatch support = f.forUser(who, items, ratings);
        double[] expected = RatingLoss.predict(rec.model(), rec.adaptedParams(who, support),
                f.forUser(who, p.candidates(), null));
        assertArrayEquals(expected, p.score(who, items, ratings), 0.0);
        assertTrue(p.recommend(who, items, ratings, 10).stream().noneMatch(r -> Arrays.stream(items)
                .anyMatch(i -> i == r.item())));
    }

    @Test
    void adaptLatencyTimesTheRequestedCallsAndOrdersItsPercentiles() {
        Personalizer p = Personalizer.forDomain(new GlobalMean(3.0), SETUP.testFactory(), SETUP.target());
        AdaptLatency.Result r = AdaptLatency.measure(p, SETUP.testFactory(), SETUP.split().testTasks(), 5, 2, 9);
        assertEquals(p.candidates().length, r.candidates());
        assertEquals(9, r.repetitions());
        assertTrue(r.p50Millis() >= 0 && r.p50Millis() <= r.p99Millis(), r.toString());
        assertThrows(IllegalArgumentException.class,
                () -> AdaptLatency.measure(p, SETUP.testFactory(), SETUP.split().testTasks(), 100000, 0, 1));
    }

    @Test
    void badRequestsAreRejected() {
        GlobalMean gm = new GlobalMean(3.0);
        BatchFactory f = SETUP.testFactory();
        assertThrows(IllegalArgumentException.class, () -> new Personalizer(gm, f, 7, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new Personalizer(gm, f, 0, new int[] {1, 1}));
        Personalizer p = new Personalizer(gm, f, SETUP.target(), new int[] {1, 2});
        UserContext elsewhere = f.newUserContext(0, null, new int[0], new double[0]);
        assertThrows(IllegalArgumentException.class, () -> p.score(elsewhere, new int[0], new double[0]));
        UserContext who = p.newUser(null, new int[0], new double[0]);
        assertThrows(IllegalArgumentException.class, () -> p.recommend(who, new int[0], new double[0], 0));
        assertThrows(IllegalArgumentException.class, () -> p.score(who, new int[] {1}, new double[0]));
    }
}
