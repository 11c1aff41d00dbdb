package org.metarec.algorithms.rec.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.metarec.algorithms.meta.TaskLoss;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.SlotMode;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.check.GradCheck;

/**
 * The source-embedding start: with zero offsets the model predicts as the wrapped model at each row's user's
 * own pooled row (the identity that makes a meta-learner start from pretrained's vector), an offset moves
 * every user alike, and its gradients (first and second order, as MAML needs) pass GradCheck.
 */
class SourceEmbeddingModelTest {

    private static final int[] ROWS = {0, 2, 3, 4, 6, 8};

    /** The pooled user tables as embeddings, and the cold-start parameters with the tables at zero. */
    private static Map<String, Tensor> tables(RecModel model, Params pooled) {
        Map<String, Tensor> e = new LinkedHashMap<>();
        for (String t : model.userTables()) {
            e.put(t, pooled.get(t).detach());
        }
        return e;
    }

    private static Params zeroOffsets(RecModel model, Params pooled) {
        Params p = pooled;
        for (String t : model.userTables()) {
            p = p.with(t, Tensor.variable(new DMatrixRMaj(1, pooled.get(t).cols())));
        }
        return p;
    }

    @ParameterizedTest(name = "{0}, profiles {1}, seed {2}")
    @CsvSource({"mf, false, 1", "mf, true, 2", "neumf, false, 3", "neumf, true, 4"})
    void withZeroOffsetsItPredictsAtEachUsersOwnRow(String type, boolean profiles, long seed) {
        RecModel model = ModelFixture.model(type, profiles);
        Params pooled = ModelFixture.jitter(model.initPooled(new SplittableRandom(seed), 4), 0.3, seed + 10);
        SourceEmbeddingModel wrapped = new SourceEmbeddingModel(model, tables(model, pooled));
        RatingBatch perUser = ModelFixture.factory(profiles).rows(ROWS, SlotMode.PER_USER);
        RatingBatch single = ModelFixture.factory(profiles).rows(ROWS, SlotMode.SINGLE);
        double[] expected = RatingLoss.predict(model, pooled, perUser);
        assertArrayEquals(expected, RatingLoss.predict(wrapped, zeroOffsets(model, pooled), single), 0.0);
        // An offset on the user bias adds to every row's prediction alike.
        Params shifted = zeroOffsets(model, pooled).with(model.userTables().get(model.userTables().size() - 1),
                Tensor.variable(DMatrixRMaj.wrap(1, 1, new double[] {0.25})));
        String bias = type.equals("mf") ? MatrixFactorization.USER_BIAS : NeuMF.USER_BIAS;
        if (model.userTables().get(model.userTables().size() - 1).equals(bias)) {
            double[] got = RatingLoss.predict(wrapped, shifted, single);
            for (int r = 0; r < expected.length; r++) {
                org.junit.jupiter.api.Assertions.assertEquals(expected[r] + 0.25, got[r], 1e-12, "row " + r);
            }
        }
    }

    @ParameterizedTest(name = "{0}, profiles {1}, seed {2}")
    @CsvSource({"mf, false, 5", "mf, true, 6", "neumf, false, 7", "neumf, true, 8"})
    void gradientsPassGradCheckAtFirstAndSecondOrder(String type, boolean profiles, long seed) {
        RecModel model = ModelFixture.model(type, profiles);
        Params pooled = ModelFixture.jitter(model.initPooled(new SplittableRandom(seed), 4), 0.3, seed + 10);
        SourceEmbeddingModel wrapped = new SourceEmbeddingModel(model, tables(model, pooled));
        Params p = ModelFixture.jitter(zeroOffsets(model, pooled), 0.2, seed + 20);
        RatingBatch batch = ModelFixture.factory(profiles).rows(ROWS, SlotMode.SINGLE);
        TaskLoss<RatingBatch> loss = RatingLoss.of(wrapped, 0.05);
        Function<List<Tensor>, Tensor> f = xs -> loss.apply(p.withValues(xs), batch);
        GradCheck.check(f, p.tensors());
        GradCheck.checkSecondOrder(f, p.tensors());
    }

    @org.junit.jupiter.api.Test
    void aModelWithoutUserTablesOrAMissingEmbeddingIsRefused() {
        RecModel mlp = ModelFixture.model("feature_mlp", true);
        assertThrows(IllegalArgumentException.class, () -> new SourceEmbeddingModel(mlp, Map.of()));
        RecModel mf = ModelFixture.model("mf", false);
        assertThrows(IllegalArgumentException.class, () -> new SourceEmbeddingModel(mf, Map.of()));
    }
}
