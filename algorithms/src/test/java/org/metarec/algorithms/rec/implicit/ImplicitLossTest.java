package org.metarec.algorithms.rec.implicit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.meta.InnerLoop;
import org.metarec.algorithms.meta.TaskLoss;
import org.metarec.algorithms.rec.data.HiddenRowException;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.SlotMode;
import org.metarec.algorithms.rec.model.MatrixFactorization;
import org.metarec.algorithms.rec.model.NeuMF;
import org.metarec.algorithms.rec.model.RatingLoss;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.check.GradCheck;
import org.metarec.autodiff.check.Property;
import org.metarec.core.data.Interactions;

/**
 * The implicit losses: their values against a direct computation from the model's scores, and their first and second
 * derivatives against finite differences (GradCheck), over seeded random batches whose shape is (positive rows) x
 * (negatives per row), edge shapes first; and MAML's meta-gradient through an inner step on the BCE batch.
 */
class ImplicitLossTest {

    private static final Interactions DATA = ImplicitFixtures.random(5, 8, 3);
    private static final MatrixFactorization MODEL = new MatrixFactorization(8, 3, 0, 0.0, 0.5);

    private static int[] rows(Property.Case c) {
        int[] rows = new int[c.rows()];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = c.intIn(0, DATA.size() - 1);
        }
        return rows;
    }

    private static int[] items(Property.Case c, int n) {
        int[] items = new int[n];
        for (int k = 0; k < n; k++) {
            items[k] = c.intIn(0, DATA.itemCount() - 1);
        }
        return items;
    }

    private static Params params(Property.Case c, SlotMode mode) {
        return mode == SlotMode.PER_USER ? MODEL.initPooled(c.rng(), DATA.userCount()) : MODEL.init(c.rng());
    }

    private static <B> Function<List<Tensor>, Tensor> at(TaskLoss<B> loss, Params like, B batch) {
        return xs -> loss.apply(like.withValues(xs), batch);
    }

    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    @Test
    void bceIsTheMeanOfSoftplusMinusLabelTimesScore() {
        Property.forAll("bce value", 101L, 20, 5, c -> {
            RatingBatch b = new ImplicitBatches(DATA).labelled(rows(c), items(c, c.rows() * c.cols()), SlotMode.PER_USER);
            Params p = params(c, SlotMode.PER_USER);
            double[] s = RatingLoss.predict(MODEL, p, b);
            double[] y = b.ratingValues();
            double expected = 0;
            for (int k = 0; k < s.length; k++) {
                expected += softplus(s[k]) - y[k] * s[k];
            }
            expected /= s.length;
            assertEquals(expected, ImplicitLoss.bce(MODEL, 0).apply(p, b).item(), 1e-12, c.toString());
        });
    }

    @Test
    void bprIsTheMeanOfSoftplusOfTheScoreDifference() {
        Property.forAll("bpr value", 102L, 20, 5, c -> {
            PairBatch b = new ImplicitBatches(DATA).pairs(rows(c), items(c, c.rows()), SlotMode.PER_USER);
            Params p = params(c, SlotMode.PER_USER);
            double[] pos = RatingLoss.predict(MODEL, p, b.positives());
            double[] neg = RatingLoss.predict(MODEL, p, b.negatives());
            double expected = 0;
            for (int k = 0; k < pos.length; k++) {
                expected += -Math.log(1 / (1 + Math.exp(-(pos[k] - neg[k]))));
            }
            expected /= pos.length;
            assertEquals(expected, ImplicitLoss.bpr(MODEL, 0).apply(p, b).item(), 1e-9, c.toString());
        });
    }

    @Test
    void bceGradientsOfFirstAndSecondOrderMatchFiniteDifferences() {
        for (SlotMode mode : SlotMode.values()) {
            Property.forAll("bce gradients, " + mode, 103L + mode.ordinal(), 12, 4, c -> {
                RatingBatch b = new ImplicitBatches(DATA).labelled(rows(c), items(c, c.rows() * c.cols()), mode);
                Params p = params(c, mode);
                Function<List<Tensor>, Tensor> f = at(ImplicitLoss.bce(MODEL, 0.05), p, b);
                GradCheck.check(f, p.tensors());
                GradCheck.checkSecondOrder(f, p.tensors());
            });
        }
    }

    @Test
    void bprGradientsOfFirstAndSecondOrderMatchFiniteDifferences() {
        for (SlotMode mode : SlotMode.values()) {
            Property.forAll("bpr gradients, " + mode, 105L + mode.ordinal(), 12, 4, c -> {
                PairBatch b = new ImplicitBatches(DATA).pairs(rows(c), items(c, c.rows()), mode);
                Params p = params(c, mode);
                Function<List<Tensor>, Tensor> f = at(ImplicitLoss.bpr(MODEL, 0.05), p, b);
                GradCheck.check(f, p.tensors());
                GradCheck.checkSecondOrder(f, p.tensors());
            });
        }
    }

    @Test
    void neumfsImplicitLossGradientsMatchFiniteDifferences() {
        // The implicit kind's neumf method trains NeuMF by BPR and fine-tunes a cold user by BCE; both paths, both slot
        // modes (pooled training, a cold user's one row).
        NeuMF neumf = new NeuMF(8, 3, new int[] {6, 3}, 0, 0.0);
        for (SlotMode mode : SlotMode.values()) {
            Property.forAll("neumf implicit gradients, " + mode, 109L + mode.ordinal(), 10, 4, c -> {
                Params p = mode == SlotMode.PER_USER ? neumf.initPooled(c.rng(), DATA.userCount()) : neumf.init(c.rng());
                RatingBatch labelled = new ImplicitBatches(DATA).labelled(rows(c), items(c, c.rows() * c.cols()), mode);
                PairBatch pairs = new ImplicitBatches(DATA).pairs(rows(c), items(c, c.rows()), mode);
                GradCheck.check(at(ImplicitLoss.bce(neumf, 0.05), p, labelled), p.tensors());
                GradCheck.check(at(ImplicitLoss.bpr(neumf, 0.05), p, pairs), p.tensors());
            });
        }
    }

    @Test
    void mamlsMetaGradientThroughAnInnerStepOnSupportPlusNegativesMatchesFiniteDifferences() {
        Property.forAll("maml on bce", 107L, 8, 4, c -> {
            ImplicitBatches batches = new ImplicitBatches(DATA);
            RatingBatch support = batches.labelled(rows(c), items(c, c.rows() * c.cols()), SlotMode.SINGLE);
            RatingBatch query = batches.labelled(rows(c), items(c, c.rows()), SlotMode.SINGLE);
            TaskLoss<RatingBatch> loss = ImplicitLoss.bce(MODEL, 0.05);
            InnerLoop<RatingBatch> inner = new InnerLoop<>(loss, MODEL.localParams());
            Params theta = MODEL.init(new SplittableRandom(c.seed()));
            GradCheck.check(xs -> {
                Params t = theta.withValues(xs);
                Params phi = inner.run(t, t, support, 2, InnerLoop.StepSize.constant(0.3), InnerLoop.Batches.fullBatch(),
                        true);
                return loss.apply(phi, query);
            }, theta.tensors());
        });
    }

    @Test
    void aHiddenRowIsNeverAPositive() {
        ImplicitBatches hiding = new ImplicitBatches(DATA).hiding(new int[] {2});
        assertThrows(HiddenRowException.class, () -> hiding.labelled(new int[] {0, 2}, new int[] {1, 1}, SlotMode.SINGLE));
        assertThrows(HiddenRowException.class, () -> hiding.pairs(new int[] {2}, new int[] {1}, SlotMode.SINGLE));
        assertEquals(2, hiding.labelled(new int[] {0, 1}, new int[0], SlotMode.SINGLE).size());
    }

    @Test
    void anEmptyBatchIsRefusedWithItsReason() {
        RatingBatch empty = new ImplicitBatches(DATA).labelled(new int[0], new int[0], SlotMode.SINGLE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImplicitLoss.bce(MODEL, 0).apply(MODEL.init(new SplittableRandom(1)), empty));
        assertEquals("implicit loss of mf: expected at least one row, found an empty batch", e.getMessage());
    }
}
