package org.metarec.algorithms.rec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.UserContext;
import org.metarec.core.data.Interactions;
import org.metarec.core.data.NegativeSampler;
import org.metarec.core.metrics.FullRanking;
import org.metarec.core.metrics.ItemScorer;
import org.metarec.core.metrics.SampledCandidates;
import org.metarec.core.metrics.SampledRanking;
import org.metarec.core.random.Rng;
import org.metarec.core.tasks.RatingTask;

/**
 * What the rating kinds rank for each test task ({@link RankingSettings}), fixed before any method is scored so that
 * every method of a run ranks the same candidates.
 *
 * <p>For the task of user u:
 * <ul>
 *   <li><b>known</b> items: those of the task's support rows and of every row of u that training and model selection
 *       could read (its training rows, its source-domain rows);</li>
 *   <li><b>relevant</b> items: the query items rated at least {@code relevantMinRating} (and not known). A task without
 *       one is skipped: its ranking metrics are NaN, which the results leave out, and {@link #skipped()} counts it;</li>
 *   <li><b>full catalogue</b>: every catalogue item (the target domain's, or a cold-start state's) that is not known,
 *       ranked by predicted rating; ties in the seeded uniform order of {@link FullRanking} (stream
 *       {@code ties/user/<u>});</li>
 *   <li><b>sampled</b>: each relevant item (query row r) with N negatives from the catalogue, distinct and never an item
 *       u rated anywhere in the data (known, query or otherwise), drawn by {@link NegativeSampler} from the stream
 *       {@code ranking/negatives/user/<u>/draw/<r>} of the seed: the same pair gets the same negatives whichever other
 *       pairs are drawn, and whichever method is scored. Its rank among the N + 1 breaks ties uniformly
 *       ({@link SampledRanking#rank}, stream {@code ties/row/<r>}); a user's sampled metrics are the means over its
 *       relevant items.</li>
 * </ul>
 * The negatives are kept as {@link SampledCandidates} and saved in its text format ({@link #write}).
 */
public final class RankingCandidates {

    /** The purpose of the negatives' streams. */
    public static final String NEGATIVES_STREAM = "ranking/negatives";

    private final RankingSettings settings;
    private final long seed;
    private final List<RatingTask> tasks;
    private final int[] catalogue;        // ascending
    private final int[][] known;          // per task, ascending
    private final int[][] relevant;       // per task, ascending
    private final SampledCandidates sampled;   // null when the sampled protocol is off
    private final int[] pairStart;        // per task, its first pair; pairStart[tasks] = pairs
    private final int skipped;

    private RankingCandidates(RankingSettings settings, long seed, List<RatingTask> tasks, int[] catalogue, int[][] known,
                              int[][] relevant, SampledCandidates sampled, int[] pairStart) {
        this.settings = settings;
        this.seed = seed;
        this.tasks = List.copyOf(tasks);
        this.catalogue = catalogue;
        this.known = known;
        this.relevant = relevant;
        this.sampled = sampled;
        this.pairStart = pairStart;
        this.skipped = (int) Arrays.stream(relevant).filter(r -> r.length == 0).count();
    }

