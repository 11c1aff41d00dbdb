package org.metarec.experiments.study.implicit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.algorithms.rec.data.HiddenRowException;
import org.metarec.algorithms.rec.data.SlotMode;
import org.metarec.algorithms.rec.implicit.BprTraining;
import org.metarec.algorithms.rec.implicit.ImplicitTransfer;
import org.metarec.algorithms.rec.mapping.DomainFactors;
import org.metarec.algorithms.rec.mapping.PtupcdrBridge;
import org.metarec.algorithms.rec.model.MatrixFactorization;
import org.metarec.core.data.NegativeSampler;
import org.metarec.core.data.Interactions;
import org.metarec.core.data.SplitDataset;
import org.metarec.core.data.SplitPart;
import org.metarec.core.data.io.CdribLoader;
import org.metarec.core.data.io.LoadOptions;

/**
 * The hidden-row guard of the implicit study: the cold users' target interactions never reach training (not as a
 * positive of any batch), only the support rows reach adaptation, selection never scores a support or test row, and
 * the test pairs do not change with K.
 */
class ImplicitSplitTest {

    @TempDir
    Path tmp;

    private SplitDataset load() throws IOException {
        return CdribLoader.load(CdribFixture.write(tmp, 5), CdribLoader.Scenario.GAME_VIDEO, new LoadOptions(false, false));
    }

    @Test
    void coldUsersTargetInteractionsNeverReachTrainingOrSelection() throws IOException {
        SplitDataset data = load();
        Interactions x = data.interactions();
        int game = 0;
        int video = 1;
        int[] testAtZero = ImplicitSplit.of(data, game, video, 0, 1).testRows();
        for (int k : List.of(0, 1, 3)) {
            ImplicitSplit split = ImplicitSplit.of(data, game, video, k, 1);
            assertEquals(8, split.coldUsers().length, "users 22..29 are cold in video");
            Set<Integer> cold = Set.copyOf(Arrays.stream(split.coldUsers()).boxed().toList());
            int[] train = split.trainRows(game, video);
            for (int r : train) {
                assertEquals(SplitPart.TRAIN, data.part(r));
                assertFalse(x.domain(r) == video && cold.contains(x.user(r)), "a cold user's video row is a training row");
            }
            // The training batches refuse every held-out row; adaptation takes the support rows and no other.
            int[] heldOut = IntStream.range(0, x.size()).filter(r -> data.part(r) != SplitPart.TRAIN).toArray();
            for (int r : heldOut) {
                assertTrue(split.training().isHidden(r), "row " + r);
                assertEquals(!split.supportRows().contains(r), split.adaptation().isHidden(r), "row " + r);
            }
            assertThrows(HiddenRowException.class, () -> split.training().labelled(new int[] {heldOut[0]}, new int[0],
                    SlotMode.PER_USER));
            Set<Integer> support = split.supportRows();
            for (int u : split.coldUsers()) {
                int[] s = split.supportOf(u);
                long valid = Arrays.stream(x.rowsOf(u, video)).filter(r -> data.part(r) == SplitPart.VALID).count();
                assertEquals(Math.min(k, valid), s.length, "K support rows, or all valid rows of a user with fewer");
                for (int r : s) {
                    assertEquals(SplitPart.VALID, data.part(r), "support comes from the validation file");
                }
            }
            for (int r : split.selectionRows()) {
                assertEquals(SplitPart.VALID, data.part(r));
                assertFalse(support.contains(r), "selection scores a support row");
            }
            assertEquals(Arrays.stream(data.rows(SplitPart.VALID, video)).count(),
                    split.selectionRows().length + support.size());
            assertArrayEquals(testAtZero, split.testRows(), "the test pairs do not change with K");
        }
    }

