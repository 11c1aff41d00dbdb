package org.metarec.algorithms.rec.implicit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.metarec.algorithms.rec.data.HiddenRowException;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.rec.data.UserContext;
import org.metarec.algorithms.rec.mapping.DomainFactors;
import org.metarec.algorithms.rec.mapping.Emcdr;
import org.metarec.algorithms.rec.mapping.MappingSettings;
import org.metarec.algorithms.rec.mapping.Ptupcdr;
import org.metarec.algorithms.rec.mapping.PtupcdrBridge;
import org.metarec.algorithms.rec.model.MatrixFactorization;
import org.metarec.autodiff.Init;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.check.GradCheck;
import org.metarec.autodiff.check.Property;
import org.metarec.autodiff.nn.MLP;
import org.metarec.core.data.Interactions;
import org.metarec.core.data.NegativeSampler;

/**
 * The implicit forms of EMCDR and PTUPCDR: PTUPCDR's bridge loss under BPR and BCE against a direct computation from
 * the bridge's scores and its gradient against finite differences (seeded cases: user, interactions, negatives per
 * interaction); the hidden-row guard; and EMCDR's mapping recovering a deterministic source-to-target relation.
 */
class ImplicitTransferTest {

    private static final int USERS = 6;
    private static final int ITEMS = 12;   // domain a: items 0..5, domain b (the target): 6..11
    private static final int DIM = 3;

    private static DomainFactors factors(SplittableRandom rng) {
        MatrixFactorization mf = new MatrixFactorization(ITEMS, DIM, 0, 0.0, 0.5);
        Params p = mf.initPooled(rng, USERS).with(MatrixFactorization.ITEM_BIAS, Init.normal(ITEMS, 1, 0.3, rng))
                .with(MatrixFactorization.USER_BIAS, Init.normal(USERS, 1, 0.3, rng));
        return DomainFactors.of(mf, p, IntStream.range(0, USERS).toArray(), 0.01);
    }

    private static NegativeSampler targetNegatives(Interactions x, long seed) {
        int[][] known = new int[USERS][];
        for (int u = 0; u < USERS; u++) {
            known[u] = Arrays.stream(x.rowsOf(u, 1)).map(x::item).sorted().toArray();
        }
        return new NegativeSampler(IntStream.range(ITEMS / 2, ITEMS).toArray(), known, ITEMS, seed, "test");
    }

    /** One seeded case: a user with source history, some of its target rows, a bridge away from its identity start. */
    private record Setup(Interactions x, PtupcdrBridge bridge, Params params, DomainFactors source, DomainFactors target,
                         UserContext user, int[] rows, NegativeSampler negatives) {
        static Setup of(Property.Case c) {
            return of(c.seed(), c.rows());
        }

        static Setup of(long seed, int positives) {
            Interactions x = ImplicitFixtures.random(USERS, ITEMS, seed);
            SplittableRandom rng = new SplittableRandom(seed + 17);
            NegativeSampler negatives = targetNegatives(x, seed);
            int[] eligible = IntStream.range(0, USERS).filter(u -> x.rowsOf(u, 0).length > 0 && x.rowsOf(u, 1).length > 0
                    && negatives.available(u) > 0).toArray();
            int u = eligible[rng.nextInt(eligible.length)];
            int[] targetRows = x.rowsOf(u, 1);
            int[] rows = Arrays.copyOf(targetRows, Math.min(positives, targetRows.length));
            PtupcdrBridge bridge = new PtupcdrBridge(DIM, 4);
            Params p = bridge.init(rng);
            p = p.with("meta.W2", Init.normal(4, DIM * DIM + 1, 0.5, rng));
            return new Setup(x, bridge, p, factors(rng), factors(rng),
                    ImplicitTransfer.context(u, 1, Arrays.stream(x.rowsOf(u, 0)).map(x::item).toArray()), rows, negatives);
        }

        Ptupcdr.UserLoss loss(ImplicitTransfer.Objective o, int perPositive) {
            return ImplicitTransfer.bridgeLoss(o, bridge, source, target, user, new ImplicitBatches(x), rows, negatives,
                    perPositive);
        }
    }

    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    @Test
    void bridgeLossesAreTheirFormulasOnTheBridgesScores() {
        Property.forAll("implicit bridge loss values", 301L, 16, 4, c -> {
            Setup s = Setup.of(c);
            int n = s.rows().length;
            for (ImplicitTransfer.Objective o : ImplicitTransfer.Objective.values()) {
                int m = o == ImplicitTransfer.Objective.BPR ? 1 : c.cols();
                long draw = c.intIn(0, 1000);
                int[] drawn = s.negatives().sample(s.user().user(), Math.min(n * m, s.negatives().available(s.user().user())),
                        draw);
                int[] items = new int[n * (1 + m)];
                for (int k = 0; k < n; k++) {
                    items[k] = s.x().item(s.rows()[k]);
                }
                for (int k = 0; k < n * m; k++) {
                    items[n + k] = drawn[k % drawn.length];
                    assertTrue(items[n + k] >= ITEMS / 2, "a negative is a target item");
                }
                double[] score = s.bridge().apply(s.params(), Ptupcdr.input(s.bridge(), s.source(), s.target(), s.user(),
                        items, Ptupcdr.meanBias(s.target()))).toArray();
                double expected = 0;
                if (o == ImplicitTransfer.Objective.BPR) {
                    for (int k = 0; k < n; k++) {
                        expected += -Math.log(1 / (1 + Math.exp(-(score[k] - score[n + k])))) / n;
                    }
                } else {
                    for (int k = 0; k < score.length; k++) {
                        expected += (softplus(score[k]) - (k < n ? score[k] : 0)) / score.length;
                    }
                }
                assertEquals(expected, s.loss(o, c.cols()).apply(s.params(), draw).item(), 1e-9, o + " " + c);
            }
        });
    }

