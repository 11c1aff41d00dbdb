package org.metarec.algorithms.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.data.XYBatch;
import org.metarec.algorithms.meta.FirstOrderMAML;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.meta.Task;
import org.metarec.algorithms.optim.Adam;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.nn.Activation;
import org.metarec.autodiff.nn.MLP;
import org.metarec.core.random.Rng;

/**
 * Tasks drawn from seeds of their own ({@link MetaTrainer.TaskSource#seededPerTask}) are drawn in
 * parallel, and that changes nothing: training is bit-identical with 1 or 3 threads, and equal to
 * drawing the same seeded tasks one by one.
 */
class MetaTrainerTest {

    private static final MLP MLP = new MLP(new int[] {3, 6, 1}, Activation.TANH);

    /** Regression tasks y = w . x + noise, 8 support and 8 query rows. */
    private static Task<XYBatch> linearTask(Rng rng) {
        double[] w = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
        return new Task<>(rows(rng, w), rows(rng, w));
    }

    private static XYBatch rows(Rng rng, double[] w) {
        DMatrixRMaj x = new DMatrixRMaj(8, 3), y = new DMatrixRMaj(8, 1);
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 3; j++) {
                x.data[3 * i + j] = rng.nextGaussian();
                y.data[i] += w[j] * x.data[3 * i + j];
            }
            y.data[i] += 0.1 * rng.nextGaussian();
        }
        return new XYBatch(Tensor.constant(x), Tensor.constant(y));
    }

    private static Params train(MetaTrainer.TaskSource<XYBatch> tasks, int threads) {
        FirstOrderMAML<XYBatch> learner = new FirstOrderMAML<>((p, b) -> Ops.mse(MLP.apply(p, b.x()), b.y()), 0.05, 2);
        try (TaskPool pool = new TaskPool(threads)) {
            MetaTrainer<XYBatch> trainer = new MetaTrainer<>(learner, new Adam(0.01), tasks, pool, 7, 0,
                    MLP.init(Rng.derive(4, "init")), Rng.derive(4, "tasks"));
            for (int step = 0; step < 15; step++) {
                trainer.step();
            }
            return trainer.meta();
        }
    }

    @Test
    void tasksSeededPerTaskAreDrawnInParallelWithoutChangingABit() {
        Params one = train(MetaTrainer.TaskSource.seededPerTask(MetaTrainerTest::linearTask), 1);
        Params three = train(MetaTrainer.TaskSource.seededPerTask(MetaTrainerTest::linearTask), 3);
        // The same tasks drawn one after the other on the calling thread.
        Params inOrder = train(rng -> linearTask(Rng.seeded(rng.nextLong())), 1);
        for (String name : one.names()) {
            assertArrayEquals(one.get(name).toArray(), three.get(name).toArray(), 0.0, name + ", 1 vs 3 threads");
            assertArrayEquals(one.get(name).toArray(), inOrder.get(name).toArray(), 0.0, name + ", parallel vs in order");
        }
    }
}
