package org.metarec.algorithms.rec.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.optim.Adam;
import org.metarec.algorithms.rec.ColdStartRecommender;
import org.metarec.algorithms.rec.GradientRecommender;
import org.metarec.algorithms.rec.TaskEvaluator;
import org.metarec.algorithms.rec.data.UserContext;
import org.metarec.algorithms.rec.model.MatrixFactorization;
import org.metarec.algorithms.rec.model.RatingLoss;
import org.metarec.algorithms.rec.train.BestSoFar;
import org.metarec.algorithms.rec.train.Selection;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.GradMode;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.core.data.Interactions;
import org.metarec.core.random.Rng;

/**
 * PTUPCDR-style transfer (Zhu et al., WSDM 2022): the {@link PtupcdrBridge} is trained "task-oriented",
 * on the target ratings of the overlap training users (minibatches of users, Adam, the target and source
 * factorisations fixed), and gives a cold-start user their transferred factors, then fine-tuned on the
 * K support ratings at a rate chosen on the validation users (0 = the paper's pure transfer).
 */
public final class Ptupcdr {

    /**
     * The outcome.
     *
     * @param recommender the chosen recommender
     * @param selection the validation history (step = meta-network iteration)
     */
    public record Result(ColdStartRecommender recommender, Selection selection) {}

    /** One training user: the bridge's input over their target training rows, and the ratings. */
    private record Example(PtupcdrBridge.Input input, Tensor ratings) {}

    private Ptupcdr() {
    }

