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
}
