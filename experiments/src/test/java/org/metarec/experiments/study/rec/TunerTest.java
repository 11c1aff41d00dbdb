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

    @Test
    void kFoldTrialsAreFoldMeansTheDrawsAreRandomSearchsAndTheChosenValuesAreTrainedOnceMore() {
        for (int trials = 1; trials <= 11; trials++) {
            for (int checkpoints = 1; checkpoints <= 4; checkpoints++) {
                int c = checkpoints;
                // Fold f's checkpoint j scores |lr - 0.2| + 1 / (j + 1) + 0.01 f: the fold mean adds 0.01 (3 folds).
                List<int[]> calls = new ArrayList<>();
                Tuner.FoldTraining onFold = (values, budget, fold) -> {
                    double lr = values.real(Tunable.INNER_LR, Double.NaN);
                    calls.add(new int[] {fold, (int) budget.remaining()});
                    BestSoFar<ColdStartRecommender> best = BestSoFar.preferLatestWhenUnscored(budget);
                    for (int j = 0; j < c && best.canScore(); j++) {
                        best.offer(j, "", Math.abs(lr - 0.2) + 1.0 / (j + 1) + 0.01 * fold, new GlobalMean(j));
                    }
                    return new Tuner.Trained(best.value(), best.selection());
                };
                List<ColdStartRecommender> refits = new ArrayList<>();
                List<Double> refitValues = new ArrayList<>();
                List<Long> refitBudgets = new ArrayList<>();
                Tuner.Training refit = (values, budget) -> {
                    refitValues.add(values.real(Tunable.INNER_LR, Double.NaN));
                    refitBudgets.add(budget.remaining());
                    Tuner.Trained t = training(c, refits, new ArrayList<>()).train(values, budget);
                    return t;
                };
                String where = trials + " trials, " + checkpoints + " checkpoints per setting";
                Tuner.Outcome o = Tuner.kFoldSearch(SPACE, trials, 3, Rng.derive(trials, "tuner-test/" + c), onFold, refit);
                List<Double> single = new ArrayList<>();
                Tuner.Outcome plain = Tuner.randomSearch(SPACE, trials, Rng.derive(trials, "tuner-test/" + c),
                        training(c, new ArrayList<>(), single));
                assertEquals(trials, o.trials().size(), where);
                assertEquals(3 * single.size(), calls.size(), where + ": every setting trains once per fold");
                for (int t = 0; t < trials; t++) {
                    Tuner.Trial k = o.trials().get(t);
                    Tuner.Trial p = plain.trials().get(t);
                    assertEquals(p.values(), k.values(), where + ": the same draws as the single split");
                    assertEquals(p.step(), k.step(), where);
                    assertEquals(3, k.foldRmse().size(), where);
                    assertEquals(p.validationRmse() + 0.01, k.validationRmse(), 1e-12, where);
                    for (int f = 0; f < 3; f++) {
                        assertEquals(p.validationRmse() + 0.01 * f, k.foldRmse().get(f), 1e-12, where);
                    }
                }
                assertEquals(plain.chosen().number(), o.chosen().number(), where);
                // One final training, of the chosen values, with the trials the chosen setting spent.
                Tuner.Trial chosen = o.chosen();
                long spentByChosen = o.trials().stream().filter(t -> t.setting() == chosen.setting()).count();
                assertEquals(List.of(single.get(chosen.setting() - 1)), refitValues, where);
                assertEquals(List.of(spentByChosen), refitBudgets, where);
                assertSame(refits.get(refits.size() - 1 - (int) (spentByChosen - 1 - (chosen.step()))), o.recommender(),
                        where);
                assertEquals(spentByChosen, o.refit().history().size(), where);
            }
        }
    }

    @Test
    void aSettingThatDivergesOnOneFoldKeepsTheMostTrialsAnyFoldSpentWithoutAScore() {
        // lr 0.3 diverges on fold 2 after two scorings; the others train two checkpoints.
        Tuner.FoldTraining onFold = (values, budget, fold) -> {
            double lr = values.real(Tunable.INNER_LR, Double.NaN);
            BestSoFar<ColdStartRecommender> best = BestSoFar.preferLatestWhenUnscored(budget);
            for (int j = 0; j < 2 && best.canScore(); j++) {
                best.offer(j, "", lr + j, new GlobalMean(j));
            }
            if (lr == 0.3 && fold == 1) {
                throw new NonFiniteException(9, "test", "the loss", Double.NaN);
            }
            return new Tuner.Trained(best.value(), best.selection());
        };
        Tuner.Training refit = training(2, new ArrayList<>(), new ArrayList<>());
        int thrown = 0;
        for (long seed = 1; seed <= 20; seed++) {
            // The draws of this seed (two trials per setting), from the single-split search's identical streams.
            List<Double> draws = new ArrayList<>();
            Tuner.randomSearch(SPACE, 7, Rng.seeded(seed), training(2, new ArrayList<>(), draws));
            if (draws.stream().allMatch(lr -> lr == 0.3)) {
                long s = seed;
                org.junit.jupiter.api.Assertions.assertThrows(NonFiniteException.class,
                        () -> Tuner.kFoldSearch(SPACE, 7, 2, Rng.seeded(s), onFold, refit), "every setting diverged");
                thrown++;
                continue;
            }
            Tuner.Outcome o = Tuner.kFoldSearch(SPACE, 7, 2, Rng.seeded(seed), onFold, refit);
            assertEquals(7, o.trials().size(), "seed " + seed);
            for (Tuner.Trial t : o.trials()) {
                boolean bad = t.values().equals("inner_lr=0.3");
                assertEquals(bad, Double.isNaN(t.validationRmse()), "seed " + seed + ": " + t);
                assertEquals(bad ? 0 : 2, t.foldRmse().size(), "seed " + seed + ": " + t);
            }
            // Diverged settings keep two trials each (what fold 1 spent); so every setting spends two, the last fewer.
            for (int s = 1; s <= o.trials().get(6).setting(); s++) {
                int setting = s;
                long n = o.trials().stream().filter(t -> t.setting() == setting).count();
                assertEquals(setting < o.trials().get(6).setting() ? 2 : 7 - 2 * (setting - 1), n, "seed " + seed);
            }
            assertTrue(!o.chosen().values().equals("inner_lr=0.3"), "seed " + seed);
        }
        assertTrue(thrown < 20, "some seed should draw a setting that trains");
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Tuner.kFoldSearch(SPACE, 3, 1, Rng.seeded(1), onFold, refit)).getMessage().contains("tuning.folds"));
    }
}