    /**
     * Trains the bridge and selects on validation users.
     *
     * @param source the source factors
     * @param target the target factors
     * @param users training users with source history and target training rows
     * @param contexts each training user's context (their history in the source domains)
     * @param targetRows each training user's target training rows
     * @param hidden the networks' hidden width
     * @param iterations Adam steps
     * @param usersPerStep users per step
     * @param lr Adam's rate
     * @param validateEvery steps between validation scorings
     * @param fineTuneSteps SGD steps on the support set
     * @param fineTuneLrs candidate fine-tuning rates
     * @param weightDecay the target factorisation's penalty weight, in the fine-tuning loss
     * @param data the interactions (the items and ratings of the target rows)
     * @param rng the stream of initial weights ({@code init}) and user draws ({@code users})
     * @param pool runs users and validation tasks in parallel
     * @param validation scores checkpoints on validation users
     * @return the chosen recommender
     */
    public static Result train(DomainFactors source, DomainFactors target, int[] users, List<UserContext> contexts,
            List<int[]> targetRows, int hidden, int iterations, int usersPerStep, double lr, int validateEvery,
            int fineTuneSteps, double[] fineTuneLrs, double weightDecay, Interactions data, Rng rng, TaskPool pool,
            TaskEvaluator validation) {
        PtupcdrBridge bridge = new PtupcdrBridge(source.model().dim(), hidden);
        double meanBias = target.userFactors(-1, new int[0], new double[0])[bridge.dim()];
        List<Example> examples = new ArrayList<>();
        for (int k = 0; k < users.length; k++) {
            UserContext ctx = contexts.get(k);
            if (ctx.historyItems().length == 0 || targetRows.get(k).length == 0) {
                continue;
            }
            int[] rows = targetRows.get(k);
            int[] items = new int[rows.length];
            double[] y = new double[rows.length];
            for (int j = 0; j < rows.length; j++) {
                items[j] = data.item(rows[j]);
                y[j] = data.rating(rows[j]);
            }
            examples.add(new Example(input(bridge, source, target, ctx, items, meanBias),
                    Tensor.column(y)));
        }
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("PTUPCDR: expected training users with a source history and target "
                    + "ratings, found none");
        }
        Params params = bridge.init(rng.fork("init"));
        Rng draws = rng.fork("users");
        Adam adam = new Adam(lr);
        BestSoFar<ColdStartRecommender> best = BestSoFar.preferLatestWhenUnscored();
        offer(best, 0, bridge, params, source, target, meanBias, fineTuneSteps, fineTuneLrs, weightDecay, pool,
                validation);
        for (int it = 1; it <= iterations; it++) {
            List<Example> batch = new ArrayList<>(usersPerStep);
            for (int b = 0; b < usersPerStep; b++) {
                batch.add(examples.get(draws.nextInt(examples.size())));
            }
            Params at = params;
            List<Params> grads = pool.map(batch, ex -> at.withValues(Autodiff.grad(
                    Ops.mse(bridge.apply(at, ex.input()), ex.ratings()), at.tensors(), false, true)));
            params = adam.step(params, mean(params, grads));
            if (it % validateEvery == 0 || it == iterations) {
                offer(best, it, bridge, params, source, target, meanBias, fineTuneSteps, fineTuneLrs, weightDecay, pool,
                        validation);
            }
        }
        return new Result(best.value(), best.selection());
    }

    private static Params mean(Params like, List<Params> grads) {
        List<Tensor> out = new ArrayList<>();
        for (String name : like.names()) {
            Tensor t = like.get(name);
            DMatrixRMaj sum = new DMatrixRMaj(t.rows(), t.cols());
            for (Params g : grads) {
                double[] x = g.get(name).data().data;
                for (int e = 0; e < t.size(); e++) {
                    sum.data[e] += x[e] / grads.size();
                }
            }
            out.add(Tensor.constant(sum));
        }
        return like.withValues(out);
    }

    private static void offer(BestSoFar<ColdStartRecommender> best, long step, PtupcdrBridge bridge, Params params,
            DomainFactors source, DomainFactors target, double meanBias, int fineTuneSteps, double[] fineTuneLrs,
            double weightDecay, TaskPool pool, TaskEvaluator validation) {
        Params fixed = params.detach();
        for (double lr : validation.scorable(fineTuneLrs)) {
            ColdStartRecommender rec = new GradientRecommender("ptupcdr", target.model(),
                    user -> target.coldStart(transfer(bridge, fixed, source, target, user, meanBias)),
                    GradientRecommender.sgd(RatingLoss.of(target.model(), weightDecay),
                            target.model().localParams(), lr, fineTuneSteps));
            best.offer(step, String.format(Locale.ROOT, "fineTuneLr=%g", lr), validation.meanRmse(rec, pool), rec);
        }
    }

    /** The user's target factors {@code [u_t, b_t]}: transferred when they have a source history, else the average. */
    static double[] transfer(PtupcdrBridge bridge, Params params, DomainFactors source, DomainFactors target,
            UserContext user, double meanBias) {
        if (user.historyItems().length == 0) {
            return target.userFactors(-1, new int[0], new double[0]);
        }
        PtupcdrBridge.Input in = input(bridge, source, target, user, new int[0], meanBias);
        try (GradMode.Scope s = GradMode.noGrad()) {
            double[] t = bridge.transfer(params, in.history(), in.sourceVector(), in.sourceBias()).toArray();
            t[bridge.dim()] += meanBias;
            return t;
        }
    }

    private static PtupcdrBridge.Input input(PtupcdrBridge bridge, DomainFactors source, DomainFactors target,
            UserContext user, int[] targetItems, double meanBias) {
        int d = bridge.dim();
        int[] hist = user.historyItems();
        Tensor history = Ops.gatherRows(source.params().get(MatrixFactorization.ITEM_VEC), hist);
        double[] us = source.userFactors(user.user(), hist, user.historyRatings());
        Tensor sourceVector = Tensor.constant(DMatrixRMaj.wrap(1, d, java.util.Arrays.copyOf(us, d)));
        Params tp = target.params();
        double mu = tp.get(MatrixFactorization.MU).item();
        double[] bi = tp.get(MatrixFactorization.ITEM_BIAS).data().data;
        double[] offsets = new double[Math.max(targetItems.length, 1)];
        for (int j = 0; j < targetItems.length; j++) {
            offsets[j] = mu + bi[targetItems[j]] + meanBias;
        }
        Tensor items = targetItems.length == 0 ? Tensor.zeros(1, d)
                : Ops.gatherRows(tp.get(MatrixFactorization.ITEM_VEC), targetItems);
        return new PtupcdrBridge.Input(history, sourceVector, Tensor.scalar(us[d]), items, Tensor.column(offsets));
    }
}
