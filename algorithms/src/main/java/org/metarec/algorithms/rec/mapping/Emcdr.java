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
import org.metarec.autodiff.nn.Activation;
import org.metarec.autodiff.nn.MLP;
import org.metarec.core.random.Rng;

/**
 * EMCDR (Man, Shen, Jin and Cheng, "Cross-Domain Recommendation: An Embedding and Mapping
 * Approach", IJCAI 2017): factorise the source and the target domain separately, learn an MLP that
 * maps a user's source factors to their target factors on the overlap users, and give a cold-start
 * user the mapped factors of their source factors. Here the factors include the user bias, the
 * mapping is {@code [d+1] -> tanh(hidden) -> [d+1]} trained by Adam on the mean squared mapping error
 * (the paper's MLP variant), and, when the user has K support ratings, the mapped factors are then
 * fine-tuned on them (a rate chosen on the validation users, 0 = the paper's pure mapping).
 */
public final class Emcdr {

    /**
     * The outcome.
     *
     * @param recommender the chosen recommender
     * @param selection the validation history (step = mapping iteration)
     */
    public record Result(ColdStartRecommender recommender, Selection selection) {}

    private Emcdr() {
    }

    /**
     * Learns the mapping and selects on validation users.
     *
     * @param source the source-domain factors
     * @param target the target-domain factors
     * @param overlap users trained in both (the mapping's training pairs), at least one
     * @param mapping the mapping's width, Adam steps (full batch), rate and validation interval
     * @param fineTune fine-tuning of the mapped factors on the support set
     * @param weightDecay the target factorisation's penalty weight, in the fine-tuning loss
     * @param ctx stream {@code mapping} (the mapping's initial weights), the pool and the validation users
     * @return the chosen recommender
     */
    public static Result train(DomainFactors source, DomainFactors target, int[] overlap, MappingSettings mapping,
            FineTuning fineTune, double weightDecay, TrainingContext ctx) {
        MLP network = network(source.model().dim(), mapping.hidden());
        Candidates candidates = new Candidates(network, source, target, fineTune, weightDecay, ctx);
        BestSoFar<ColdStartRecommender> best = BestSoFar.preferLatestWhenUnscored(ctx.trials());
        fitMapping(network, network.init(ctx.rng("mapping")), source, target, overlap, mapping, (step, params) -> {
            candidates.offer(best, step, params);
            return best.canScore();
        });
        return new Result(best.value(), best.selection());
    }

    /**
     * The mapping network {@code [d+1] -> tanh(hidden) -> [d+1]} of factors {@code [p, b]}.
     *
     * @param dim the latent dimension d of both factorisations
     * @param hidden the hidden width
     * @return the network (parameter prefix {@code map.})
     */
    public static MLP network(int dim, int hidden) {
        return new MLP("map.", new int[] {dim + 1, hidden, dim + 1}, Activation.TANH);
    }

    /**
     * Fits the mapping by full-batch Adam on the mean squared error between the mapped source factors and the target
     * factors of the overlap users; the factorisations stay fixed, whatever loss fitted them (ratings, implicit
     * feedback).
     *
     * @param network the mapping network ({@link #network})
     * @param init its initial parameters
     * @param source the source factors
     * @param target the target factors
     * @param overlap users trained in both, at least one
     * @param mapping Adam steps, rate and the checkpoint interval (hidden width and users per step unused)
     * @param checkpoint called at step 0, every {@code validateEvery} steps and at the last; training stops when it
     *     returns false
     * @return the parameters after the last step taken
     */
    public static Params fitMapping(MLP network, Params init, DomainFactors source, DomainFactors target, int[] overlap,
            MappingSettings mapping, Checkpoint checkpoint) {
        if (overlap.length == 0) {
            throw new IllegalArgumentException("EMCDR: expected at least one overlap user trained in both domains, "
                    + "found none");
        }
        int d1 = source.model().dim() + 1;
        if (target.model().dim() + 1 != d1) {
            throw new IllegalArgumentException("EMCDR: expected equal latent dimensions, found " + (d1 - 1) + " and "
                    + target.model().dim());
        }
        double[] x = new double[overlap.length * d1];
        double[] y = new double[overlap.length * d1];
        for (int k = 0; k < overlap.length; k++) {
            System.arraycopy(source.userFactors(overlap[k], new int[0], new double[0]), 0, x, k * d1, d1);
            System.arraycopy(target.userFactors(overlap[k], new int[0], new double[0]), 0, y, k * d1, d1);
        }
        Tensor xs = Tensor.constant(DMatrixRMaj.wrap(overlap.length, d1, x));
        Tensor ys = Tensor.constant(DMatrixRMaj.wrap(overlap.length, d1, y));
        Params params = init;
        Adam adam = new Adam(mapping.lr());
        boolean going = checkpoint.offer(0, params.detach());
        for (int it = 1; it <= mapping.iterations() && going; it++) {
            Tensor loss = Ops.mse(network.apply(params, xs), ys);
            params = adam.step(params, Autodiff.grad(loss, params, false));
            if (it % mapping.validateEvery() == 0 || it == mapping.iterations()) {
                going = checkpoint.offer(it, params.detach());
            }
        }
        return params.detach();
    }

    /** Scores a checkpoint of the mapping with every fine-tuning rate on the validation users. */
    private record Candidates(MLP network, DomainFactors source, DomainFactors target, FineTuning fineTune,
            double weightDecay, TrainingContext ctx) {
        void offer(BestSoFar<ColdStartRecommender> best, long step, Params params) {
            Params fixed = params.detach();
            TaskEvaluator validation = ctx.validation();
            for (double lr : validation.scorable(fineTune.lrs())) {
                if (!best.canScore()) {
                    return;   // the trial budget is spent
                }
                ColdStartRecommender rec = new GradientRecommender("emcdr", target.model(),
                        user -> target.coldStart(map(network, fixed, source, user)),
                        GradientRecommender.sgd(RatingLoss.of(target.model(), weightDecay),
                                target.model().localParams(), lr, fineTune.steps()));
                best.offer(step, String.format(Locale.ROOT, "fineTuneLr=%g", lr), validation.meanRmse(rec, ctx.pool()),
                        rec);
            }
        }
    }

    /** The mapped target factors of a user's source factors. */
    static double[] map(MLP mapping, Params params, DomainFactors source, UserContext user) {
        return map(mapping, params, source.userFactors(user.user(), user.historyItems(), user.historyRatings()));
    }

    /**
     * The mapped target factors of source factors.
     *
     * @param mapping the network
     * @param params its parameters
     * @param sourceFactors {@code [p_s, b_s]}, length d + 1
     * @return {@code [p_t, b_t]}, a new array
     */
    public static double[] map(MLP mapping, Params params, double[] sourceFactors) {
        try (GradMode.Scope s = GradMode.noGrad()) {
            return mapping.apply(params, Tensor.row(sourceFactors)).toArray();
        }
    }

    /**
     * The users trained in both factorisations, ascending.
     *
     * @param source the source factors
     * @param target the target factors
     * @param candidates the users to consider
     * @return the overlap users
     */
    public static int[] trainedInBoth(DomainFactors source, DomainFactors target, int[] candidates) {
        List<Integer> out = new ArrayList<>();
        for (int u : candidates) {
            if (source.trained(u) && target.trained(u)) {
                out.add(u);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
