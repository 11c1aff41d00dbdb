package org.metarec.algorithms.rec.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.SlotMode;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.nn.Activation;
import org.metarec.autodiff.nn.MLP;

/** Each model's forward pass against its defining formula, evaluated by hand on the tiny data set. */
class ModelForwardTest {

    private static final int[] ROWS = {0, 2, 4, 7};

    @Test
    void matrixFactorizationIsMuPlusBiasesPlusTheDotProductWithTheProfileBridge() {
        RecModel mf = ModelFixture.model("mf", true);
        Params p = ModelFixture.jitter(mf.init(new SplittableRandom(1)), 0.5, 2);
        RatingBatch b = ModelFixture.WITH_PROFILES.rows(ROWS, SlotMode.SINGLE);
        double[] got = RatingLoss.predict(mf, p, b);
        double[][] profile = b.profile().toRows();
        double[][] q = p.get(MatrixFactorization.ITEM_VEC).toRows();
        double[][] pv = p.get(MatrixFactorization.PROFILE_VEC).toRows();
        double[] pb = p.get(MatrixFactorization.PROFILE_BIAS).toArray();
        double[] uv = p.get(MatrixFactorization.USER_VEC).toArray();
        for (int k = 0; k < ROWS.length; k++) {
            int item = b.items()[k];
            double bu = p.get(MatrixFactorization.USER_BIAS).item();
            double r = p.get(MatrixFactorization.MU).item() + p.get(MatrixFactorization.ITEM_BIAS).get(item, 0);
            for (int f = 0; f < profile[k].length; f++) {
                bu += profile[k][f] * pb[f];
            }
            for (int j = 0; j < 3; j++) {
                double pu = uv[j];
                for (int f = 0; f < profile[k].length; f++) {
                    pu += profile[k][f] * pv[f][j];
                }
                r += pu * q[item][j];
            }
            assertEquals(r + bu, got[k], 1e-12, "row " + ROWS[k]);
        }
    }

    @Test
    void pooledMatrixFactorizationUsesEachUsersOwnRow() {
        RecModel mf = ModelFixture.model("mf", false);
        Params p = ModelFixture.jitter(mf.initPooled(new SplittableRandom(3), 4), 0.5, 4);
        RatingBatch b = ModelFixture.WITHOUT_PROFILES.rows(ROWS, SlotMode.PER_USER);
        double[] got = RatingLoss.predict(mf, p, b);
        double[][] pu = p.get(MatrixFactorization.USER_VEC).toRows();
        double[][] q = p.get(MatrixFactorization.ITEM_VEC).toRows();
        for (int k = 0; k < ROWS.length; k++) {
            int u = b.users()[k];
            int i = b.items()[k];
            double r = p.get(MatrixFactorization.MU).item() + p.get(MatrixFactorization.ITEM_BIAS).get(i, 0)
                    + p.get(MatrixFactorization.USER_BIAS).get(u, 0);
            for (int j = 0; j < 3; j++) {
                r += pu[u][j] * q[i][j];
            }
            assertEquals(r, got[k], 1e-12);
        }
    }

    @Test
    void neuMfWithTheMlpBranchSwitchedOffIsGeneralisedMf() {
        RecModel neumf = ModelFixture.model("neumf", false);
        Params p = ModelFixture.jitter(neumf.init(new SplittableRandom(5)), 0.5, 6);
        // Fusion weights [1, 1 | 0, 0, 0]: the prediction is mu + b_i + b_u + sum_j gu_j gi_j.
        p = p.with(NeuMF.OUT, Tensor.column(1, 1, 0, 0, 0));
        RatingBatch b = ModelFixture.WITHOUT_PROFILES.rows(ROWS, SlotMode.SINGLE);
        double[] got = RatingLoss.predict(neumf, p, b);
        double[] gu = p.get(NeuMF.GMF_USER).toArray();
        double[][] gi = p.get(NeuMF.GMF_ITEM).toRows();
        for (int k = 0; k < ROWS.length; k++) {
            int i = b.items()[k];
            double r = p.get(NeuMF.MU).item() + p.get(NeuMF.ITEM_BIAS).get(i, 0) + p.get(NeuMF.USER_BIAS).item()
                    + gu[0] * gi[i][0] + gu[1] * gi[i][1];
            assertEquals(r, got[k], 1e-12);
        }
    }

    @Test
    void featureMlpIsAnMlpOverUserItemDomainAndProfileColumns() {
        RecModel model = ModelFixture.model("feature_mlp", true);
        Params p = ModelFixture.jitter(model.init(new SplittableRandom(7)), 0.5, 8);
        RatingBatch b = ModelFixture.WITH_PROFILES.rows(ROWS, SlotMode.SINGLE);
        Tensor x = Ops.concatCols(b.userFeatures(), b.itemFeatures(), b.domainOneHot(), b.profile());
        MLP mlp = new MLP("mlp.", new int[] {x.cols(), 4, 1}, Activation.RELU);
        assertArrayEquals(mlp.apply(p, x).toArray(), RatingLoss.predict(model, p, b), 1e-12);
        assertEquals(List.of("mlp.W1", "mlp.b1", "mlp.W2", "mlp.b2"), model.localParams());
        assertEquals(29.0 / 9, model.init(new SplittableRandom(9)).get("mlp.b2").item(), 0.0);
    }

