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
import org.metarec.algorithms.rec.mapping.Ptupcdr;
import org.metarec.algorithms.rec.mapping.PtupcdrBridge;
import org.metarec.algorithms.rec.model.MatrixFactorization;
import org.metarec.algorithms.rec.model.NeuMF;
import org.metarec.algorithms.rec.model.RecModel;
import org.metarec.algorithms.rec.train.MetaLearning;
import org.metarec.algorithms.train.MetaTrainer;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.nn.MLP;
import org.metarec.core.data.NegativeSampler;
import org.metarec.core.data.Interactions;
import org.metarec.core.data.SplitPart;
import org.metarec.core.random.Rng;

/**
 * The methods of the {@code implicit} kind. Each trains once per seed and keeps, for every K, the state with the best
 * validation MRR at that K (selection on the validation file only, scored on the pairs that are not support).
 */
enum ImplicitMethod {

    /** Items by their number of target training interactions, the same list for everyone. */
    POPULARITY("popularity") {
        @Override
        Map<Integer, ColdRanker> train(ImplicitRun run, Resources r) {
            Interactions x = run.data.interactions();
            double[] count = new double[x.itemCount()];
            for (int row : run.splits.values().iterator().next().trainRows(run.target)) {
                count[x.item(row)]++;
            }
            ColdRanker ranker = (user, support) -> (u, items) -> Arrays.stream(items).mapToDouble(i -> count[i]).toArray();
            Map<Integer, ColdRanker> out = new LinkedHashMap<>();
            run.splits.keySet().forEach(k -> out.put(k, ranker));
            return out;
        }
    },

    /** BPR-MF on the target's training interactions only; a cold user has an untrained row, fine-tuned on its support. */
    BPR_MF("bpr_mf") {
        @Override
        Map<Integer, ColdRanker> train(ImplicitRun run, Resources r) {
            return pooledBpr(run, r, new int[] {run.target}, model(run, r.dim()));
        }
    },

