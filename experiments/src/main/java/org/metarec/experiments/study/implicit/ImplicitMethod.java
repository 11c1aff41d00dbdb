package org.metarec.experiments.study.implicit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
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
import org.metarec.algorithms.rec.implicit.ImplicitTransfer;
import org.metarec.algorithms.rec.data.UserContext;
import org.metarec.algorithms.rec.mapping.DomainFactors;
import org.metarec.algorithms.rec.mapping.Emcdr;
import org.metarec.algorithms.rec.mapping.MappingSettings;
import org.metarec.algorithms.rec.mapping.Ptupcdr;
import org.metarec.algorithms.rec.mapping.PtupcdrBridge;
import org.metarec.algorithms.rec.model.MatrixFactorization;
import org.metarec.algorithms.rec.model.NeuMF;
import org.metarec.algorithms.rec.model.RecModel;
import org.metarec.algorithms.rec.train.MetaLearning;
import org.metarec.algorithms.rec.train.TrialBudget;
import org.metarec.algorithms.train.MetaTrainer;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.nn.MLP;
import org.metarec.core.data.NegativeSampler;
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
            Selected selected = new Selected(run, r, budget);
            if (r.tuned()) {
                selected.offer(0, k -> ranker);   // one trial: its only setting is scored, as every method's are
            } else {
                run.splits.keySet().forEach(k -> selected.chosen.put(k, ranker));
            }
            return selected.trained();
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
            return pooledBpr(run, r, values, budget, new int[] {run.target}, model(run, r.dim()));
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
            return pooledBpr(run, r, values, budget, new int[] {run.source, run.target}, model(run, r.dim()));
        }

        @Override
        List<Tunable> readable() {
            return POOLED_SETTINGS;
        }
    },

    /**
     * NeuMF (He et al., WWW 2017: a GMF branch and an MLP tower over the user's and item's embeddings, fused linearly,
     * read as a logit) trained like pooled: BPR on both domains' training interactions, a cold user's embeddings learned
     * from its source interactions, the epoch chosen per K, then fine-tuned on the target support. The tower has
     * layers of width 2d and d (d = {@code model.embedding_dim}), the paper's halving tower ending at the GMF width.
     */
    NEUMF("neumf") {
        @Override
        Trained train(ImplicitRun run, Resources r, TunedValues values, TrialBudget budget) {
            return pooledBpr(run, r, values, budget, new int[] {run.source, run.target},
                    new NeuMF(run.data.interactions().itemCount(), r.dim(), new int[] {2 * r.dim(), r.dim()}, 0, 0.0));
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
    },

    /**
     * EMCDR (Man et al. 2017) on implicit feedback: BPR-MF factors of each domain on its own training interactions, an
     * MLP from a user's source factors to its target factors fitted on the users trained in both (squared distance), a
     * cold user starting from its mapped factors (K = 0: the mapping alone; K &gt; 0: then fine-tuned on its support,
     * as pooled's cold users are). The mapping's checkpoint is chosen per K. A drawn setting replaces the mapping's rate
     * and length and the fine-tuning rate; the factors are the config's, shared by every setting.
     */
    EMCDR("emcdr") {
        @Override
        Trained train(ImplicitRun run, Resources r, TunedValues values, TrialBudget budget) {
            DomainFactors source = factors(run, r, run.source);
            DomainFactors target = factors(run, r, run.target);
            int[] overlap = Emcdr.trainedInBoth(source, target,
                    IntStream.range(0, run.data.interactions().userCount()).toArray());
            MLP network = Emcdr.network(r.dim(), run.settings.mapping().hidden());
            double fineTuneLr = values.real(Tunable.FINE_TUNE_LR, run.settings.fineTuneLr());
            Selected selected = new Selected(run, r, budget);
            Emcdr.fitMapping(network, network.init(Rng.derive(run.seed, "implicit/emcdr/init")), source, target, overlap,
                    mapping(run, values), (step, params) -> {
                        selected.offer(step, k -> transferRanker(run, target, k, fineTuneLr,
                                user -> ImplicitTransfer.emcdrStart(network, params, source, target, user)));
                        return selected.canScore();
                    });
            return selected.trained();
        }

        @Override
        List<Tunable> readable() {
            return TRANSFER_SETTINGS;
        }
    },

    /**
     * PTUPCDR (Zhu et al. 2022) on implicit feedback: the same per-domain BPR-MF factors as emcdr; the personalised
     * bridge (characteristic encoder over the user's source items, meta network) trained on the overlap users' target
     * training interactions with {@code implicit.bridge_loss} (BPR, or BCE with {@code train_negatives} sampled
     * negatives), users drawn {@code meta.meta_batch} per Adam step; a cold user starts from its bridged factors (K = 0:
     * the bridge alone; K &gt; 0: then fine-tuned on its support). The bridge's checkpoint is chosen per K. A drawn
     * setting replaces the bridge's rate and length and the fine-tuning rate; the factors are the config's, as for emcdr.
     */
    PTUPCDR("ptupcdr") {
        @Override
        Trained train(ImplicitRun run, Resources r, TunedValues values, TrialBudget budget) {
            DomainFactors source = factors(run, r, run.source);
            DomainFactors target = factors(run, r, run.target);
            ImplicitSettings s = run.settings;
            PtupcdrBridge bridge = new PtupcdrBridge(r.dim(), s.mapping().hidden());
            ImplicitBatches batches = run.splits.values().iterator().next().training();
            Interactions x = run.data.interactions();
            NegativeSampler negatives = run.trainNegatives(run.target);
            List<Ptupcdr.UserLoss> users = new ArrayList<>();
            // Every user's source history, read once: the bridge's training and every checkpoint's cold starts use it.
            UserContext[] contexts = new UserContext[x.userCount()];
            for (int u = 0; u < x.userCount(); u++) {
                int[] rows = trainRowsOf(run, u, run.target);
                UserContext context = contexts[u] = sourceContext(run, u);
                if (rows.length > 0 && context.historyItems().length > 0 && target.trained(u)
                        && negatives.available(u) > 0) {
                    users.add(ImplicitTransfer.bridgeLoss(s.bridgeLoss(), bridge, source, target, context, batches, rows,
                            negatives, s.trainNegatives()));
                }
            }
            if (users.isEmpty()) {
                throw new IllegalArgumentException("ptupcdr: expected overlap users with source and target training "
                        + "interactions, found none");
            }
            double fineTuneLr = values.real(Tunable.FINE_TUNE_LR, s.fineTuneLr());
            Selected selected = new Selected(run, r, budget);
            Ptupcdr.fitBridge(bridge.init(Rng.derive(run.seed, "implicit/ptupcdr/init")), users, mapping(run, values),
                    r.pool(), Rng.derive(run.seed, "implicit/ptupcdr/users"), (step, params) -> {
                        selected.offer(step, k -> transferRanker(run, target, k, fineTuneLr,
                                user -> ImplicitTransfer.ptupcdrStart(bridge, params, source, target, contexts[user])));
                        return selected.canScore();
                    });
            return selected.trained();
        }

        @Override
        List<Tunable> readable() {
            return TRANSFER_SETTINGS;
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
     * The settings a transfer method's space may draw (emcdr, ptupcdr: their start, the per-domain factors trained with
     * the config's settings, is fixed).
     */
    private static final List<Tunable> TRANSFER_SETTINGS = List.of(Tunable.MAPPING_LR, Tunable.MAPPING_ITERATIONS,
            Tunable.FINE_TUNE_LR);

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
     * Pooled BPR of {@code model} over the training rows of {@code domains}, the epoch chosen per K; with a budget,
     * training stops after the last epoch it can score (the epochs before are the same bits, each epoch drawing from its
     * own stream). MF on both domains, trained whole, is the pooled model the meta-learners start from.
     */
    private static Trained pooledBpr(ImplicitRun run, Resources r, TunedValues values, TrialBudget budget, int[] domains,
                                     RecModel model) {
        ImplicitSplit any = run.splits.values().iterator().next();
        ImplicitSettings s = run.settings;
        BprTraining.Settings bpr = new BprTraining.Settings(values.integer(Tunable.POOLED_EPOCHS, s.bpr().epochs()),
                s.bpr().batchSize(), values.real(Tunable.POOLED_LR, s.bpr().lr()),
                values.real(Tunable.WEIGHT_DECAY, s.bpr().weightDecay()));
        double fineTuneLr = values.real(Tunable.FINE_TUNE_LR, s.fineTuneLr());
        int epochs = (int) Math.min(bpr.epochs(), budget.remaining());
        BprTraining.Settings run_ = new BprTraining.Settings(epochs, bpr.batchSize(), bpr.lr(), bpr.weightDecay());
        Selected selected = new Selected(run, r, budget);
        Params init = model.initPooled(Rng.derive(run.seed, "implicit/init"), run.data.interactions().userCount());
        Params last = BprTraining.train(model, init, any.training(), any.trainRows(domains), run::trainNegatives, run_,
                Rng.derive(run.seed, "implicit/bpr-order"), (epoch, params) -> selected.offer(epoch,
                        k -> pooledRanker(run, model, params, k, bpr.weightDecay(), fineTuneLr)));
        if (domains.length == 2 && model instanceof MatrixFactorization && epochs == bpr.epochs()) {
            // Only a whole training is the meta-learners' start (they look it up by its settings).
            run.pooled(bpr, () -> last);
        }
        return selected.trained();
    }

    private static ColdRanker pooledRanker(ImplicitRun run, RecModel model, Params params, int k, double weightDecay,
                                           double fineTuneLr) {
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
        Selected selected = new Selected(run, r, budget);
        for (int it = 0; it <= m.iterations(); it++) {
            boolean scored = it % m.validateEvery() == 0 || it == m.iterations();
            if (scored && !selected.canScore()) {
                break;   // the budget is spent: training on would make a checkpoint no one may score
            }
            if (it > 0) {
                trainer.step();
            }
            if (scored) {
                Params meta = trainer.meta().detach();
                selected.offer(it, k -> new MfRanker(model, learner.modelParams(meta), false, run.splits.get(k).adaptation(),
                        run.adaptNegatives(k), s.trainNegatives(), run.target,
                        (start, support) -> learner.adapt(meta, support, m.innerSteps())));
            }
        }
        return selected.trained();
    }

    /**
     * Domain {@code d}'s BPR-MF factors on its training rows alone (the full epoch budget, no selection), shared by
     * emcdr and ptupcdr.
     */
    private static DomainFactors factors(ImplicitRun run, Resources r, int d) {
        return run.factors(d, () -> {
            ImplicitSplit any = run.splits.values().iterator().next();
            MatrixFactorization model = model(run, r.dim());
            return ImplicitTransfer.factors(model, model.initPooled(Rng.derive(run.seed, "implicit/factors/init/" + d),
                    run.data.interactions().userCount()), any.training(), any.trainRows(d), run.trainNegatives(d),
                    run.settings.bpr(), Rng.derive(run.seed, "implicit/factors/order/" + d));
        });
    }

    /** A user's training rows in domain {@code d}. */
    private static int[] trainRowsOf(ImplicitRun run, int user, int d) {
        return Arrays.stream(run.data.interactions().rowsOf(user, d)).filter(row -> run.data.part(row) == SplitPart.TRAIN)
                .toArray();
    }

    /** A user's source training items, as PTUPCDR's bridge reads them. */
    private static UserContext sourceContext(ImplicitRun run, int user) {
        Interactions x = run.data.interactions();
        return ImplicitTransfer.context(user, run.target, Arrays.stream(trainRowsOf(run, user, run.source)).map(x::item)
                .toArray());
    }

    /** The mapping's (or the bridge's) settings with the drawn rate and length in place of the config's. */
    private static MappingSettings mapping(ImplicitRun run, TunedValues values) {
        MappingSettings m = run.settings.mapping();
        return new MappingSettings(m.hidden(), values.integer(Tunable.MAPPING_ITERATIONS, m.iterations()), m.usersPerStep(),
                values.real(Tunable.MAPPING_LR, m.lr()), m.validateEvery());
    }

    /**
     * A transfer network's ranker at K: every cold user starts from its transferred parameters ({@code startOf}, in
     * the cold-start form) and is fine-tuned on its support with rate {@code fineTuneLr}, like a pooled model's cold user.
     */
    private static ColdRanker transferRanker(ImplicitRun run, DomainFactors target, int k, double fineTuneLr,
                                             IntFunction<Params> startOf) {
        ImplicitSettings s = run.settings;
        MatrixFactorization model = target.model();
        return new MfRanker(model, startOf, run.splits.get(k).adaptation(), run.adaptNegatives(k), s.trainNegatives(),
                run.target, MfRanker.fineTuning(model, s.bpr().weightDecay(), s.fineTuneSteps(), fineTuneLr));
    }

    /**
     * The per-K choice among a method's checkpoints (epochs, meta-iterations, mapping steps): each checkpoint's ranker
     * at every K is scored by validation MRR and logged, spending one trial of the budget, and the best of each K is
     * kept (the earliest among ties).
     */
    private static final class Selected {
        final Map<Integer, ColdRanker> chosen = new LinkedHashMap<>();
        private final Map<Integer, Double> best = new LinkedHashMap<>();
        private final Map<Integer, Integer> chosenAt = new LinkedHashMap<>();
        private final Map<Integer, List<Double>> mrr = new LinkedHashMap<>();
        private final List<Long> steps = new ArrayList<>();
        private final ImplicitRun run;
        private final Resources r;
        private final TrialBudget budget;

        Selected(ImplicitRun run, Resources r, TrialBudget budget) {
            this.run = run;
            this.r = r;
            this.budget = budget;
        }

        /** Whether another checkpoint may be scored. */
        boolean canScore() {
            return budget.canScore();
        }

        /** Scores the checkpoint at {@code step} (one trial): the ranker of each K, its validation MRR. */
        void offer(long step, IntFunction<ColdRanker> rankerAt) {
            budget.spend();
            steps.add(step);
            for (int k : run.splits.keySet()) {
                ColdRanker ranker = rankerAt.apply(k);
                double m = run.validationMrr(k, ranker);
                r.log().scored(k, step, m);
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

    /** Meta-training tasks of warm target users; every random choice from the task's own stream. */
    private static MetaTrainer.TaskSource<RatingBatch> taskSource(ImplicitRun run, ImplicitSplit split) {
        Interactions x = run.data.interactions();
        ImplicitSettings s = run.settings;
        int[] warm = Arrays.stream(x.usersIn(run.target)).filter(u -> trainRowsOf(run, u, run.target).length >= 2).toArray();
        if (warm.length == 0) {
            throw new IllegalArgumentException("implicit meta-training: expected target users with at least two training "
                    + "interactions, found none");
        }
        ImplicitBatches batches = split.training();
        NegativeSampler negatives = run.trainNegatives(run.target);
        return rng -> {
            int user = warm[rng.nextInt(warm.length)];
            int[] rows = trainRowsOf(run, user, run.target);
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