    @Test
    void meluEmbedsEachFieldWithItsOwnTableAndAdaptsOnlyTheDecisionLayers() {
        RecModel model = ModelFixture.model("melu", false);
        Params p = ModelFixture.jitter(model.init(new SplittableRandom(10)), 0.5, 11);
        RatingBatch b = ModelFixture.WITHOUT_PROFILES.rows(new int[] {4}, SlotMode.SINGLE);   // user 1 (F), item 4
        // Row 4: numeric age block, gender F (one-hot: row 1 of its table), genres {b, c} (mean of rows 1, 2),
        // decade missing (zeros), domain d1 (row 1).
        double age = b.userFeatures().get(0, 0);
        double[][] num = p.get("emb.user.numeric").toRows();
        double[][] gender = p.get("emb.user.gender").toRows();
        double[][] genres = p.get("emb.item.genres").toRows();
        double[][] domain = p.get("emb.domain").toRows();
        double[] x = {age * num[0][0], age * num[0][1], gender[1][0], gender[1][1],
            (genres[1][0] + genres[2][0]) / 2, (genres[1][1] + genres[2][1]) / 2, 0, 0, domain[1][0], domain[1][1]};
        MLP decision = new MLP("dec.", new int[] {10, 3, 1}, Activation.RELU);
        assertEquals(decision.apply(p, Tensor.row(x)).item(), RatingLoss.predict(model, p, b)[0], 1e-12);
        assertEquals(List.of("dec.W1", "dec.b1", "dec.W2", "dec.b2"), model.localParams());
        assertTrue(model.userTables().isEmpty());
    }

    @Test
    void theLossIsTheMeanSquaredErrorPlusTheWeightedPenalty() {
        RecModel mf = ModelFixture.model("mf", true);
        Params p = ModelFixture.jitter(mf.init(new SplittableRandom(12)), 0.5, 13);
        RatingBatch b = ModelFixture.WITH_PROFILES.rows(ROWS, SlotMode.SINGLE);
        double[] pred = RatingLoss.predict(mf, p, b);
        double[] y = b.ratingValues();
        double mse = 0;
        for (int k = 0; k < y.length; k++) {
            mse += (pred[k] - y[k]) * (pred[k] - y[k]) / y.length;
        }
        double penalty = mf.penalty(p, b).item();
        assertEquals(mse + 0.1 * penalty, RatingLoss.of(mf, 0.1).apply(p, b).item(), 1e-12);
        assertEquals(mse, RatingLoss.of(mf, 0).apply(p, b).item(), 1e-12);
        RatingBatch empty = ModelFixture.WITH_PROFILES.rows(new int[0], SlotMode.SINGLE);
        assertThrows(IllegalArgumentException.class, () -> RatingLoss.of(mf, 0.1).apply(p, empty));
        assertThrows(IllegalArgumentException.class, () -> RatingLoss.of(mf, -1));
    }

    @Test
    void coldStartFormTakesTheUsersOwnRowOrTheMeanOfTrainedRows() {
        RecModel mf = ModelFixture.model("mf", false);
        Params pooled = ModelFixture.jitter(mf.initPooled(new SplittableRandom(14), 4), 0.5, 15);
        boolean[] trained = {true, false, true, false};
        UserTables tables = new UserTables(mf, pooled, trained);
        double[][] rows = pooled.get(MatrixFactorization.USER_VEC).toRows();
        assertArrayEquals(rows[2], tables.forUser(2).get(MatrixFactorization.USER_VEC).toArray(), 0.0);
        double[] mean = new double[3];
        for (int j = 0; j < 3; j++) {
            mean[j] = (rows[0][j] + rows[2][j]) / 2;
        }
        assertArrayEquals(mean, tables.forUser(1).get(MatrixFactorization.USER_VEC).toArray(), 1e-15);
        assertArrayEquals(mean, tables.forUser(-1).get(MatrixFactorization.USER_VEC).toArray(), 1e-15);
        assertEquals(1, tables.forUser(3).get(MatrixFactorization.USER_BIAS).rows());
        assertArrayEquals(pooled.get(MatrixFactorization.ITEM_VEC).toArray(),
                tables.forUser(0).get(MatrixFactorization.ITEM_VEC).toArray(), 0.0);
    }

    @Test
    void unknownModelTypesAreRejectedNamingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecModels.create("svd", ModelInputs.of(ModelFixture.WITH_PROFILES, 3), 2, new int[] {2}));
        assertTrue(e.getMessage().contains("[mf, neumf, feature_mlp, melu]") && e.getMessage().contains("'svd'"),
                e.getMessage());
    }
}
