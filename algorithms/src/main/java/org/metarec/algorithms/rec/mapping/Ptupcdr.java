package org.metarec.algorithms.rec.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.metarec.algorithms.optim.Adam;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.ColdStartRecommender;
import org.metarec.algorithms.rec.GradientRecommender;
import org.metarec.algorithms.rec.TaskEvaluator;
import org.metarec.algorithms.rec.data.UserContext;
import org.metarec.algorithms.rec.model.MatrixFactorization;
import org.metarec.algorithms.rec.model.RatingLoss;
import org.metarec.algorithms.rec.train.BestSoFar;
import org.metarec.algorithms.rec.train.FineTuning;
import org.metarec.algorithms.rec.train.Selection;
import org.metarec.algorithms.rec.train.TrainingContext;
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

    /** One user of a step of {@link #fitBridge}: the drawn user's loss and its draw number. */
    private record Pick(UserLoss user, long draw) {}

    private Ptupcdr() {
    }

    /**
     * Trains the bridge and selects on validation users.
     *
     * @param source the source factors
     * @param target the target factors
     * @param users the training users: each one's context (history in the source domains) and target rows
     * @param mapping the networks' width, Adam steps, users per step, rate and validation interval
     * @param fineTune fine-tuning of the transferred factors on the support set
     * @param weightDecay the target factorisation's penalty weight, in the fine-tuning loss
     * @param data the interactions (the items and ratings of the target rows)
     * @param ctx stream {@code mapping} (forks {@code init}, the initial weights, and {@code users}, the user
     *     draws), the pool that runs users and validation tasks, the validation users
     * @return the chosen recommender
     */
    public static Result train(DomainFactors source, DomainFactors target, TrainingUsers users,
            MappingSettings mapping, FineTuning fineTune, double weightDecay, Interactions data, TrainingContext ctx) {
        List<UserContext> contexts = users.contexts();
        List<int[]> targetRows = users.targetRows();
        TaskPool pool = ctx.pool();
        Rng rng = ctx.rng("mapping");
        PtupcdrBridge bridge = new PtupcdrBridge(source.model().dim(), mapping.hidden());
        double meanBias = meanBias(target);
        List<UserLoss> losses = new ArrayList<>();
        for (int k = 0; k < contexts.size(); k++) {
            UserContext user = contexts.get(k);
            if (user.historyItems().length == 0 || targetRows.get(k).length == 0) {
                continue;
            }
            int[] rows = targetRows.get(k);
            int[] items = new int[rows.length];
            double[] y = new double[rows.length];
            for (int j = 0; j < rows.length; j++) {
                items[j] = data.item(rows[j]);
                y[j] = data.rating(rows[j]);
            }
            PtupcdrBridge.Input in = input(bridge, source, target, user, items, meanBias);
            Tensor ratings = Tensor.column(y);
            losses.add((p, draw) -> Ops.mse(bridge.apply(p, in), ratings));
        }
        if (losses.isEmpty()) {
            throw new IllegalArgumentException("PTUPCDR: expected training users with a source history and target "
                    + "ratings, found none");
        }
        Candidates candidates = new Candidates(bridge, source, target, meanBias, fineTune, weightDecay, ctx);
        BestSoFar<ColdStartRecommender> best = BestSoFar.preferLatestWhenUnscored(ctx.trials());
        fitBridge(bridge.init(rng.fork("init")), losses, mapping, pool, rng.fork("users"), (step, params) -> {
            candidates.offer(best, step, params);
            return best.canScore();
        });
        return new Result(best.value(), best.selection());
    }

    /** One training user's loss as a function of the bridge's parameters. */
    @FunctionalInterface
    public interface UserLoss {
        /**
         * The loss.
         *
         * @param params the bridge's parameters
         * @param draw a number unique to this use of the user (step and place in the minibatch), for any sampling the
         *     loss does, so that it depends on neither the thread nor the order of evaluation
         * @return a scalar
         */
        Tensor apply(Params params, long draw);
    }

    /**
     * The task-oriented training of the bridge: each Adam step averages the gradients of {@code usersPerStep} users
     * drawn with replacement from {@code draws} (user {@code b} of step {@code t} gets draw number
     * {@code (t - 1) * usersPerStep + b}), the users run on {@code pool}.
     *
     * @param init the bridge's initial parameters
     * @param users the training users' losses, at least one
     * @param mapping Adam steps, users per step, rate and the checkpoint interval
     * @param pool runs the users of a step
     * @param draws the stream of the user draws
     * @param checkpoint called at step 0, every {@code validateEvery} steps and at the last; training stops when it
     *     returns false
     * @return the parameters after the last step taken
     */
    public static Params fitBridge(Params init, List<UserLoss> users, MappingSettings mapping, TaskPool pool, Rng draws,
            Checkpoint checkpoint) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("PTUPCDR: expected at least one training user, found none");
        }
        int usersPerStep = mapping.usersPerStep();
        Params params = init;
        Adam adam = new Adam(mapping.lr());
        boolean going = checkpoint.offer(0, params.detach());
        for (int it = 1; it <= mapping.iterations() && going; it++) {
            List<Pick> batch = new ArrayList<>(usersPerStep);
            for (int b = 0; b < usersPerStep; b++) {
                batch.add(new Pick(users.get(draws.nextInt(users.size())), (long) (it - 1) * usersPerStep + b));
            }
            Params at = params;
            List<Params> grads = pool.map(batch, pick -> at.withValues(Autodiff.grad(
                    pick.user().apply(at, pick.draw()), at.tensors(), false, true)));
            params = adam.step(params, mean(params, grads));
            if (it % mapping.validateEvery() == 0 || it == mapping.iterations()) {
                going = checkpoint.offer(it, params.detach());
            }
        }
        return params.detach();
    }

    /**
     * The bias of the average trained target user, the level a transferred bias is added to.
     *
     * @param target the target factors
     * @return the mean user bias
     */
    public static double meanBias(DomainFactors target) {
        return target.userFactors(-1, new int[0], new double[0])[target.model().dim()];
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

    /**
     * PTUPCDR's training users.
     *
     * @param contexts each training user's context (their history in the source domains)
     * @param targetRows each training user's target training rows, in the same order
     */
    public record TrainingUsers(List<UserContext> contexts, List<int[]> targetRows) {
        /** Requires one row list per context. */
        public TrainingUsers {
            if (contexts.size() != targetRows.size()) {
                throw new IllegalArgumentException("PTUPCDR: expected one list of target rows per user, found "
                        + targetRows.size() + " for " + contexts.size() + " users");
            }
            contexts = List.copyOf(contexts);
            targetRows = List.copyOf(targetRows);
        }
    }

    /** Scores a checkpoint of the bridge with every fine-tuning rate on the validation users. */
    private record Candidates(PtupcdrBridge bridge, DomainFactors source, DomainFactors target, double meanBias,
            FineTuning fineTune, double weightDecay, TrainingContext ctx) {
        void offer(BestSoFar<ColdStartRecommender> best, long step, Params params) {
            Params fixed = params.detach();
            TaskEvaluator validation = ctx.validation();
            for (double lr : validation.scorable(fineTune.lrs())) {
                if (!best.canScore()) {
                    return;   // the trial budget is spent
                }
                ColdStartRecommender rec = new GradientRecommender("ptupcdr", target.model(),
                        user -> target.coldStart(transfer(bridge, fixed, source, target, user, meanBias)),
                        GradientRecommender.sgd(RatingLoss.of(target.model(), weightDecay),
                                target.model().localParams(), lr, fineTune.steps()));
                best.offer(step, String.format(Locale.ROOT, "fineTuneLr=%g", lr), validation.meanRmse(rec, ctx.pool()),
                        rec);
            }
        }
    }

    /**
     * The user's target factors {@code [u_t, b_t]}: transferred when they have a source history, else the average.
     *
     * @param bridge the bridge
     * @param params its parameters
     * @param source the source factors (item vectors of the history, the user's source factors)
     * @param target the target factors
     * @param user the user and their source history
     * @param meanBias the target's mean user bias ({@link #meanBias})
     * @return a new array of length d + 1
     */
    public static double[] transfer(PtupcdrBridge bridge, Params params, DomainFactors source, DomainFactors target,
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

    /**
     * The bridge's input for a user and target items: the source item vectors of the user's history, the user's source
     * factors, the target item vectors and the offsets {@code mu_t + b_i + meanBias}.
     *
     * @param bridge the bridge
     * @param source the source factors
     * @param target the target factors
     * @param user the user, with a source history of at least one item
     * @param targetItems the target items to predict (none: one zero row)
     * @param meanBias the target's mean user bias
     * @return the input
     */
    public static PtupcdrBridge.Input input(PtupcdrBridge bridge, DomainFactors source, DomainFactors target,
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