    @Test
    void theSupportGrowsWithKAndDependsOnTheSeed() throws IOException {
        SplitDataset data = load();
        ImplicitSplit one = ImplicitSplit.of(data, 0, 1, 1, 1);
        ImplicitSplit three = ImplicitSplit.of(data, 0, 1, 3, 1);
        for (int u : one.coldUsers()) {
            for (int r : one.supportOf(u)) {
                assertTrue(Arrays.stream(three.supportOf(u)).anyMatch(s -> s == r), "user " + u + ": K = 1 inside K = 3");
            }
        }
        boolean differs = false;
        ImplicitSplit other = ImplicitSplit.of(data, 0, 1, 1, 2);
        for (int u : one.coldUsers()) {
            differs |= !Arrays.equals(one.supportOf(u), other.supportOf(u));
        }
        assertTrue(differs, "another seed reveals other interactions");
    }

    @Test
    void theTransferMethodsTrainingRefusesEveryHeldOutRow() throws IOException {
        SplitDataset data = load();
        Interactions x = data.interactions();
        int video = 1;
        ImplicitSplit split = ImplicitSplit.of(data, 0, video, 2, 1);
        MatrixFactorization mf = new MatrixFactorization(x.itemCount(), 2, 0, 0.0, 0.1);
        BprTraining.Settings bpr = new BprTraining.Settings(1, 1 << 20, 0.01, 0.0);
        int[] pool = split.targetPool();
        NegativeSampler negatives = new NegativeSampler(pool, new int[x.userCount()][0], x.itemCount(), 1, "t");
        // emcdr's and ptupcdr's factors: BPR through split.training(), which refuses any held-out row of either domain.
        for (int d = 0; d < 2; d++) {
            int domain = d;
            int[] heldOut = Arrays.stream(x.rowsInDomain(d)).filter(r -> data.part(r) != SplitPart.TRAIN).toArray();
            assertTrue(heldOut.length > 0);
            for (int r : new int[] {heldOut[0], heldOut[heldOut.length - 1]}) {
                int[] rows = IntStream.concat(Arrays.stream(split.trainRows(domain)), IntStream.of(r)).toArray();
                assertThrows(HiddenRowException.class, () -> ImplicitTransfer.factors(mf, mf.initPooled(
                        new java.util.SplittableRandom(1), x.userCount()), split.training(), rows, negatives, bpr,
                        org.metarec.core.random.Rng.derive(1, "t")), "domain " + domain + ", row " + r);
            }
        }
        // ptupcdr's bridge loss: a cold user's validation and test rows are refused in training, and in adaptation
        // everything but the support.
        MatrixFactorization model = new MatrixFactorization(x.itemCount(), 2, 0, 0.0, 0.1);
        DomainFactors factors = DomainFactors.of(model, model.initPooled(new java.util.SplittableRandom(2), x.userCount()),
                IntStream.range(0, x.userCount()).toArray(), 0.01);
        PtupcdrBridge bridge = new PtupcdrBridge(2, 3);
        for (int u : split.coldUsers()) {
            var context = ImplicitTransfer.context(u, video, Arrays.stream(x.rowsOf(u, 0)).map(x::item).toArray());
            for (int r : x.rowsOf(u, video)) {
                assertThrows(HiddenRowException.class, () -> ImplicitTransfer.bridgeLoss(ImplicitTransfer.Objective.BPR,
                        bridge, factors, factors, context, split.training(), new int[] {r}, negatives, 1), "row " + r);
                if (!split.supportRows().contains(r)) {
                    assertThrows(HiddenRowException.class, () -> ImplicitTransfer.bridgeLoss(
                            ImplicitTransfer.Objective.BCE, bridge, factors, factors, context, split.adaptation(),
                            new int[] {r}, negatives, 2), "row " + r);
                }
            }
            for (int r : split.supportOf(u)) {
                ImplicitTransfer.bridgeLoss(ImplicitTransfer.Objective.BCE, bridge, factors, factors, context,
                        split.adaptation(), new int[] {r}, negatives, 2);
            }
        }
    }
}