    /**
     * Fixes the candidates of {@code tasks}.
     *
     * @param data the interactions
     * @param tasks the test tasks, in report order
     * @param catalogue the items to rank (distinct); every relevant query item must be one
     * @param visible whether training and model selection could read a row (its item is then known to its user)
     * @param settings what to rank
     * @param seed the seed of the negatives and of the tie-breaking streams
     * @return the candidates
     * @throws IllegalArgumentException if a relevant item is not in the catalogue, or a user has fewer than N items it
     *     never rated (naming {@code evaluation.ranking.sampled_negatives})
     */
    public static RankingCandidates build(Interactions data, List<RatingTask> tasks, int[] catalogue, IntPredicate visible,
                                          RankingSettings settings, long seed) {
        int[] items = Arrays.stream(catalogue).distinct().sorted().toArray();
        int n = tasks.size();
        int[][] known = new int[n][];
        int[][] relevant = new int[n][];
        int[][] rated = new int[data.userCount()][];
        for (int t = 0; t < n; t++) {
            RatingTask task = tasks.get(t);
            int u = task.user();
            int[] rows = data.rowsOfUser(u);
            known[t] = java.util.stream.IntStream.concat(Arrays.stream(task.supportRows()),
                    Arrays.stream(rows).filter(visible)).map(data::item).distinct().sorted().toArray();
            int[] k = known[t];
            relevant[t] = Arrays.stream(task.queryRows()).filter(r -> data.rating(r) >= settings.relevantMinRating())
                    .map(data::item).filter(i -> Arrays.binarySearch(k, i) < 0).distinct().sorted().toArray();
            for (int i : relevant[t]) {
                if (Arrays.binarySearch(items, i) < 0) {
                    throw new IllegalArgumentException("ranking: expected every relevant query item in the catalogue, found "
                            + "item " + data.itemIds().rawId(i) + " of user " + data.userIds().rawId(u) + " outside it");
                }
            }
            if (rated[u] == null) {
                rated[u] = Arrays.stream(rows).map(data::item).toArray();
            }
        }
        int[] pairStart = new int[n + 1];
        SampledCandidates sampled = null;
        int m = settings.sampledNegatives();
        if (m > 0) {
            NegativeSampler sampler = new NegativeSampler(items, rated, data.itemCount(), seed, NEGATIVES_STREAM);
            List<Integer> pairRows = new ArrayList<>();
            List<int[]> negatives = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                pairStart[t] = pairRows.size();
                RatingTask task = tasks.get(t);
                int u = task.user();
                if (relevant[t].length > 0 && sampler.available(u) < m) {
                    throw new IllegalArgumentException("evaluation.ranking.sampled_negatives: expected at most "
                            + sampler.available(u) + " (the catalogue's " + items.length + " items minus those user "
                            + data.userIds().rawId(u) + " rated), found " + m);
                }
                boolean[] done = new boolean[relevant[t].length];
                for (int r : task.queryRows()) {
                    int at = Arrays.binarySearch(relevant[t], data.item(r));
                    if (at >= 0 && data.rating(r) >= settings.relevantMinRating() && !done[at]) {
                        done[at] = true;   // an item rated twice in the query is one relevant item
                        pairRows.add(r);
                        negatives.add(sampler.sample(u, m, r));
                    }
                }
            }
            pairStart[n] = pairRows.size();
            int[] rows = pairRows.stream().mapToInt(Integer::intValue).toArray();
            sampled = new SampledCandidates(rows, Arrays.stream(rows).map(data::user).toArray(),
                    Arrays.stream(rows).map(data::item).toArray(), negatives.toArray(int[][]::new), 0);
        }
        return new RankingCandidates(settings, seed, tasks, items, known, relevant, sampled, pairStart);
    }

    /**
     * The settings.
     *
     * @return what is ranked
     */
    public RankingSettings settings() {
        return settings;
    }

    /**
     * The tasks, in report order.
     *
     * @return an unmodifiable list
     */
    public List<RatingTask> tasks() {
        return tasks;
    }

    /**
     * The number of tasks without a relevant query item (not ranked).
     *
     * @return the count
     */
    public int skipped() {
        return skipped;
    }

    /**
     * The sampled candidates, one pair per relevant query item (row, user, item, negatives).
     *
     * @return the pairs, or null when the sampled protocol is off
     */
    public SampledCandidates sampled() {
        return sampled;
    }

    /**
     * The full-catalogue candidates of task {@code t}: the catalogue without the user's known items.
     *
     * @param t a task index
     * @return ascending item indices
     */
    public int[] catalogueCandidates(int t) {
        int[] k = known[t];
        return Arrays.stream(catalogue).filter(i -> Arrays.binarySearch(k, i) < 0).toArray();
    }

    /**
     * The relevant items of task {@code t}.
     *
     * @param t a task index
     * @return ascending item indices; empty when the task is skipped
     */
    public int[] relevant(int t) {
        return relevant[t].clone();
    }

    /**
     * Writes the sampled candidates in the format of {@link SampledCandidates#write} (one line per relevant query
     * item: row, user, item, negatives, with the raw ids of {@code data}); nothing when the sampled protocol is off.
     *
     * @param file the file (its folder must exist)
     * @param data the interactions the candidates were drawn from
     * @throws IOException if it cannot be written
     */
    public void write(Path file, Interactions data) throws IOException {
        if (sampled != null) {
            sampled.write(file, data);
        }
    }

    /**
     * The ranking metrics of task {@code t} for an adapted user: the items ranked are predicted in one batch of the
     * user's context.
     *
     * @param t a task index
     * @param predictor the user's adapted predictor
     * @param factory builds the batch of candidates
     * @param context the user's context, as for the query
     * @return values in the order of {@link RankingSettings#metricNames()}; all NaN when the task has no relevant item
     */
    public double[] score(int t, UserPredictor predictor, BatchFactory factory, UserContext context) {
        List<String> names = settings.metricNames();
        double[] out = new double[names.size()];
        if (relevant[t].length == 0) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        int[] items;
        int[] full = settings.full() ? catalogueCandidates(t) : null;
        if (full != null) {
            items = full;
        } else {
            java.util.stream.IntStream all = Arrays.stream(relevant[t]);
            for (int k = pairStart[t]; k < pairStart[t + 1]; k++) {
                all = java.util.stream.IntStream.concat(all, Arrays.stream(sampled.candidates(k)));
            }
            items = all.distinct().sorted().toArray();
        }
        double[] scores = predictor.predict(factory.forUser(context, items, null));
        int[] ranked = items;
        ItemScorer scorer = (user, asked) -> {
            double[] s = new double[asked.length];
            for (int j = 0; j < asked.length; j++) {
                s[j] = scores[Arrays.binarySearch(ranked, asked[j])];
            }
            return s;
        };
        int user = tasks.get(t).user();
        int c = 0;
        if (full != null) {
            double[] v = FullRanking.evaluate(user, full, relevant[t], scorer, seed, settings.cutoffs());
            System.arraycopy(v, 0, out, 0, v.length);
            c = v.length;
        }
        if (sampled != null) {
            int[] cutoffs = settings.cutoffs();
            int pairs = pairStart[t + 1] - pairStart[t];
            for (int k = pairStart[t]; k < pairStart[t + 1]; k++) {
                int rank = SampledRanking.rank(scorer.scores(user, sampled.candidates(k)),
                        Rng.derive(seed, "ties/row/" + sampled.row(k)));
                double gain = 1 / (StrictMath.log(rank + 2) / StrictMath.log(2));
                for (int j = 0; j < cutoffs.length; j++) {
                    out[c + 2 * j] += rank < cutoffs[j] ? 1 : 0;
                    out[c + 2 * j + 1] += rank < cutoffs[j] ? gain : 0;
                }
                out[c + 2 * cutoffs.length] += 1.0 / (rank + 1);
            }
            for (int j = c; j < out.length; j++) {
                out[j] /= pairs;   // the user's mean over its relevant items
            }
        }
        return out;
    }
}
