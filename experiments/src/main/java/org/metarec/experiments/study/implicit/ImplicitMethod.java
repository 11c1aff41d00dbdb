package org.metarec.experiments.study.implicit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metarec.algorithms.meta.MetaLearner;
import org.metarec.algorithms.meta.MetaMethod;
import org.metarec.algorithms.meta.Task;
import org.metarec.algorithms.optim.Adam;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.SlotMode;
import org.metarec.algorithms.rec.implicit.BprTraining;
import org.metarec.algorithms.rec.implicit.ImplicitBatches;
import org.metarec.algorithms.rec.implicit.ImplicitLoss;
import org.metarec.algorithms.rec.model.MatrixFactorization;
import org.metarec.algorithms.rec.train.MetaLearning;
import org.metarec.algorithms.rec.train.TrialBudget;
import org.metarec.algorithms.train.MetaTrainer;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.core.data.Interactions;
import org.metarec.core.data.SplitPart;
import org.metarec.core.random.Rng;
import org.metarec.experiments.study.rec.Tunable;
import org.metarec.experiments.study.rec.TunedValues;

/**
 * The methods of the {@code implicit} kind. Each trains once per seed and keeps, for every K, the state with the best
 * validation MRR at that K (selection on the validation file only, scored on the pairs that are not support); with
 * tuning, once per drawn setting ({@link ImplicitSearch}), each scored checkpoint spending one trial of the budget.
 */
enum ImplicitMethod {

    /** Items by their number of target training interactions, the same list for everyone. */
    POPULARITY("popularity") {
        @Override
        Trained train(ImplicitRun run, Resources r, TunedValues values, TrialBudget budget) {
            Interactions x = run.data.interactions();
            double[] count = new double[x.itemCount()];
            for (int row : run.splits.values().iterator().next().trainRows(run.target)) {
                count[x.item(row)]++;
            }
            ColdRanker ranker = (user, support) -> (u, items) -> Arrays.stream(items).mapToDouble(i -> count[i]).toArray();
            Checkpoints out = new Checkpoints(run, r, budget);
            if (r.tuned()) {
                out.offer(0, k -> ranker);   // one trial: its only setting is scored, as every method's are
            } else {
                run.splits.keySet().forEach(k -> out.chosen.put(k, ranker));
            }
            return out.trained();
        }

        @Override
        List<Tunable> readable() {
            return List.of();
        }
    },

    /** BPR-MF on the target's training interactions only; a cold user has an untrained row, fine-tuned on its support. */
    BPR_MF("bpr_mf") {
        @Override
        Trained train(ImplicitRun run, Resources r, TunedValues values, TrialBudget budget) {
            return pooledBpr(run, r, values, budget, new int[] {run.target});
        }

        @Override
        List<Tunable> readable() {
            return POOLED_SETTINGS;
        }
    },

    /**
     * BPR-MF on both domains' training interactions, an overlapping user's one embedding shared by its two domains
     * (a cold user's row is learned from its source interactions), then fine-tuned on the target support.
     */
    POOLED("pooled") {
        @Override
        Trained train(ImplicitRun run, Resources r, TunedValues values, TrialBudget budget) {
            return pooledBpr(run, r, values, budget, new int[] {run.source, run.target});
        }

        @Override
        List<Tunable> readable() {
            return POOLED_SETTINGS;
        }
    },

    /** MAML (Finn et al. 2017) on MF, from the pooled model's item parameters. */
    MAML("maml") {
        @Override
        Trained train(ImplicitRun run, Resources r, TunedValues values, TrialBudget budget) {
            return meta(run, r, values, budget, MetaMethod.MAML);
        }

        @Override
        List<Tunable> readable() {
            return META_SETTINGS;
        }
    },

    /** First-order MAML on MF. */
    FOMAML("fomaml") {
        @Override
        Trained train(ImplicitRun run, Resources r, TunedValues values, TrialBudget budget) {
            return meta(run, r, values, budget, MetaMethod.FOMAML);
        }

        @Override
        List<Tunable> readable() {
            return META_SETTINGS;
        }
    },