    @Test
    void bridgeLossGradientsMatchFiniteDifferences() {
        for (ImplicitTransfer.Objective o : ImplicitTransfer.Objective.values()) {
            Property.forAll("implicit bridge loss gradient, " + o, 311L + o.ordinal(), 10, 3, c -> {
                Setup s = Setup.of(c);
                Ptupcdr.UserLoss loss = s.loss(o, c.cols());
                long draw = c.intIn(0, 1000);
                Params like = s.params();
                GradCheck.check(xs -> loss.apply(like.withValues(xs), draw), like.tensors());
            });
        }
    }

    @Test
    void theDrawChoosesTheNegatives() {
        Property.forAll("draws", 321L, 6, 3, c -> {
            Setup s = Setup.of(c);
            Ptupcdr.UserLoss loss = s.loss(ImplicitTransfer.Objective.BCE, 3);
            assertEquals(loss.apply(s.params(), 4).item(), loss.apply(s.params(), 4).item(), 0.0, "same draw, same loss");
        });
        // With many allowed items, two draws differ somewhere across users.
        boolean differs = false;
        for (long seed = 1; seed <= 5 && !differs; seed++) {
            Setup s = Setup.of(seed, 2);
            Ptupcdr.UserLoss loss = s.loss(ImplicitTransfer.Objective.BCE, 2);
            differs = loss.apply(s.params(), 1).item() != loss.apply(s.params(), 2).item();
        }
        assertTrue(differs, "another draw, other negatives");
    }

    @Test
    void aHiddenTargetRowNeverReachesTheBridgesLoss() {
        Setup s = Setup.of(3, 3);
        ImplicitBatches hiding = new ImplicitBatches(s.x()).hiding(new int[] {s.rows()[0]});
        assertThrows(HiddenRowException.class, () -> ImplicitTransfer.bridgeLoss(ImplicitTransfer.Objective.BPR,
                s.bridge(), s.source(), s.target(), s.user(), hiding, s.rows(), s.negatives(), 1));
    }

    @Test
    void emcdrsMappingRecoversADeterministicSourceToTargetRelation() {
        // Target factors are a fixed smooth function of the source factors; the fitted mapping must predict unseen users.
        SplittableRandom rng = new SplittableRandom(41);
        int users = 120;
        MatrixFactorization mf = new MatrixFactorization(4, 2, 0, 0.0, 0.5);
        Params src = mf.initPooled(rng, users);
        double[] s = src.get(MatrixFactorization.USER_VEC).data().data;
        double[] t = new double[s.length];
        for (int u = 0; u < users; u++) {
            t[2 * u] = Math.tanh(s[2 * u] - s[2 * u + 1]);
            t[2 * u + 1] = 0.5 * s[2 * u] + 0.3;
        }
        Params tgt = src.with(MatrixFactorization.USER_VEC, Tensor.constant(org.ejml.data.DMatrixRMaj.wrap(users, 2, t)));
        int[] train = IntStream.range(0, 100).toArray();
        DomainFactors source = DomainFactors.of(mf, src, IntStream.range(0, users).toArray(), 0.01);
        DomainFactors target = DomainFactors.of(mf, tgt, IntStream.range(0, users).toArray(), 0.01);
        MLP net = Emcdr.network(2, 16);
        long[] checkpoints = new long[1];
        Params fitted = Emcdr.fitMapping(net, net.init(new SplittableRandom(2)), source, target, train,
                new MappingSettings(16, 1500, 1, 0.01, 500), (step, p) -> {
                    checkpoints[0]++;
                    return true;
                });
        assertEquals(4, checkpoints[0], "steps 0, 500, 1000, 1500");
        double err = 0;
        double spread = 0;
        for (int u = 100; u < users; u++) {
            double[] mapped = Emcdr.map(net, fitted, source.userFactors(u, new int[0], new double[0]));
            double[] truth = target.userFactors(u, new int[0], new double[0]);
            for (int j = 0; j < 3; j++) {
                err += (mapped[j] - truth[j]) * (mapped[j] - truth[j]);
                spread += truth[j] * truth[j];
            }
        }
        assertTrue(err < 0.05 * spread, "held-out squared error " + err + " vs " + spread);
        // The start of a user is the mapped factors in the target's cold-start form.
        Params start = ImplicitTransfer.emcdrStart(net, fitted, source, target, 105);
        assertArrayEquals(Arrays.copyOf(Emcdr.map(net, fitted, source.userFactors(105, new int[0], new double[0])), 2),
                start.get(MatrixFactorization.USER_VEC).data().data, 0.0);
        assertNotEquals(List.of(), start.names());
    }
}
