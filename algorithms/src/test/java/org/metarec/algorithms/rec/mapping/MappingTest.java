package org.metarec.algorithms.rec.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.rec.RecFixtures;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.FeatureEncoding;
import org.metarec.algorithms.rec.model.MatrixFactorization;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.check.GradCheck;
import org.metarec.core.data.Dataset;
import org.metarec.core.random.Rng;

class MappingTest {

    private final Dataset tiny = RecFixtures.tiny();
    private final BatchFactory factory = new BatchFactory(tiny.interactions(),
            FeatureEncoding.of(tiny.userFeatures()), FeatureEncoding.of(tiny.itemFeatures()), null);

    @Test
    void foldInSolvesTheRidgeNormalEquations() {
        // Factorise domain 0 (rows 0, 1, 3, 5, 8); fold in a history of items 0, 1, 2.
        DomainFactors f = DomainFactors.fit(factory, new int[] {0, 1, 3, 5, 8}, 2, 0.05,
                new org.metarec.algorithms.rec.train.PooledTraining.Settings(3, 2, 0.05),
                Rng.derive(1, "test/mf"));
        int[] items = {0, 1, 2};
        double[] ratings = {5, 1, 4};
        double[] w = f.foldIn(items, ratings);
        // Gradient of sum_j (y_j - x_j.w)^2 + lambda n |w|^2 at the solution: -2 X^T (y - X w) + 2 lambda n w = 0.
        Params p = f.params();
        double mu = p.get(MatrixFactorization.MU).item();
        double[][] q = p.get(MatrixFactorization.ITEM_VEC).toRows();
        double lambda = 0.05;
        double[] grad = new double[3];
        for (int j = 0; j < items.length; j++) {
            double[] x = {q[items[j]][0], q[items[j]][1], 1};
            double y = ratings[j] - mu - p.get(MatrixFactorization.ITEM_BIAS).get(items[j], 0);
            double r = y - (x[0] * w[0] + x[1] * w[1] + x[2] * w[2]);
            for (int c = 0; c < 3; c++) {
                grad[c] += -2 * x[c] * r;
            }
        }
        for (int c = 0; c < 3; c++) {
            grad[c] += 2 * lambda * items.length * w[c];
        }
        assertArrayEquals(new double[3], grad, 1e-9);
        // User 1 was trained (row 3): their own row is returned, not a fold-in.
        assertTrue(f.trained(1));
        assertFalse(f.trained(-1));
        assertArrayEquals(p.get(MatrixFactorization.USER_VEC).toRows()[1],
                java.util.Arrays.copyOf(f.userFactors(1, items, ratings), 2), 0.0);
        assertArrayEquals(w, f.userFactors(-1, items, ratings), 0.0);
    }

    @Test
    void ptupcdrBridgeGradientsMatchFiniteDifferences() {
        PtupcdrBridge bridge = new PtupcdrBridge(3, 4);
        SplittableRandom rng = new SplittableRandom(5);
        Params p = bridge.init(rng);
        p = p.with("meta.W2", Tensor.of(random(4, 10, rng)).asVariable());   // away from the near-zero init
        PtupcdrBridge.Input in = new PtupcdrBridge.Input(Tensor.of(random(5, 3, rng)), Tensor.of(random(1, 3, rng)),
                Tensor.scalar(0.4), Tensor.of(random(4, 3, rng)), Tensor.of(random(4, 1, rng)));
        Tensor y = Tensor.of(random(4, 1, rng));
        Params like = p;
        GradCheck.check(xs -> Ops.mse(bridge.apply(like.withValues(xs), in), y), p.tensors());
    }

    @Test
    void theInitialBridgeIsTheIdentity() {
        PtupcdrBridge bridge = new PtupcdrBridge(2, 3);
        Params p = bridge.init(new SplittableRandom(6)).with("meta.W2", Tensor.zeros(3, 5).asVariable());
        Tensor us = Tensor.row(0.7, -1.3);
        Tensor v = Tensor.of(new double[][] {{1, 2}, {-0.5, 0.25}});
        Tensor offsets = Tensor.column(3, 4);
        PtupcdrBridge.Input in = new PtupcdrBridge.Input(Tensor.of(new double[][] {{0.1, 0.2}, {0.3, -0.4}}), us,
                Tensor.scalar(-0.2), v, offsets);
        // W_u = I and offset 0: r_hat = V u_s + offsets = [0.7 - 2.6 + 3, -0.35 - 0.325 + 4].
        assertArrayEquals(new double[] {1.1, 3.325}, bridge.apply(p, in).toArray(), 1e-12);
        Tensor t = bridge.transfer(p, in.history(), us, in.sourceBias());
        assertEquals(List.of(1, 3), List.of(t.rows(), t.cols()));
    }

    private static double[][] random(int r, int c, SplittableRandom rng) {
        double[][] a = new double[r][c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                a[i][j] = rng.nextDouble(-1, 1);
            }
        }
        return a;
    }
}
