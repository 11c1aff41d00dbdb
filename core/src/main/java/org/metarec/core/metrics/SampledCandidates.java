package org.metarec.core.metrics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.metarec.core.data.Interactions;
import org.metarec.core.data.NegativeSampler;

/**
 * The candidates of sampled ranking: for each held-out pair {@code k} (row {@code rows[k]} of the data, user
 * {@code users[k]}, item {@code items[k]}), the {@code N} negatives it is ranked against. Drawn once per seed ({@link #draw}) and saved ({@link #write}), so that
 * every method of a run ranks the same candidates.
 *
 * @param rows the row of the data each pair is
 * @param users the user of each pair
 * @param items the held-out item of each pair
 * @param negatives per pair, its N negatives
 * @param skipped held-out pairs left out because their item never occurs in training (as CDRIB does)
 */
public record SampledCandidates(int[] rows, int[] users, int[] items, int[][] negatives, int skipped) {

    /** Requires one item and one negative list per pair; copies the arrays. */
    public SampledCandidates {
        if (users.length != items.length || users.length != negatives.length || users.length != rows.length) {
            throw new IllegalArgumentException("sampled candidates: expected one item and one negative list per pair, found "
                    + users.length + " users, " + items.length + " items, " + negatives.length + " lists");
        }
        rows = rows.clone();
        users = users.clone();
        items = items.clone();
        int[][] copy = new int[negatives.length][];
        for (int k = 0; k < negatives.length; k++) {
            copy[k] = negatives[k].clone();
        }
        negatives = copy;
    }

    /**
     * Draws the candidates of held-out rows: pair {@code k} is row {@code heldOut[k]} (in that order, those whose
     * item is in {@code trainItems}); the negatives of row r are draw number r of {@code sampler} for the row's user,
     * so a pair has the same negatives whichever other rows are drawn with it.
     *
     * @param data the interactions
     * @param heldOut the held-out rows (valid or test)
     * @param trainItems which items occur in training; pairs of other items are skipped
     * @param sampler the sampler (its pool: the domain's training items; its known items: all of the user's)
     * @param n negatives per pair (CDRIB: 999)
     * @return the candidates
     */
    public static SampledCandidates draw(Interactions data, int[] heldOut, boolean[] trainItems, NegativeSampler sampler,
                                         int n) {
        List<Integer> kept = new ArrayList<>();
        for (int r : heldOut) {
            if (trainItems[data.item(r)]) {
                kept.add(r);
            }
        }
        int m = kept.size();
        int[] rows = new int[m];
        int[] users = new int[m];
        int[] items = new int[m];
        int[][] negatives = new int[m][];
        for (int k = 0; k < m; k++) {
            int r = kept.get(k);
            rows[k] = r;
            users[k] = data.user(r);
            items[k] = data.item(r);
            negatives[k] = sampler.sample(users[k], n, r);
        }
        return new SampledCandidates(rows, users, items, negatives, heldOut.length - m);
    }

    /**
     * These candidates without the pairs of {@code rows} (e.g. a cold user's support interactions, which are not
     * scored).
     *
     * @param excluded rows of the data
     * @return the remaining pairs, in order, with their negatives
     */
    public SampledCandidates without(java.util.Set<Integer> excluded) {
        int[] keep = java.util.stream.IntStream.range(0, rows.length).filter(k -> !excluded.contains(rows[k])).toArray();
        int[][] negs = new int[keep.length][];
        for (int j = 0; j < keep.length; j++) {
            negs[j] = negatives[keep[j]];
        }
        return new SampledCandidates(java.util.Arrays.stream(keep).map(k -> rows[k]).toArray(),
                java.util.Arrays.stream(keep).map(k -> users[k]).toArray(),
                java.util.Arrays.stream(keep).map(k -> items[k]).toArray(), negs, skipped);
    }

    /**
     * The number of pairs.
     *
     * @return the count
     */
    public int size() {
        return users.length;
    }

    /**
     * A copy of the user of each pair.
     *
     * @return the user of each pair
     */
    @Override
    public int[] users() {
        return users.clone();
    }

    /**
     * A copy of the held-out item of each pair.
     *
     * @return the held-out item of each pair
     */
    @Override
    public int[] items() {
        return items.clone();
    }

    /**
     * A copy of each pair's negatives.
     *
     * @return each pair's negatives
     */
    @Override
    public int[][] negatives() {
        int[][] copy = new int[negatives.length][];
        for (int k = 0; k < negatives.length; k++) {
            copy[k] = negatives[k].clone();
        }
        return copy;
    }

