package org.metarec.core.data;

import java.util.Arrays;
import java.util.BitSet;
import org.metarec.core.random.Rng;

/**
 * Draws items a user is not known to have chosen ("negatives") from a pool of candidate items, for training losses
 * on implicit feedback and for sampled ranking.
 *
 * <p>Every draw is a pure function of (seed, purpose, user, draw number): its random stream is
 * {@code Rng.derive(seed, purpose + "/user/" + user + "/draw/" + draw)}, not a position in a shared sequence, so the
 * result is the same whichever thread asks and in whatever order. The items of one draw are distinct and never one
 * of the user's known items (for evaluation, all of the user's interactions in the domain: train, valid and test).
 */
public final class NegativeSampler {

    private final int[] pool;
    private final boolean[] inPool;
    private final int[][] known;
    private final long seed;
    private final String purpose;

    /**
     * A sampler over {@code pool}.
     *
     * @param pool the candidate items (distinct item indices); not modified
     * @param knownItems per user index, the items never to return for that user (any order; null or empty: none);
     *     not modified
     * @param itemCount the number of item indices (every pool and known item is below it)
     * @param seed the seed the streams derive from
     * @param purpose the name of the streams, e.g. {@code "negatives/test"}
     */
    public NegativeSampler(int[] pool, int[][] knownItems, int itemCount, long seed, String purpose) {
        this.pool = pool.clone();
        this.inPool = new boolean[itemCount];
        for (int i : this.pool) {
            if (i < 0 || i >= itemCount || inPool[i]) {
                throw new IllegalArgumentException("negative sampler: expected distinct pool items in 0.." + (itemCount - 1)
                        + ", found " + i);
            }
            inPool[i] = true;
        }
        this.known = new int[knownItems.length][];
        for (int u = 0; u < knownItems.length; u++) {
            int[] k = knownItems[u] == null ? new int[0] : knownItems[u].clone();
            Arrays.sort(k);
            this.known[u] = k;
        }
        this.seed = seed;
        this.purpose = purpose;
    }

    /**
     * A sampler over a domain's items: every item known to a user is any item of the user's rows in {@code domain} of
     * {@code data}, whatever their part.
     *
     * @param data the interactions
     * @param domain the domain index
     * @param pool the candidate items
     * @param seed the seed
     * @param purpose the name of the streams
     * @return the sampler
     */
    public static NegativeSampler excludingAllKnown(Interactions data, int domain, int[] pool, long seed, String purpose) {
        int[][] known = new int[data.userCount()][];
        for (int u = 0; u < data.userCount(); u++) {
            int[] rows = data.rowsOf(u, domain);
            int[] items = new int[rows.length];
            for (int k = 0; k < rows.length; k++) {
                items[k] = data.item(rows[k]);
            }
            known[u] = items;
        }
        return new NegativeSampler(pool, known, data.itemCount(), seed, purpose);
    }

    /**
     * Whether {@code item} is a known item of {@code user}.
     *
     * @param user a user index
     * @param item an item index
     * @return true if the sampler never returns it for this user
     */
    public boolean isKnown(int user, int item) {
        return user < known.length && Arrays.binarySearch(known[user], item) >= 0;
    }

    /**
     * How many items of the pool the user may be given.
     *
     * @param user a user index
     * @return the pool's size minus the user's known items in it
     */
    public int available(int user) {
        int n = pool.length;
        if (user < known.length) {
            int[] k = known[user];
            for (int i = 0; i < k.length; i++) {
                if ((i == 0 || k[i] != k[i - 1]) && k[i] < inPool.length && inPool[k[i]]) {
                    n--;
                }
            }
        }
        return n;
    }

    /**
     * Draw number {@code draw} for {@code user}: {@code count} distinct pool items, none known to the user.
     *
     * @param user a user index
     * @param count how many, &ge; 0
     * @param draw which draw (different numbers give independent draws)
     * @return the items, in drawing order
     * @throws IllegalArgumentException if the pool has fewer than {@code count} items the user may be given
     */
    public int[] sample(int user, int count, long draw) {
        int available = available(user);
        if (count < 0 || count > available) {
            throw new IllegalArgumentException("negative sampler " + purpose + ": expected at most " + available
                    + " negatives for user " + user + " (pool " + pool.length + " items, minus its known items), asked for "
                    + count);
        }
        Rng rng = Rng.derive(seed, purpose + "/user/" + user + "/draw/" + draw);
        int[] out = new int[count];
        if (count * 2 <= available) {
            // Few of many: rejection keeps the cost in the number drawn, not the pool size.
            BitSet chosen = new BitSet(inPool.length);
            for (int k = 0; k < count; ) {
                int item = pool[rng.nextInt(pool.length)];
                if (!chosen.get(item) && !isKnown(user, item)) {
                    chosen.set(item);
                    out[k++] = item;
                }
            }
            return out;
        }
        // Most of the allowed items: a partial Fisher-Yates shuffle of exactly those.
        int[] allowed = new int[available];
        int a = 0;
        for (int item : pool) {
            if (!isKnown(user, item)) {
                allowed[a++] = item;
            }
        }
        for (int k = 0; k < count; k++) {
            int j = k + rng.nextInt(available - k);
            int t = allowed[j];
            allowed[j] = allowed[k];
            allowed[k] = t;
            out[k] = t;
        }
        return out;
    }
}
