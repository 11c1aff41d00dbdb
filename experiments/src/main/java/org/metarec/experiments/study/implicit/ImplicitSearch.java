package org.metarec.experiments.study.implicit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metarec.algorithms.rec.train.TrialBudget;
import org.metarec.algorithms.train.NonFiniteException;
import org.metarec.core.random.Rng;
import org.metarec.experiments.study.rec.SearchSpace;
import org.metarec.experiments.study.rec.TunedValues;
import org.metarec.experiments.study.rec.Tuner;

/**
 * Random search for the implicit kind ({@code implicit.tuning.strategy: random}), as {@link Tuner#randomSearch} does it
 * for the rating kinds: setting s is drawn from {@code rng.fork("setting-s")}, trained until its own end or the
 * budget's, then the next one. One trial is one checkpoint (an epoch of BPR, a validation point of meta-training, of a
 * mapping or of a bridge, with the setting's fine-tuning rate) scored on the validation file's selection pairs at every
 * K of the run, so the budget is the same whatever the number of K; each K then chooses its own trial, the one with the
 * highest validation MRR (the earliest on ties), as the untuned kind chooses a state per K. A setting whose training diverges keeps the
 * trials it spent, at least one, without a score.
 */
final class ImplicitSearch {

    /** Per K, the chosen ranker and every trial (the same trainings, scored at that K). */
    record Outcome(Map<Integer, ColdRanker> chosen, Map<Integer, List<Tuner.Trial>> trials) {
    }

    /** One training of a drawn setting. */
    @FunctionalInterface
    interface Training {
        ImplicitMethod.Trained train(TunedValues values, TrialBudget budget, int setting);
    }

    private ImplicitSearch() {
    }

    static Outcome run(SearchSpace space, int trials, List<Integer> ks, Rng rng, Training training) {
        TrialBudget budget = TrialBudget.of(trials);
        List<Long> steps = new ArrayList<>();
        List<Integer> settings = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<String> adaptations = new ArrayList<>();
        Map<Integer, List<Double>> mrr = new LinkedHashMap<>();
        Map<Integer, Integer> bestAt = new LinkedHashMap<>();
        Map<Integer, ColdRanker> chosen = new LinkedHashMap<>();
        ks.forEach(k -> mrr.put(k, new ArrayList<>()));
        NonFiniteException diverged = null;
        for (int s = 1; budget.canScore(); s++) {
            TunedValues drawn = space.isEmpty() ? TunedValues.NONE : space.sample(rng.fork("setting-" + s));
            long before = budget.spent();
            ImplicitMethod.Trained t;
            try {
                t = training.train(drawn, budget, s);
            } catch (NonFiniteException e) {
                diverged = e;
                if (budget.spent() == before) {
                    budget.spend();
                }
                for (long n = before; n < budget.spent(); n++) {
                    steps.add(e.step());
                    settings.add(s);
                    values.add(drawn.describe());
                    adaptations.add(Tuner.DIVERGED);
                    ks.forEach(k -> mrr.get(k).add(Double.NaN));
                }
                if (space.isEmpty()) {
                    break;
                }
                continue;
            }
            if (t.steps().size() != budget.spent() - before || t.steps().isEmpty()) {
                throw new IllegalStateException("implicit tuning: expected a training to score at least one checkpoint, "
                        + "each spending one trial, found " + t.steps().size() + " scored and " + (budget.spent() - before)
                        + " spent");
            }
            int offset = steps.size();
            for (long step : t.steps()) {
                steps.add(step);
                settings.add(s);
                values.add(drawn.describe());
                adaptations.add("");
            }
            for (int k : ks) {
                mrr.get(k).addAll(t.mrr().get(k));
                int here = offset + t.chosenAt().get(k);
                Integer best = bestAt.get(k);
                if (best == null || better(mrr.get(k).get(here), mrr.get(k).get(best))) {
                    bestAt.put(k, here);
                    chosen.put(k, t.chosen().get(k));
                }
            }
            if (space.isEmpty()) {
                break;   // nothing else to draw
            }
        }
        if (chosen.isEmpty()) {
            throw diverged;   // every drawn setting diverged
        }
        Map<Integer, List<Tuner.Trial>> rows = new LinkedHashMap<>();
        for (int k : ks) {
            List<Tuner.Trial> list = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                list.add(new Tuner.Trial(i + 1, settings.get(i), steps.get(i), values.get(i), adaptations.get(i),
                        mrr.get(k).get(i), i == bestAt.get(k)));
            }
            rows.put(k, list);
        }
        return new Outcome(chosen, rows);
    }

    /** Strictly higher, or a score against none. */
    private static boolean better(double score, double best) {
        return score > best || (Double.isNaN(best) && !Double.isNaN(score));
    }
}
