package org.metarec.experiments.study.rec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.rec.ColdStartRecommender;
import org.metarec.algorithms.rec.baseline.GlobalMean;
import org.metarec.algorithms.rec.train.BestSoFar;
import org.metarec.algorithms.rec.train.TrialBudget;
import org.metarec.algorithms.train.NonFiniteException;
import org.metarec.core.random.Rng;

/**
 * Random search against a training whose checkpoint scores are a known function of the drawn value: the
 * budget is spent exactly, one scoring per trial across settings, and the chosen trial is the lowest score
 * of all (the earliest of equal ones).
 */
class TunerTest {

    private static final SearchSpace SPACE = new SearchSpace(List.of(
            new SearchDimension(Tunable.INNER_LR, null, null, false, List.of(0.1, 0.2, 0.3))));

    /** A training of {@code checkpoints} checkpoints, checkpoint j scoring |lr - 0.2| + 1 / (j + 1). */
    private static Tuner.Training training(int checkpoints, List<ColdStartRecommender> made, List<Double> drawn) {
        return (values, budget) -> {
            double lr = values.real(Tunable.INNER_LR, Double.NaN);
            drawn.add(lr);
            BestSoFar<ColdStartRecommender> best = BestSoFar.preferLatestWhenUnscored(budget);
            for (int j = 0; j < checkpoints && best.canScore(); j++) {
                ColdStartRecommender r = new GlobalMean(j);
                made.add(r);
                best.offer(j, "", Math.abs(lr - 0.2) + 1.0 / (j + 1), r);
            }
            return new Tuner.Trained(best.value(), best.selection());
        };
    }

    @Test
    void theBudgetIsSpentExactlyAndTheLowestScoreOfAllTrialsIsChosen() {
        for (int trials = 1; trials <= 17; trials++) {
            for (int checkpoints = 1; checkpoints <= 5; checkpoints++) {
                List<ColdStartRecommender> made = new ArrayList<>();
                List<Double> drawn = new ArrayList<>();
                Tuner.Outcome o = Tuner.randomSearch(SPACE, trials, Rng.derive(trials, "tuner-test/" + checkpoints),
                        training(checkpoints, made, drawn));
                String where = trials + " trials, " + checkpoints + " checkpoints per setting";
                assertEquals(trials, o.trials().size(), where);
                assertEquals((trials + checkpoints - 1) / checkpoints, drawn.size(), where + ": settings trained");
                double lowest = Double.POSITIVE_INFINITY;
                int expected = -1;
                for (int t = 0; t < trials; t++) {
                    Tuner.Trial trial = o.trials().get(t);
                    assertEquals(t + 1, trial.number(), where);
                    assertEquals(t / checkpoints + 1, trial.setting(), where);
                    assertEquals(t % checkpoints, trial.step(), where);
                    double lr = drawn.get(t / checkpoints);
                    assertEquals("inner_lr=" + org.metarec.experiments.config.Specs.format(lr), trial.values(), where);
                    assertEquals(Math.abs(lr - 0.2) + 1.0 / (t % checkpoints + 1), trial.validationRmse(), 0.0, where);
                    if (trial.validationRmse() < lowest) {
                        lowest = trial.validationRmse();
                        expected = t;
                    }
                }
                assertEquals(expected + 1, o.chosen().number(), where);
                assertEquals(1, o.trials().stream().filter(Tuner.Trial::chosen).count(), where);
                assertSame(made.get(expected), o.recommender(), where);
                assertEquals(o.selection().chosen().validationRmse(), lowest, 0.0, where);
            }
        }
    }

    @Test
    void anEmptySpaceTrainsOnceAndMaySpendLessThanTheBudget() {
        List<Double> drawn = new ArrayList<>();
        Tuner.Outcome o = Tuner.randomSearch(SearchSpace.EMPTY, 10, Rng.seeded(1), training(3, new ArrayList<>(), drawn));
        assertEquals(1, drawn.size());
        assertTrue(Double.isNaN(drawn.get(0)), "nothing drawn: the config's value");
        assertEquals(3, o.trials().size());
        assertEquals(2, o.chosen().step());
        Tuner.Outcome capped = Tuner.randomSearch(SearchSpace.EMPTY, 2, Rng.seeded(1), training(3, new ArrayList<>(),
                new ArrayList<>()));
        assertEquals(2, capped.trials().size());
        assertEquals(1, capped.chosen().step());
    }

    @Test
    void aTrainingThatScoresNothingIsAnError() {
        Tuner.Training none = (values, budget) -> {
            BestSoFar<ColdStartRecommender> best = BestSoFar.create(TrialBudget.unlimited());
            best.offer(0, "", 1.0, new GlobalMean(3));
            return new Tuner.Trained(best.value(), best.selection());
        };
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Tuner.randomSearch(SPACE, 3, Rng.seeded(1), none)).getMessage().startsWith("tuning: expected"));
    }

    @Test
    void aDivergingSettingSpendsItsTrialsWithoutAScoreAndTheSearchGoesOn() {
        // lr 0.3 diverges after one scored checkpoint, 0.1 before any; 0.2 trains normally.
        Tuner.Training training = (values, budget) -> {
            double lr = values.real(Tunable.INNER_LR, Double.NaN);
            BestSoFar<ColdStartRecommender> best = BestSoFar.preferLatestWhenUnscored(budget);
            if (lr == 0.3) {
                best.offer(0, "", 5.0, new GlobalMean(0));
            }
            if (lr != 0.2) {
                throw new NonFiniteException(7, "test", "the loss", Double.NaN);
            }
            for (int j = 0; j < 2 && best.canScore(); j++) {
                best.offer(j, "", 1.0 + j, new GlobalMean(j));
            }
            return new Tuner.Trained(best.value(), best.selection());
        };
        for (long seed = 1; seed <= 20; seed++) {
            Tuner.Outcome o = Tuner.randomSearch(SPACE, 9, Rng.seeded(seed), training);
            assertEquals(9, o.trials().size(), "seed " + seed);
            for (Tuner.Trial t : o.trials()) {
                boolean bad = !t.values().equals("inner_lr=0.2");
                assertEquals(bad, t.adaptation().equals(Tuner.DIVERGED), "seed " + seed + ": " + t);
                assertEquals(bad, Double.isNaN(t.validationRmse()), "seed " + seed + ": " + t);
            }
            if (o.trials().stream().anyMatch(t -> t.values().equals("inner_lr=0.2"))) {
                assertEquals("inner_lr=0.2", o.chosen().values(), "seed " + seed);
                assertEquals(0, o.chosen().step(), "seed " + seed);
            }
        }
        Tuner.Training always = (values, budget) -> {
            throw new NonFiniteException(3, "test", "the loss", Double.POSITIVE_INFINITY);
        };
        assertEquals(3, org.junit.jupiter.api.Assertions.assertThrows(NonFiniteException.class,
                () -> Tuner.randomSearch(SPACE, 4, Rng.seeded(1), always)).step());
    }
}