    /**
     * Row of pair {@code k}.
     *
     * @param k the pair
     * @return its row of the data
     */
    public int row(int k) {
        return rows[k];
    }

    /**
     * User of pair {@code k}.
     *
     * @param k the pair
     * @return its user index
     */
    public int user(int k) {
        return users[k];
    }

    /**
     * The candidates of pair {@code k}: its held-out item first, then its negatives.
     *
     * @param k the pair
     * @return N + 1 items
     */
    public int[] candidates(int k) {
        int[] c = new int[negatives[k].length + 1];
        c[0] = items[k];
        System.arraycopy(negatives[k], 0, c, 1, negatives[k].length);
        return c;
    }

    /**
     * Writes the candidates as text, one pair a line: {@code row TAB user TAB item TAB negative,negative,...} with the
     * row index and the raw ids of {@code data}, after a header line.
     *
     * @param file the file (its folder must exist)
     * @param data the interactions whose ids the indices are
     * @throws IOException if it cannot be written
     */
    public void write(Path file, Interactions data) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("row\tuser\titem\tnegatives\n");
            for (int k = 0; k < users.length; k++) {
                w.write(Integer.toString(rows[k]));
                w.write('\t');
                w.write(data.userIds().rawId(users[k]));
                w.write('\t');
                w.write(data.itemIds().rawId(items[k]));
                w.write('\t');
                for (int j = 0; j < negatives[k].length; j++) {
                    if (j > 0) {
                        w.write(',');
                    }
                    w.write(data.itemIds().rawId(negatives[k][j]));
                }
                w.write('\n');
            }
        }
    }

    /**
     * Reads candidates written by {@link #write} ({@code skipped} is not stored and reads as 0).
     *
     * @param file the file
     * @param data the interactions whose raw ids it names
     * @return the candidates
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException for a malformed line or an unknown id, naming {@code file:line}
     */
    public static SampledCandidates read(Path file, Interactions data) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int m = Math.max(0, lines.size() - 1);
        int[] rows = new int[m];
        int[] users = new int[m];
        int[] items = new int[m];
        int[][] negatives = new int[m][];
        for (int k = 0; k < m; k++) {
            String where = file.getFileName() + ":" + (k + 2) + ": ";
            String[] f = lines.get(k + 1).split("\t", -1);
            if (f.length != 4) {
                throw new IllegalArgumentException(where + "expected 4 tab-separated fields (row, user, item, negatives), "
                        + "found " + f.length);
            }
            try {
                rows[k] = Integer.parseInt(f[0]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + "expected the row as an integer, found '" + f[0] + "'", e);
            }
            if (rows[k] < 0 || rows[k] >= data.size()) {
                throw new IllegalArgumentException(where + "expected a row in 0.." + (data.size() - 1) + ", found " + rows[k]);
            }
            users[k] = index(data.userIds().indexOf(f[1]), where, "user", f[1]);
            items[k] = index(data.itemIds().indexOf(f[2]), where, "item", f[2]);
            String[] negs = f[3].isEmpty() ? new String[0] : f[3].split(",", -1);
            negatives[k] = new int[negs.length];
            for (int j = 0; j < negs.length; j++) {
                negatives[k][j] = index(data.itemIds().indexOf(negs[j]), where, "item", negs[j]);
            }
        }
        return new SampledCandidates(rows, users, items, negatives, 0);
    }

    private static int index(int index, String where, String what, String raw) {
        if (index < 0) {
            throw new IllegalArgumentException(where + "expected a " + what + " id of the data, found '" + raw + "'");
        }
        return index;
    }

    /**
     * Equality of the pairs and negatives (not of {@code skipped}, which a file does not keep).
     *
     * @param o another object
     * @return true if the same pairs are ranked against the same negatives
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof SampledCandidates c && Arrays.equals(rows, c.rows) && Arrays.equals(users, c.users) && Arrays.equals(items, c.items)
                && Arrays.deepEquals(negatives, c.negatives);
    }

    /**
     * Hash consistent with {@link #equals(Object)}.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return (Arrays.hashCode(users) * 31 + Arrays.hashCode(items)) * 31 + Arrays.deepHashCode(negatives);
    }

    /**
     * A short description.
     *
     * @return text
     */
    @Override
    public String toString() {
        return "SampledCandidates[" + users.length + " pairs, " + (negatives.length == 0 ? 0 : negatives[0].length)
                + " negatives each, " + skipped + " skipped]";
    }
}