    /** Reptile (Nichol et al. 2018) on MF. */
    REPTILE("reptile") {
        @Override
        Trained train(ImplicitRun run, Resources r, TunedValues values, TrialBudget budget) {
            return meta(run, r, values, budget, MetaMethod.REPTILE);
        }

        @Override
        List<Tunable> readable() {
            return META_SETTINGS;
        }
    };

    private final String configName;

    ImplicitMethod(String configName) {
        this.configName = configName;
    }

    /** The settings a pooled BPR method's space may draw. */
    private static final List<Tunable> POOLED_SETTINGS = List.of(Tunable.POOLED_LR, Tunable.POOLED_EPOCHS,
            Tunable.FINE_TUNE_LR, Tunable.WEIGHT_DECAY);
    /** The settings a meta-learner's space may draw (its start, pooled BPR with the config's settings, is fixed). */
    private static final List<Tunable> META_SETTINGS = List.of(Tunable.INNER_LR, Tunable.META_LR, Tunable.META_ITERATIONS);

    /**
     * What a method's training may use besides the run: the model size, meta-settings, the threads, where scored
     * checkpoints go, and whether it is tuned (then even popularity's one setting is scored, as a trial).
     */
    record Resources(int dim, MetaLearning.Settings meta, TaskPool pool, ValidationLog log, boolean tuned) {
    }

    /**
     * A training's result: per K the chosen ranker, and every scored checkpoint (one trial each, scored at every K).
     *
     * @param chosen per K, the ranker with the best validation MRR of this training
     * @param steps the scored checkpoints' steps (epoch, meta-iteration), in order
     * @param mrr per K, the validation MRR of each scored checkpoint
     * @param chosenAt per K, the index into {@code steps} of the chosen checkpoint
     */
    record Trained(Map<Integer, ColdRanker> chosen, List<Long> steps, Map<Integer, List<Double>> mrr,
                   Map<Integer, Integer> chosenAt) {
    }

    /**
     * Scores checkpoints at every K, spending one trial each, and keeps per K the best (the first of equal MRRs, as
     * before tuning existed).
     */
    private static final class Checkpoints {
        private final ImplicitRun run;
        private final Resources resources;
        private final TrialBudget budget;
        private final List<Long> steps = new ArrayList<>();
        private final Map<Integer, List<Double>> mrr = new LinkedHashMap<>();
        private final Map<Integer, Double> best = new LinkedHashMap<>();
        private final Map<Integer, ColdRanker> chosen = new LinkedHashMap<>();
        private final Map<Integer, Integer> chosenAt = new LinkedHashMap<>();

        Checkpoints(ImplicitRun run, Resources resources, TrialBudget budget) {
            this.run = run;
            this.resources = resources;
            this.budget = budget;
        }

        boolean canScore() {
            return budget.canScore();
        }

        /** Scores the checkpoint at {@code step}: the ranker of each K, its validation MRR. */
        void offer(long step, java.util.function.IntFunction<ColdRanker> rankers) {
            budget.spend();
            steps.add(step);
            for (int k : run.splits.keySet()) {
                ColdRanker ranker = rankers.apply(k);
                double m = run.validationMrr(k, ranker);
                resources.log().scored(k, step, m);
                mrr.computeIfAbsent(k, x -> new ArrayList<>()).add(m);
                if (!best.containsKey(k) || m > best.get(k)) {
                    best.put(k, m);
                    chosen.put(k, ranker);
                    chosenAt.put(k, steps.size() - 1);
                }
            }
        }

        Trained trained() {
            return new Trained(chosen, steps, mrr, chosenAt);
        }
    }

    /** Receives every scored checkpoint: K, step and validation MRR. */
    @FunctionalInterface
    interface ValidationLog {
        /**
         * One checkpoint was scored.
         *
         * @param k K
         * @param step the epoch or meta-iteration
         * @param mrr the validation MRR
         */
        void scored(int k, long step, double mrr);
    }

    /**
     * Trains with the config's settings, {@code values} in place of the drawn ones, scoring checkpoints until the
     * training's end or the budget's, and returns per K of the run the chosen ranker.
     *
     * @param run the seed's run
     * @param r the resources
     * @param values the drawn values ({@link TunedValues#NONE}: the config's)
     * @param budget the trials left; every scored checkpoint (at every K) spends one
     * @return the chosen rankers and every scored checkpoint
     */
    abstract Trained train(ImplicitRun run, Resources r, TunedValues values, TrialBudget budget);

