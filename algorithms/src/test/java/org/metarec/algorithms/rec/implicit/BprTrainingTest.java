package org.metarec.algorithms.rec.implicit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.rec.data.HiddenRowException;
import org.metarec.algorithms.rec.data.SlotMode;
import org.metarec.algorithms.rec.model.MatrixFactorization;
import org.metarec.autodiff.Params;
import org.metarec.core.data.Interactions;
import org.metarec.core.data.NegativeSampler;
import org.metarec.core.random.Rng;

/** Pooled BPR training: it lowers the BPR loss on fixed triples, repeats itself bit for bit, and refuses hidden rows. */
class BprTrainingTest {

    private static final Interactions DATA = ImplicitFixtures.random(12, 10, 8);
    private static final MatrixFactorization MODEL = new MatrixFactorization(10, 3, 0, 0.0, 0.1);

    /** Per domain: its items (the halves of the fixture) as the pool, a user's known items its rows there. */
    private static NegativeSampler sampler(int domain) {
        int[] pool = IntStream.range(0, 10).filter(i -> (i < 5 ? 0 : 1) == domain).toArray();
        return NegativeSampler.excludingAllKnown(DATA, domain, pool, 4, "negatives/train/" + domain);
    }

    private static final NegativeSampler[] SAMPLERS = {sampler(0), sampler(1)};

    private static Params train(int epochs) {
        Params init = MODEL.initPooled(Rng.derive(1, "init"), DATA.userCount());
        int[] rows = IntStream.range(0, DATA.size()).filter(r -> SAMPLERS[DATA.domain(r)].available(DATA.user(r)) > 0)
                .toArray();
        return BprTraining.train(MODEL, init, new ImplicitBatches(DATA), rows, d -> SAMPLERS[d],
                new BprTraining.Settings(epochs, 8, 0.05, 0.0), Rng.derive(1, "order"), null);
    }

    @Test
    void trainingLowersTheBprLossOnFixedTriplesAndRepeatsItself() {
        int[] rows = IntStream.range(0, DATA.size()).filter(r -> SAMPLERS[DATA.domain(r)].available(DATA.user(r)) > 0)
                .toArray();
        int[] neg = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            neg[k] = SAMPLERS[DATA.domain(rows[k])].sample(DATA.user(rows[k]), 1, 999)[0];
        }
        PairBatch triples = new ImplicitBatches(DATA).pairs(rows, neg, SlotMode.PER_USER);
        var loss = ImplicitLoss.bpr(MODEL, 0);
        double before = loss.apply(MODEL.initPooled(Rng.derive(1, "init"), DATA.userCount()), triples).item();
        Params trained = train(30);
        double after = loss.apply(trained, triples).item();
        assertEquals(Math.log(2), before, 0.05, "near-zero initial scores: softplus(0) = ln 2");
        assertTrue(after < before - 0.2, "BPR loss " + before + " -> " + after);
        assertArrayEquals(trained.get(MatrixFactorization.USER_VEC).toArray(), train(30).get(MatrixFactorization.USER_VEC)
                .toArray(), "the same seed, the same bits");
        Params user3 = BprTraining.userForm(MODEL, trained, 3);
        assertEquals(1, user3.get(MatrixFactorization.USER_VEC).rows());
        assertArrayEquals(org.metarec.autodiff.Ops.sliceRows(trained.get(MatrixFactorization.USER_VEC), 3, 4).toArray(),
                user3.get(MatrixFactorization.USER_VEC).toArray());
    }

    @Test
    void aHiddenTrainingRowStopsTraining() {
        Params init = MODEL.initPooled(Rng.derive(1, "init"), DATA.userCount());
        assertThrows(HiddenRowException.class, () -> BprTraining.train(MODEL, init, new ImplicitBatches(DATA).hiding(
                new int[] {0}), new int[] {0, 1}, d -> SAMPLERS[d], new BprTraining.Settings(1, 8, 0.05, 0.0),
                Rng.derive(1, "order"), null));
    }
}
