package org.metarec.experiments.study.implicit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.metarec.algorithms.rec.implicit.ImplicitBatches;
import org.metarec.core.data.Interactions;
import org.metarec.core.data.SplitDataset;
import org.metarec.core.data.SplitPart;
import org.metarec.core.random.Rng;

/**
 * One source to target direction of a released cold-start split, with K of each cold user's validation interactions
 * revealed as support.
 *
 * <p>The cold users are those with target interactions in the valid or test file (CDRIB's split moved all of them
 * there). With K = 0 (CDRIB's setting) a cold user has nothing in the target; with K &gt; 0, K of its validation rows,
 * chosen by the stream {@code Rng.derive(seed, "support/user/" + u)}, are its support (all of them if it has fewer),
 * selection scores the rest of the validation rows and the test rows are unchanged. Training sees only training rows:
 * {@link #training()} hides every validation and test row of both domains, {@link #adaptation()} shows only the
 * support rows besides them.
 *
 * @param data the loaded scenario
 * @param source the source domain index
 * @param target the target domain index
 * @param k the number of support interactions per cold user
 * @param coldUsers the cold users of the target, ascending
 * @param support per cold user, its support rows (empty for K = 0)
 */
public record ImplicitSplit(SplitDataset data, int source, int target, int k, int[] coldUsers, Map<Integer, int[]> support) {

    /**
     * The split of direction {@code source -> target} with K support interactions.
     *
     * @param data the scenario
     * @param source the source domain
     * @param target the target domain
     * @param k K, &ge; 0
     * @param seed the seed of the support draw
     * @return the split
     */
    public static ImplicitSplit of(SplitDataset data, int source, int target, int k, long seed) {
        if (source == target) {
            throw new IllegalArgumentException("implicit split: expected two different domains, found " + source + " twice");
        }
        if (k < 0) {
            throw new IllegalArgumentException("evaluation.support_sizes: expected K >= 0, found " + k);
        }
        Interactions x = data.interactions();
        int[] cold = data.heldOutUsers(target);
        Map<Integer, int[]> support = new LinkedHashMap<>();
        for (int u : cold) {
            int[] valid = Arrays.stream(x.rowsOf(u, target)).filter(r -> data.part(r) == SplitPart.VALID).toArray();
            Rng.derive(seed, "support/user/" + u).shuffle(valid);
            int[] chosen = Arrays.copyOf(valid, Math.min(k, valid.length));
            Arrays.sort(chosen);
            support.put(u, chosen);
        }
        return new ImplicitSplit(data, source, target, k, cold, support);
    }

    /** Copies the users and the support lists. */
    public ImplicitSplit {
        coldUsers = coldUsers.clone();
        Map<Integer, int[]> copy = new LinkedHashMap<>();
        support.forEach((u, rows) -> copy.put(u, rows.clone()));
        support = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * The cold users.
     *
     * @return a copy
     */
    @Override
    public int[] coldUsers() {
        return coldUsers.clone();
    }

    /**
     * A cold user's support rows.
     *
     * @param user a cold user
     * @return its K (or fewer) revealed validation rows; empty for K = 0 or a user not cold
     */
    public int[] supportOf(int user) {
        int[] rows = support.get(user);
        return rows == null ? new int[0] : rows.clone();
    }

    /**
     * Every support row of every cold user.
     *
     * @return the rows
     */
    public Set<Integer> supportRows() {
        Set<Integer> all = new HashSet<>();
        support.values().forEach(rows -> Arrays.stream(rows).forEach(all::add));
        return all;
    }

    /**
     * The rows of the domains that training may use.
     *
     * @param domains domain indices
     * @return their training rows, ascending
     */
    public int[] trainRows(int... domains) {
        List<Integer> rows = new ArrayList<>();
        for (int d : domains) {
            Arrays.stream(data.rows(SplitPart.TRAIN, d)).forEach(rows::add);
        }
        return rows.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /**
     * The target's validation rows that selection scores: all of them but the support rows.
     *
     * @return rows, ascending
     */
    public int[] selectionRows() {
        Set<Integer> shown = supportRows();
        return Arrays.stream(data.rows(SplitPart.VALID, target)).filter(r -> !shown.contains(r)).toArray();
    }

    /**
     * The target's test rows.
     *
     * @return rows, ascending
     */
    public int[] testRows() {
        return data.rows(SplitPart.TEST, target);
    }

    /**
     * Which target items occur in training (the pool of negatives; held-out pairs of other items are skipped).
     *
     * @return per item index, whether it has a target training row
     */
    public boolean[] targetTrainItems() {
        boolean[] seen = new boolean[data.interactions().itemCount()];
        for (int r : data.rows(SplitPart.TRAIN, target)) {
            seen[data.interactions().item(r)] = true;
        }
        return seen;
    }

    /**
     * The target's training items, ascending.
     *
     * @return item indices
     */
    public int[] targetPool() {
        boolean[] seen = targetTrainItems();
        return IntStream.range(0, seen.length).filter(i -> seen[i]).toArray();
    }

    /**
     * The batches of training: every validation and test row of both domains is hidden.
     *
     * @return the guarded factory
     */
    public ImplicitBatches training() {
        return new ImplicitBatches(data.interactions()).hiding(heldOut(Set.of()));
    }

    /**
     * The batches of a cold user's adaptation: as {@link #training()}, but the support rows are shown.
     *
     * @return the guarded factory
     */
    public ImplicitBatches adaptation() {
        return new ImplicitBatches(data.interactions()).hiding(heldOut(supportRows()));
    }

    private int[] heldOut(Set<Integer> shown) {
        return IntStream.range(0, data.interactions().size())
                .filter(r -> data.part(r) != SplitPart.TRAIN && !shown.contains(r)).toArray();
    }
}
