package org.metarec.algorithms.rec.implicit;

import java.util.Arrays;
import org.metarec.algorithms.optim.Adam;
import org.metarec.algorithms.rec.data.SlotMode;
import org.metarec.algorithms.rec.model.RecModel;
import org.metarec.algorithms.train.NonFiniteException;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.core.data.NegativeSampler;
import org.metarec.core.random.Rng;

/**
 * Pooled BPR training of a model with one user-table row per user (Rendle et al., UAI 2009, with Adam instead of
 * LearnBPR's SGD): epochs over the training rows in a seeded order, minibatches of triples {@code (u, i, j)} whose
 * negative {@code j} is draw {@code epoch * size + r} (r the row, size the data's rows) of the sampler of the row's
 * domain for the row's user, so the negatives are the same whichever threads run the rest.
 */
public final class BprTraining {

    private BprTraining() {
    }

    /**
     * Epochs, minibatch size, Adam's rate and the weight of the model's penalty.
     *
     * @param epochs passes over the rows, &ge; 1
     * @param batchSize triples per Adam step, &ge; 1
     * @param lr Adam's rate
     * @param weightDecay the weight of {@link RecModel#penalty}, &ge; 0
     */
    public record Settings(int epochs, int batchSize, double lr, double weightDecay) {
        /** Validates the settings. */
        public Settings {
            if (epochs < 1 || batchSize < 1 || !(lr > 0) || !(weightDecay >= 0)) {
                throw new IllegalArgumentException("BPR training: expected epochs >= 1, batch >= 1, lr > 0, weight decay >= 0;"
                        + " found " + epochs + ", " + batchSize + ", " + lr + ", " + weightDecay);
            }
        }
    }

    /** Called after every epoch with the parameters so far (for selection on validation). */
    @FunctionalInterface
    public interface EpochListener {
        /**
         * One epoch is done.
         *
         * @param epoch the epoch, from 1
         * @param params the parameters after it
         */
        void afterEpoch(int epoch, Params params);
    }

    /**
     * Trains for {@code s.epochs()} epochs.
     *
     * @param model the model
     * @param init the starting parameters (pooled form)
     * @param batches builds the triples; its hidden rows can never be positives
     * @param rows the training rows
     * @param negatives per domain index, the sampler of its training negatives (pool: the domain's training items;
     *     known items: the user's training items there only)
     * @param s the settings
     * @param rng the stream of the row order (epoch e shuffles with {@code rng.fork("epoch-" + e)})
     * @param listener called after each epoch, or null
     * @return the parameters after the last epoch
     * @throws NonFiniteException when a minibatch loss is NaN or infinite
     */
    public static Params train(RecModel model, Params init, ImplicitBatches batches, int[] rows,
                               java.util.function.IntFunction<NegativeSampler> negatives,
                               Settings s, Rng rng, EpochListener listener) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("BPR training: expected at least one training row, found none");
        }
        var loss = ImplicitLoss.bpr(model, s.weightDecay());
        Adam adam = new Adam(s.lr());
        Params params = init;
        long step = 0;
        for (int epoch = 1; epoch <= s.epochs(); epoch++) {
            int[] order = rows.clone();
            rng.fork("epoch-" + epoch).shuffle(order);
            for (int from = 0; from < order.length; from += s.batchSize()) {
                int[] chunk = Arrays.copyOfRange(order, from, Math.min(order.length, from + s.batchSize()));
                int[] neg = new int[chunk.length];
                for (int k = 0; k < chunk.length; k++) {
                    int r = chunk[k];
                    neg[k] = negatives.apply(batches.data().domain(r)).sample(batches.data().user(r), 1,
                            (long) epoch * batches.data().size() + r)[0];
                }
                Tensor value = loss.apply(params, batches.pairs(chunk, neg, SlotMode.PER_USER));
                step++;
                if (!Double.isFinite(value.item())) {
                    throw new NonFiniteException(step, "BPR training", "the minibatch loss in epoch " + epoch, value.item());
                }
                params = adam.step(params, params.withValues(Autodiff.grad(value, params.tensors(), false, true)));
            }
            if (listener != null) {
                listener.afterEpoch(epoch, params);
            }
        }
        return params;
    }

    /**
     * One user's parameters in the cold-start form: the pooled parameters with each user table cut to that user's row.
     *
     * @param model the model (its user tables)
     * @param pooled the pooled parameters; not modified
     * @param user the user's row
     * @return constants, user tables of one row
     */
    public static Params userForm(RecModel model, Params pooled, int user) {
        Params p = pooled.detach();
        for (String name : model.userTables()) {
            p = p.with(name, org.metarec.autodiff.Ops.sliceRows(p.get(name), user, user + 1).detach());
        }
        return p;
    }
}