    /**
     * The settings this method reads, so the only ones its search space may draw.
     *
     * @return the settings
     */
    abstract List<Tunable> readable();

    /**
     * The name in configs.
     *
     * @return e.g. {@code bpr_mf}
     */
    String configName() {
        return configName;
    }

    /** The method named {@code name} in configs. */
    static ImplicitMethod named(String name) {
        for (ImplicitMethod m : values()) {
            if (m.configName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("methods: expected one of " + names() + ", found '" + name + "'");
    }

    /** The config names, in documentation order. */
    static List<String> names() {
        return Arrays.stream(values()).map(ImplicitMethod::configName).toList();
    }

    private static MatrixFactorization model(ImplicitRun run, int dim) {
        return new MatrixFactorization(run.data.interactions().itemCount(), dim, 0, 0.0, 0.1);
    }

    /**
     * Pooled BPR over the training rows of {@code domains}, the epoch chosen per K; with a budget, training stops after
     * the last epoch it can score (the epochs before are the same bits, each epoch drawing from its own stream).
     */
    private static Trained pooledBpr(ImplicitRun run, Resources r, TunedValues values, TrialBudget budget, int[] domains) {
        ImplicitSplit any = run.splits.values().iterator().next();
        MatrixFactorization model = model(run, r.dim());
        ImplicitSettings s = run.settings;
        BprTraining.Settings bpr = new BprTraining.Settings(values.integer(Tunable.POOLED_EPOCHS, s.bpr().epochs()),
                s.bpr().batchSize(), values.real(Tunable.POOLED_LR, s.bpr().lr()),
                values.real(Tunable.WEIGHT_DECAY, s.bpr().weightDecay()));
        double fineTuneLr = values.real(Tunable.FINE_TUNE_LR, s.fineTuneLr());
        int epochs = (int) Math.min(bpr.epochs(), budget.remaining());
        BprTraining.Settings run_ = new BprTraining.Settings(epochs, bpr.batchSize(), bpr.lr(), bpr.weightDecay());
        Checkpoints out = new Checkpoints(run, r, budget);
        Params init = model.initPooled(Rng.derive(run.seed, "implicit/init"), run.data.interactions().userCount());
        Params last = BprTraining.train(model, init, any.training(), any.trainRows(domains), run::trainNegatives, run_,
                Rng.derive(run.seed, "implicit/bpr-order"), (epoch, params) -> out.offer(epoch,
                        k -> pooledRanker(run, model, params, k, bpr.weightDecay(), fineTuneLr)));
        if (domains.length == 2 && epochs == bpr.epochs()) {
            // Only a whole training is the meta-learners' start (they look it up by its settings).
            run.pooled(bpr, () -> last);
        }
        return out.trained();
    }

    private static ColdRanker pooledRanker(ImplicitRun run, MatrixFactorization model, Params params, int k,
                                           double weightDecay, double fineTuneLr) {
        ImplicitSettings s = run.settings;
        return new MfRanker(model, params, true, run.splits.get(k).adaptation(), run.adaptNegatives(k), s.trainNegatives(),
                run.target, MfRanker.fineTuning(model, weightDecay, s.fineTuneSteps(), fineTuneLr));
    }

    /**
     * A meta-learner on MF: tasks are warm target users (support {@code trainSupport} of their training rows, query up
     * to {@code trainQuery} others, each positive with sampled negatives), the meta-parameters start from pooled BPR
     * (both domains, the config's settings and full budget, never tuned here) with the user row at the mean of the
     * pooled users' rows. With a budget, meta-training stops once the next validation point could not be scored.
     */
    private static Trained meta(ImplicitRun run, Resources r, TunedValues values, TrialBudget budget, MetaMethod method) {
        ImplicitSettings s = run.settings;
        ImplicitSplit any = run.splits.values().iterator().next();
        MatrixFactorization model = model(run, r.dim());
        Params pooled = run.pooled(s.bpr(), () -> BprTraining.train(model, model.initPooled(Rng.derive(run.seed,
                        "implicit/init"), run.data.interactions().userCount()), any.training(),
                any.trainRows(run.source, run.target), run::trainNegatives, s.bpr(), Rng.derive(run.seed,
                        "implicit/bpr-order"), null));
        Params init = pooled.detach();
        for (String name : model.userTables()) {
            Tensor table = init.get(name);
            init = init.with(name, Ops.sumRows(table).mul(1.0 / table.rows()).detach());
        }
        init = init.asVariables();
        var loss = ImplicitLoss.bce(model, s.bpr().weightDecay());
        MetaLearning.Settings c = r.meta();
        MetaLearning.Settings m = new MetaLearning.Settings(values.integer(Tunable.META_ITERATIONS, c.iterations()),
                c.metaBatch(), values.real(Tunable.INNER_LR, c.innerLr()), c.innerSteps(),
                values.real(Tunable.META_LR, c.metaLr()), c.clipNorm(), c.validateEvery(), c.variants());
        MetaLearner<RatingBatch> learner = MetaLearning.learner(method, model, loss, m.innerLr(), m.innerSteps());
        MetaTrainer<RatingBatch> trainer = new MetaTrainer<>(learner, new Adam(m.metaLr()), taskSource(run, any),
                r.pool(), m.metaBatch(), m.clipNorm(), learner.initMeta(init), Rng.derive(run.seed, "implicit/tasks"));
        Checkpoints out = new Checkpoints(run, r, budget);
        for (int it = 0; it <= m.iterations(); it++) {
            boolean scored = it % m.validateEvery() == 0 || it == m.iterations();
            if (scored && !out.canScore()) {
                break;   // the budget is spent: training on would make a checkpoint no one may score
            }
            if (it > 0) {
                trainer.step();
            }
            if (scored) {
                Params meta = trainer.meta().detach();
                out.offer(it, k -> new MfRanker(model, learner.modelParams(meta), false, run.splits.get(k).adaptation(),
                        run.adaptNegatives(k), s.trainNegatives(), run.target,
                        (start, support) -> learner.adapt(meta, support, m.innerSteps())));
            }
        }
        return out.trained();
    }

    /** Meta-training tasks of warm target users; every random choice from the task's own stream. */
    private static MetaTrainer.TaskSource<RatingBatch> taskSource(ImplicitRun run, ImplicitSplit split) {
        Interactions x = run.data.interactions();
        ImplicitSettings s = run.settings;
        int[] warm = Arrays.stream(x.usersIn(run.target)).filter(u -> Arrays.stream(x.rowsOf(u, run.target))
                .filter(row -> run.data.part(row) == SplitPart.TRAIN).count() >= 2).toArray();
        if (warm.length == 0) {
            throw new IllegalArgumentException("implicit meta-training: expected target users with at least two training "
                    + "interactions, found none");
        }
        ImplicitBatches batches = split.training();
        org.metarec.core.data.NegativeSampler negatives = run.trainNegatives(run.target);
        return rng -> {
            int user = warm[rng.nextInt(warm.length)];
            int[] rows = Arrays.stream(x.rowsOf(user, run.target)).filter(row -> run.data.part(row) == SplitPart.TRAIN)
                    .toArray();
            rng.shuffle(rows);
            int support = Math.min(s.trainSupport(), rows.length - 1);
            int query = Math.min(s.trainQuery(), rows.length - support);
            int[] sup = Arrays.copyOfRange(rows, 0, support);
            int[] qry = Arrays.copyOfRange(rows, support, support + query);
            long draw = rng.nextLong();
            int m = s.trainNegatives();
            int[] neg = negatives.sample(user, Math.min((support + query) * m, negatives.available(user)), draw);
            int[] supNeg = new int[support * m];
            int[] qryNeg = new int[query * m];
            for (int k = 0; k < supNeg.length; k++) {
                supNeg[k] = neg[k % neg.length];
            }
            for (int k = 0; k < qryNeg.length; k++) {
                qryNeg[k] = neg[(supNeg.length + k) % neg.length];
            }
            return new Task<>(batches.labelled(sup, supNeg, SlotMode.SINGLE), batches.labelled(qry, qryNeg, SlotMode.SINGLE));
        };
    }
}
