package org.metarec.algorithms.rec.train;

import java.util.Arrays;
import org.metarec.algorithms.meta.TaskLoss;
import org.metarec.algorithms.optim.Adam;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.SlotMode;
import org.metarec.algorithms.train.NonFiniteException;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.Params;
import org.metarec.core.random.Rng;

/**
 * Ordinary (pooled) training of a rating model on rows, one user-table row per user: epochs of
 * shuffled minibatches and Adam steps on the loss of each minibatch.
 */
public final class PooledTraining {

    /**
     * Settings of pooled training.
     *
     * @param epochs the number of epochs, &ge; 0
     * @param batchSize rows per minibatch, &ge; 1
     * @param lr Adam's learning rate, &gt; 0
     */
    public record Settings(int epochs, int batchSize, double lr) {

        /** The default of the recommendation studies: 15 epochs of minibatches of 256 rows at Adam's rate 0.005. */
        public static final Settings DEFAULT = new Settings(15, 256, 0.005);

        /** Validates. */
        public Settings {
            if (epochs < 0 || batchSize < 1 || !(lr > 0) || !Double.isFinite(lr)) {
                throw new IllegalArgumentException("pooled training: expected epochs >= 0, batchSize >= 1 and lr > 0, "
                        + "found " + epochs + ", " + batchSize + ", " + lr);
            }
        }

        /** These settings with another number of epochs. */
        public Settings withEpochs(int e) {
            return new Settings(e, batchSize, lr);
        }
    }

    /** Called after every epoch with the parameters reached. */
    @FunctionalInterface
    public interface EpochListener {
        /**
         * Observes the parameters after an epoch.
         *
         * @param epoch the epoch just completed (1-based)
         * @param params the parameters (variables; do not modify)
         */
        void afterEpoch(int epoch, Params params);
    }

    private PooledTraining() {
    }

    /**
     * Trains for {@code epochs} epochs.
     *
     * @param loss the training loss
     * @param init the starting parameters (pooled form)
     * @param factory builds the minibatches (slots = user indices)
     * @param rows the training rows
     * @param s epochs, minibatch size and Adam's rate
     * @param rng the stream of the row order (epoch e shuffles with {@code rng.fork("epoch-" + e)})
     * @param listener called after each epoch, or null
     * @return the parameters after the last epoch
     * @throws NonFiniteException when a minibatch loss is NaN or infinite
     */
    public static Params train(TaskLoss<RatingBatch> loss, Params init, BatchFactory factory, int[] rows, Settings s,
            Rng rng, EpochListener listener) {
        return train(loss, init, factory, rows, s, rng, listener, () -> false);
    }

    /**
     * Trains for {@code epochs} epochs, or fewer when {@code stop} says so after an epoch (e.g. when the
     * selection's trial budget is spent, so later epochs could not be scored).
     *
     * @param loss the training loss
     * @param init the starting parameters (pooled form)
     * @param factory builds the minibatches (slots = user indices)
     * @param rows the training rows
     * @param s epochs, minibatch size and Adam's rate
     * @param rng the stream of the row order (epoch e shuffles with {@code rng.fork("epoch-" + e)})
     * @param listener called after each epoch, or null
     * @param stop asked after each epoch (after the listener): true ends training there
     * @return the parameters after the last epoch trained
     * @throws NonFiniteException when a minibatch loss is NaN or infinite
     */
    public static Params train(TaskLoss<RatingBatch> loss, Params init, BatchFactory factory, int[] rows, Settings s,
            Rng rng, EpochListener listener, java.util.function.BooleanSupplier stop) {
        int epochs = s.epochs();
        int batchSize = s.batchSize();
        double lr = s.lr();
        if (rows.length == 0) {
            throw new IllegalArgumentException("pooled training: expected at least one training row, found none");
        }
        Adam adam = new Adam(lr);
        Params params = init;
        long step = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            int[] order = rows.clone();
            rng.fork("epoch-" + epoch).shuffle(order);
            for (int from = 0; from < order.length; from += batchSize) {
                int to = Math.min(order.length, from + batchSize);
                RatingBatch batch = factory.rows(Arrays.copyOfRange(order, from, to), SlotMode.PER_USER);
                var value = loss.apply(params, batch);
                step++;
                if (!Double.isFinite(value.item())) {
                    throw new NonFiniteException(step, "pooled training", "the minibatch loss in epoch " + epoch,
                            value.item());
                }
                params = adam.step(params, params.withValues(Autodiff.grad(value, params.tensors(), false, true)));
            }
            if (listener != null) {
                listener.afterEpoch(epoch, params);
            }
            if (stop.getAsBoolean()) {
                break;
            }
        }
        return params;
    }
}
