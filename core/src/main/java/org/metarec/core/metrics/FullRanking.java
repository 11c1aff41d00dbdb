package org.metarec.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.metarec.core.random.Rng;

/**
 * Full-catalogue ranking: a user's candidates are all of the domain's items the user has no training interaction with,
 * and with the user's held-out items as the relevant ones, at each cutoff k = 5, 10, 20: HR@k (1 if a held-out item is
 * in the top k), Recall@k (the share of held-out items in the top k) and nDCG@k (binary gains {@code 1/log2(p+2)} at
 * 0-based positions p of the top k, over the ideal {@code sum_{p < min(k, |held out|)} 1/log2(p+2)}), averaged over
 * users.
 *
 * <p>Ties: candidates are ordered by score, then by a random key per candidate from the stream
 * {@code Rng.derive(seed, "ties/user/" + user)}, so equal scores are in a seeded uniform order.
 */
public final class FullRanking {

    /** The cutoffs. */
    public static final int[] CUTOFFS = {5, 10, 20};

    /** The metric names, in output order: per cutoff, {@code full_hrK}, {@code full_recallK}, {@code full_ndcgK}. */
    public static final List<String> METRICS = names();

    private FullRanking() {
    }

    private static List<String> names() {
        return metricNames(CUTOFFS);
    }

    /**
     * The metric names of {@link #evaluate(int, int[], int[], ItemScorer, long, int[])} at {@code cutoffs}.
     *
     * @param cutoffs the cutoffs, in output order
     * @return per cutoff k, {@code full_hrK}, {@code full_recallK}, {@code full_ndcgK}
     */
    public static List<String> metricNames(int[] cutoffs) {
        List<String> n = new ArrayList<>();
        for (int k : cutoffs) {
            n.add("full_hr" + k);
            n.add("full_recall" + k);
            n.add("full_ndcg" + k);
        }
        return List.copyOf(n);
    }

    /**
     * One user's metrics.
     *
     * @param user the user index
     * @param candidates the items ranked (the domain's items minus the user's training items); must hold every
     *     held-out item
     * @param heldOut the relevant items (non-empty)
     * @param scorer the method's scores
     * @param seed the seed of the tie-breaking streams
     * @return the values in the order of {@link #METRICS}
     */
    public static double[] evaluate(int user, int[] candidates, int[] heldOut, ItemScorer scorer, long seed) {
        return evaluate(user, candidates, heldOut, scorer, seed, CUTOFFS);
    }

    /**
     * One user's metrics at the given cutoffs (same definitions, ties and streams as at {@link #CUTOFFS}).
     *
     * @param user the user index
     * @param candidates the items ranked; must hold every held-out item
     * @param heldOut the relevant items (non-empty)
     * @param scorer the method's scores
     * @param seed the seed of the tie-breaking streams
     * @param cutoffs the cutoffs k, each at least 1, in ascending order
     * @return the values in the order of {@link #metricNames(int[])}
     */
    public static double[] evaluate(int user, int[] candidates, int[] heldOut, ItemScorer scorer, long seed, int[] cutoffs) {
        for (int j = 0; j < cutoffs.length; j++) {
            if (cutoffs[j] < 1 || j > 0 && cutoffs[j] <= cutoffs[j - 1]) {
                throw new IllegalArgumentException("full ranking: expected ascending cutoffs of at least 1, found "
                        + Arrays.toString(cutoffs));
            }
        }
        if (heldOut.length == 0) {
            throw new IllegalArgumentException("full ranking: expected at least one held-out item for user " + user
                    + ", found none");
        }
        double[] s = scorer.scores(user, candidates);
        Rng rng = Rng.derive(seed, "ties/user/" + user);
        int n = candidates.length;
        double[] key = new double[n];
        for (int j = 0; j < n; j++) {
            if (!Double.isFinite(s[j])) {
                throw new IllegalArgumentException("full ranking: expected finite scores, found " + s[j] + " for item "
                        + candidates[j] + " of user " + user);
            }
            key[j] = rng.nextDouble();
        }
        int top = cutoffs[cutoffs.length - 1];
        int[] order = topPositions(s, key, Math.min(top, n));
        int[] relevant = Arrays.stream(heldOut).distinct().sorted().toArray();
        double[] out = new double[3 * cutoffs.length];
        int c = 0;
        for (int k : cutoffs) {
            int hits = 0;
            double dcg = 0;
            for (int p = 0; p < Math.min(Math.min(k, top), n); p++) {
                if (Arrays.binarySearch(relevant, candidates[order[p]]) >= 0) {
                    hits++;
                    dcg += 1 / log2(p + 2);
                }
            }
            double ideal = 0;
            for (int p = 0; p < Math.min(k, relevant.length); p++) {
                ideal += 1 / log2(p + 2);
            }
            out[c++] = hits > 0 ? 1 : 0;
            out[c++] = (double) hits / relevant.length;
            out[c++] = dcg / ideal;
        }
        return out;
    }

    /**
     * The positions of the {@code k} best candidates, best first: higher score first, ties by the lower key. Only the
     * top {@code k} (the largest cutoff) are needed, so one pass keeps them in a sorted array
     * (O(n k) worst case, about O(n) when scores are in random order) instead of sorting all n candidates; the
     * order is the same as a full sort's, since (score, key) is a total order for distinct keys.
     */
    static int[] topPositions(double[] s, double[] key, int k) {
        int[] best = new int[k];
        int size = 0;
        for (int j = 0; j < s.length; j++) {
            if (size == k && !before(s, key, j, best[k - 1])) {
                continue;
            }
            int at = size == k ? k - 1 : size++;
            while (at > 0 && before(s, key, j, best[at - 1])) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = j;
        }
        return best;
    }

    private static boolean before(double[] s, double[] key, int a, int b) {
        return s[a] != s[b] ? s[a] > s[b] : key[a] < key[b];
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