    /**
     * BPR-MF on both domains' training interactions, an overlapping user's one embedding shared by its two domains
     * (a cold user's row is learned from its source interactions), then fine-tuned on the target support.
     */
    POOLED("pooled") {
        @Override
        Map<Integer, ColdRanker> train(ImplicitRun run, Resources r) {
            return pooledBpr(run, r, new int[] {run.source, run.target}, model(run, r.dim()));
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
        Map<Integer, ColdRanker> train(ImplicitRun run, Resources r) {
            return pooledBpr(run, r, new int[] {run.source, run.target},
                    new NeuMF(run.data.interactions().itemCount(), r.dim(), new int[] {2 * r.dim(), r.dim()}, 0, 0.0));
        }
    },

    /** MAML (Finn et al. 2017) on MF, from the pooled model's item parameters. */
    MAML("maml") {
        @Override
        Map<Integer, ColdRanker> train(ImplicitRun run, Resources r) {
            return meta(run, r, MetaMethod.MAML);
        }
    },

    /** First-order MAML on MF. */
    FOMAML("fomaml") {
        @Override
        Map<Integer, ColdRanker> train(ImplicitRun run, Resources r) {
            return meta(run, r, MetaMethod.FOMAML);
        }
    },

    /** Reptile (Nichol et al. 2018) on MF. */
    REPTILE("reptile") {
        @Override
        Map<Integer, ColdRanker> train(ImplicitRun run, Resources r) {
            return meta(run, r, MetaMethod.REPTILE);
        }
    },

    /**
     * EMCDR (Man et al. 2017) on implicit feedback: BPR-MF factors of each domain on its own training interactions, an
     * MLP from a user's source factors to its target factors fitted on the users trained in both (squared distance), a
     * cold user starting from its mapped factors (K = 0: the mapping alone; K &gt; 0: then fine-tuned on its support,
     * as pooled's cold users are). The mapping's checkpoint is chosen per K.
     */
    EMCDR("emcdr") {
        @Override
        Map<Integer, ColdRanker> train(ImplicitRun run, Resources r) {
            DomainFactors source = factors(run, r, run.source);
            DomainFactors target = factors(run, r, run.target);
            int[] overlap = Emcdr.trainedInBoth(source, target,
                    IntStream.range(0, run.data.interactions().userCount()).toArray());
            MLP network = Emcdr.network(r.dim(), run.settings.mapping().hidden());
            Selected selected = new Selected(run, r);
            Emcdr.fitMapping(network, network.init(Rng.derive(run.seed, "implicit/emcdr/init")), source, target, overlap,
                    run.settings.mapping(), (step, params) -> {
                        selected.offer(step, k -> transferRanker(run, target, k, user -> ImplicitTransfer.emcdrStart(
                                network, params, source, target, user)));
                        return true;
                    });
            return selected.chosen;
        }
    },

    /**
     * PTUPCDR (Zhu et al. 2022) on implicit feedback: the same per-domain BPR-MF factors as emcdr; the personalised
     * bridge (characteristic encoder over the user's source items, meta network) trained on the overlap users' target
     * training interactions with {@code implicit.bridge_loss} (BPR, or BCE with {@code train_negatives} sampled
     * negatives), users drawn {@code meta.meta_batch} per Adam step; a cold user starts from its bridged factors (K = 0:
     * the bridge alone; K &gt; 0: then fine-tuned on its support). The bridge's checkpoint is chosen per K.
     */
    PTUPCDR("ptupcdr") {
        @Override
        Map<Integer, ColdRanker> train(ImplicitRun run, Resources r) {
            DomainFactors source = factors(run, r, run.source);
            DomainFactors target = factors(run, r, run.target);
            ImplicitSettings s = run.settings;
            PtupcdrBridge bridge = new PtupcdrBridge(r.dim(), s.mapping().hidden());
            ImplicitBatches batches = run.splits.values().iterator().next().training();
            Interactions x = run.data.interactions();
            List<Ptupcdr.UserLoss> users = new ArrayList<>();
            // Every user's source history, read once: the bridge's training and every checkpoint's cold starts use it.
            UserContext[] contexts = new UserContext[x.userCount()];
            for (int u = 0; u < x.userCount(); u++) {
                int[] rows = trainRowsOf(run, u, run.target);
                UserContext context = contexts[u] = sourceContext(run, u);
                if (rows.length > 0 && context.historyItems().length > 0 && target.trained(u)
                        && run.trainNegatives(run.target).available(u) > 0) {
                    users.add(ImplicitTransfer.bridgeLoss(s.bridgeLoss(), bridge, source, target, context, batches, rows,
                            run.trainNegatives(run.target), s.trainNegatives()));
                }
            }
            if (users.isEmpty()) {
                throw new IllegalArgumentException("ptupcdr: expected overlap users with source and target training "
                        + "interactions, found none");
            }
            Selected selected = new Selected(run, r);
            Ptupcdr.fitBridge(bridge.init(Rng.derive(run.seed, "implicit/ptupcdr/init")), users, s.mapping(), r.pool(),
                    Rng.derive(run.seed, "implicit/ptupcdr/users"), (step, params) -> {
                        selected.offer(step, k -> transferRanker(run, target, k, user -> ImplicitTransfer.ptupcdrStart(
                                bridge, params, source, target, contexts[user])));
                        return true;
                    });
            return selected.chosen;
        }
    };

    private final String configName;

    ImplicitMethod(String configName) {
        this.configName = configName;
    }

    /** What a method's training may use besides the run: the model size, meta-settings and the threads. */
    record Resources(int dim, MetaLearning.Settings meta, TaskPool pool, ValidationLog log) {
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

    /** Trains and returns, per K of the run, the chosen ranker. */
    abstract Map<Integer, ColdRanker> train(ImplicitRun run, Resources r);

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
     * Pooled BPR of {@code model} over the training rows of {@code domains}, the epoch chosen per K; MF on both domains
     * is the pooled model the meta-learners start from.
     */
    private static Map<Integer, ColdRanker> pooledBpr(ImplicitRun run, Resources r, int[] domains, RecModel model) {
        ImplicitSplit any = run.splits.values().iterator().next();
        ImplicitSettings s = run.settings;
        Selected selected = new Selected(run, r);
        Params init = model.initPooled(Rng.derive(run.seed, "implicit/init"), run.data.interactions().userCount());
        Params last = BprTraining.train(model, init, any.training(), any.trainRows(domains), run::trainNegatives, s.bpr(),
                Rng.derive(run.seed, "implicit/bpr-order"), (epoch, params) ->
                        selected.offer(epoch, k -> pooledRanker(run, model, params, k)));
        if (domains.length == 2 && model instanceof MatrixFactorization) {
            run.pooled(() -> last);
        }
        return selected.chosen;
    }

    private static ColdRanker pooledRanker(ImplicitRun run, RecModel model, Params params, int k) {
        ImplicitSettings s = run.settings;
        return new MfRanker(model, params, true, run.splits.get(k).adaptation(), run.adaptNegatives(k), s.trainNegatives(),
                run.target, MfRanker.fineTuning(model, s.bpr().weightDecay(), s.fineTuneSteps(), s.fineTuneLr()));
    }

    /**
     * A meta-learner on MF: tasks are warm target users (support {@code trainSupport} of their training rows, query up
     * to {@code trainQuery} others, each positive with sampled negatives), the meta-parameters start from pooled BPR
     * (both domains, the full budget) with the user row at the mean of the pooled users' rows.
     */
    private static Map<Integer, ColdRanker> meta(ImplicitRun run, Resources r, MetaMethod method) {
        ImplicitSettings s = run.settings;
        ImplicitSplit any = run.splits.values().iterator().next();
        MatrixFactorization model = model(run, r.dim());
        Params pooled = run.pooled(() -> BprTraining.train(model, model.initPooled(Rng.derive(run.seed, "implicit/init"),
                        run.data.interactions().userCount()), any.training(), any.trainRows(run.source, run.target),
                run::trainNegatives, s.bpr(), Rng.derive(run.seed, "implicit/bpr-order"), null));
        Params init = pooled.detach();
        for (String name : model.userTables()) {
            Tensor table = init.get(name);
            init = init.with(name, Ops.sumRows(table).mul(1.0 / table.rows()).detach());
        }
        init = init.asVariables();
        var loss = ImplicitLoss.bce(model, s.bpr().weightDecay());
        MetaLearning.Settings m = r.meta();
        MetaLearner<RatingBatch> learner = MetaLearning.learner(method, model, loss, m.innerLr(), m.innerSteps());
        MetaTrainer<RatingBatch> trainer = new MetaTrainer<>(learner, new Adam(m.metaLr()), taskSource(run, any),
                r.pool(), m.metaBatch(), m.clipNorm(), learner.initMeta(init), Rng.derive(run.seed, "implicit/tasks"));
        Selected selected = new Selected(run, r);
        for (int it = 0; it <= m.iterations(); it++) {
            if (it > 0) {
                trainer.step();
            }
            if (it % m.validateEvery() == 0 || it == m.iterations()) {
                Params meta = trainer.meta().detach();
                selected.offer(it, k -> new MfRanker(model, learner.modelParams(meta), false, run.splits.get(k).adaptation(),
                        run.adaptNegatives(k), s.trainNegatives(), run.target,
                        (start, support) -> learner.adapt(meta, support, m.innerSteps())));
            }
        }
        return selected.chosen;
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

    /**
     * A transfer network's ranker at K: every cold user starts from its transferred parameters ({@code startOf}, in
     * the cold-start form) and is fine-tuned on its support like a pooled model's cold user.
     */
    private static ColdRanker transferRanker(ImplicitRun run, DomainFactors target, int k, IntFunction<Params> startOf) {
        ImplicitSettings s = run.settings;
        MatrixFactorization model = target.model();
        return new MfRanker(model, startOf, run.splits.get(k).adaptation(), run.adaptNegatives(k), s.trainNegatives(),
                run.target, MfRanker.fineTuning(model, s.bpr().weightDecay(), s.fineTuneSteps(), s.fineTuneLr()));
    }

    /**
     * The per-K choice among a method's checkpoints (epochs, meta-iterations, mapping steps): each checkpoint's ranker
     * at every K is scored by validation MRR and logged, and the best of each K is kept (the earliest among ties).
     */
    private static final class Selected {
        final Map<Integer, ColdRanker> chosen = new LinkedHashMap<>();
        private final Map<Integer, Double> best = new LinkedHashMap<>();
        private final ImplicitRun run;
        private final Resources r;

        Selected(ImplicitRun run, Resources r) {
            this.run = run;
            this.r = r;
        }

        void offer(long step, IntFunction<ColdRanker> rankerAt) {
            for (int k : run.splits.keySet()) {
                ColdRanker ranker = rankerAt.apply(k);
                double mrr = run.validationMrr(k, ranker);
                r.log().scored(k, step, mrr);
                if (!best.containsKey(k) || mrr > best.get(k)) {
                    best.put(k, mrr);
                    chosen.put(k, ranker);
                }
            }
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
