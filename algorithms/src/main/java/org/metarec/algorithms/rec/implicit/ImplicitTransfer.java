package org.metarec.algorithms.rec.implicit;

import java.util.Arrays;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.SlotMode;
import org.metarec.algorithms.rec.data.UserContext;
import org.metarec.algorithms.rec.mapping.DomainFactors;
import org.metarec.algorithms.rec.mapping.Emcdr;
import org.metarec.algorithms.rec.mapping.Ptupcdr;
import org.metarec.algorithms.rec.mapping.PtupcdrBridge;
import org.metarec.algorithms.rec.model.MatrixFactorization;
import org.metarec.autodiff.Functions;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.nn.MLP;
import org.metarec.core.data.NegativeSampler;
import org.metarec.core.random.Rng;

/**
 * EMCDR (Man et al., IJCAI 2017) and PTUPCDR (Zhu et al., WSDM 2022) on implicit feedback, built from the rating
 * versions' pieces in {@link org.metarec.algorithms.rec.mapping}: each domain's factors are a matrix factorisation fitted
 * by BPR on that domain's training interactions ({@link #factors}), wrapped as {@link DomainFactors}; EMCDR's mapping is
 * then fitted unchanged ({@link Emcdr#fitMapping}: squared distance between mapped source and target factors of the
 * overlap users), while PTUPCDR's bridge is trained by {@link Ptupcdr#fitBridge} with an implicit loss on the overlap
 * users' target interactions ({@link #bridgeLoss}) instead of the squared rating error. A cold user starts from its
 * transferred target factors in the cold-start form ({@link #emcdrStart}, {@link #ptupcdrStart}).
 */
public final class ImplicitTransfer {

    private ImplicitTransfer() {
    }

    /** The implicit loss of PTUPCDR's bridge on a user's target interactions. */
    public enum Objective {
        /** {@code mean softplus(s(u, j) - s(u, i))}, one sampled negative j per interaction i (Rendle et al. 2009). */
        BPR,
        /** Binary cross-entropy, each interaction (label 1) with m sampled negatives (label 0) (He et al. 2017). */
        BCE
    }

    /**
     * One domain's factors: BPR training of {@code model} on {@code rows} (the rows of one domain).
     *
     * @param model the factorisation
     * @param init its initial parameters in the pooled form
     * @param batches builds the triples; its hidden rows can never be positives
     * @param rows the domain's training rows
     * @param negatives the domain's sampler of training negatives
     * @param s epochs, batch, rate and weight decay
     * @param rng the stream of the row order
     * @return the fitted factors; the users of {@code rows} are the trained ones
     */
    public static DomainFactors factors(MatrixFactorization model, Params init, ImplicitBatches batches, int[] rows,
            NegativeSampler negatives, BprTraining.Settings s, Rng rng) {
        Params fitted = BprTraining.train(model, init, batches, rows, d -> negatives, s, rng, null);
        int[] users = Arrays.stream(rows).map(batches.data()::user).distinct().toArray();
        return DomainFactors.of(model, fitted, users, s.weightDecay());
    }

    /**
     * EMCDR's starting point for a user: the target cold-start parameters with the mapped source factors (the average
     * source row's image for a user the source never saw).
     *
     * @param network the mapping network
     * @param mapping its parameters
     * @param source the source factors
     * @param target the target factors
     * @param user the user index
     * @return constants in the cold-start form
     */
    public static Params emcdrStart(MLP network, Params mapping, DomainFactors source, DomainFactors target, int user) {
        return target.coldStart(Emcdr.map(network, mapping, source.userFactors(user, new int[0], new double[0])));
    }

    /**
     * PTUPCDR's starting point for a user: the target cold-start parameters with the bridge's transferred factors (the
     * average target row for a user without source history).
     *
     * @param bridge the bridge
     * @param params its parameters
     * @param source the source factors
     * @param target the target factors
     * @param user the user, with its source history
     * @return constants in the cold-start form
     */
    public static Params ptupcdrStart(PtupcdrBridge bridge, Params params, DomainFactors source, DomainFactors target,
            UserContext user) {
        return target.coldStart(Ptupcdr.transfer(bridge, params, source, target, user, Ptupcdr.meanBias(target)));
    }

    /**
     * A user's context for the bridge: its source items (labels 1, as implicit feedback has no rating).
     *
     * @param user the user index
     * @param target the target domain index
     * @param sourceItems the user's source training items
     * @return the context
     */
    public static UserContext context(int user, int target, int[] sourceItems) {
        double[] ones = new double[sourceItems.length];
        Arrays.fill(ones, 1.0);
        return new UserContext(user, target, null, null, sourceItems, ones);
    }

    /**
     * PTUPCDR's task-oriented loss of one overlap user on its target interactions, with the factorisations fixed: the
     * bridge's scores {@code s(u, i) = <u_t, v_i> + b_i + b_t} of its interactions and of sampled negatives under
     * {@code objective}. Draw {@code draw} of {@code negatives} gives the negatives, {@code perPositive} per interaction
     * (one for BPR), cycled when the user has fewer allowed items.
     *
     * @param objective BPR or BCE
     * @param bridge the bridge
     * @param source the source factors
     * @param target the target factors
     * @param user the user with a source history of at least one item
     * @param batches the factory of the target rows; a hidden row is refused here, before any training
     * @param rows the user's target training rows, at least one
     * @param negatives the sampler of the user's target negatives
     * @param perPositive negatives per interaction for BCE, &ge; 1 (BPR uses one)
     * @return the loss of the bridge's parameters
     * @throws org.metarec.algorithms.rec.data.HiddenRowException if a row is hidden from {@code batches}
     */
    public static Ptupcdr.UserLoss bridgeLoss(Objective objective, PtupcdrBridge bridge, DomainFactors source,
            DomainFactors target, UserContext user, ImplicitBatches batches, int[] rows, NegativeSampler negatives,
            int perPositive) {
        if (rows.length == 0 || user.historyItems().length == 0 || perPositive < 1) {
            throw new IllegalArgumentException("implicit PTUPCDR: expected a user with source history and target "
                    + "interactions and >= 1 negative per interaction, found " + user.historyItems().length + " source items, "
                    + rows.length + " target rows, " + perPositive + " negatives");
        }
        RatingBatch positives = batches.labelled(rows, new int[0], SlotMode.SINGLE);
        int[] items = positives.items();
        int n = items.length;
        int m = objective == Objective.BPR ? 1 : perPositive;
        double meanBias = Ptupcdr.meanBias(target);
        double[] labels = new double[n * (1 + m)];
        Arrays.fill(labels, 0, n, 1.0);
        Tensor y = Tensor.column(labels);
        int available = negatives.available(user.user());   // the sampler's known items are fixed: counted once
        return (params, draw) -> {
            if (available == 0) {
                throw new IllegalArgumentException("implicit PTUPCDR: user " + user.user() + " has no item left to sample "
                        + "as a negative");
            }
            int[] drawn = negatives.sample(user.user(), Math.min(n * m, available), draw);
            int[] all = Arrays.copyOf(items, n * (1 + m));
            for (int k = 0; k < n * m; k++) {
                all[n + k] = drawn[k % drawn.length];
            }
            Tensor s = bridge.apply(params, Ptupcdr.input(bridge, source, target, user, all, meanBias));
            if (objective == Objective.BCE) {
                return Ops.bceWithLogits(s, y);
            }
            return Functions.mean(Ops.softplus(Ops.sliceRows(s, n, 2 * n).sub(Ops.sliceRows(s, 0, n))));
        };
    }
}
