package org.metarec.core.metrics;

import java.util.List;
import org.metarec.core.random.Rng;

/**
 * Sampled ranking as CDRIB evaluates cold-start users (Cao et al., ICDE 2022; read in its repository
 * {@code cjx96/CDRIB}, files {@code CDRIB/train_rec.py}, function {@code predict}, and {@code CDRIB/utils/loader.py},
 * {@code read_test_data}): each held-out (user, item) pair is ranked against N = 999 negatives drawn from the domain's
 * training items, and with its 0-based rank r the pair scores MRR {@code 1/(r+1)}, NDCG@k {@code 1/log2(r+2)} if
 * {@code r < k} (else 0) and HR@k {@code [r < k]}, averaged over pairs; pairs whose item never occurs in training are
 * skipped.
 *
 * <p>Two departures, both to make methods comparable: the negatives exclude all of the user's known items in the
 * domain (CDRIB checks them only for the source domain's test file) and are drawn once per seed and saved
 * ({@link SampledCandidates}; CDRIB draws anew at every evaluation); and they are distinct within a pair (CDRIB draws
 * with replacement).
 *
 * <p>Ties: the held-out item's rank is {@code higher + t} where {@code higher} counts negatives scored strictly
 * higher and {@code t} is uniform on {@code 0..ties} (the negatives scored equal), drawn from the stream
 * {@code Rng.derive(seed, "ties/row/" + r)} of the pair's row r: a constant scorer ranks the item uniformly among the N + 1 candidates,
 * which is what ties deserve, and the result depends neither on the order of the candidates nor on which other
 * pairs are scored. (CDRIB's double argsort
 * leaves ties to numpy's sort order.)
 */
public final class SampledRanking {

    /** The metric names, in output order. */
    public static final List<String> METRICS = List.of("mrr", "ndcg5", "ndcg10", "hr1", "hr5", "hr10");

    private SampledRanking() {
    }

    /**
     * Every pair's metrics.
     *
     * @param candidates the pairs and their negatives
     * @param scorer the method's scores
     * @param seed the seed of the tie-breaking streams
     * @return {@code [metric][pair]} in the order of {@link #METRICS}
     */
    public static double[][] evaluate(SampledCandidates candidates, ItemScorer scorer, long seed) {
        double[][] out = new double[METRICS.size()][candidates.size()];
        for (int k = 0; k < candidates.size(); k++) {
            double[] s = scorer.scores(candidates.user(k), candidates.candidates(k));
            int rank = rank(s, Rng.derive(seed, "ties/row/" + candidates.row(k)));
            double[] m = metrics(rank);
            for (int j = 0; j < m.length; j++) {
                out[j][k] = m[j];
            }
        }
        return out;
    }

    /**
     * The 0-based rank of {@code scores[0]} among all of {@code scores}, ties broken uniformly by {@code rng}.
     *
     * @param scores the held-out item's score first, then the negatives'
     * @param rng the tie-breaking stream
     * @return the number of candidates ranked above it
     * @throws IllegalArgumentException if a score is not finite
     */
    public static int rank(double[] scores, Rng rng) {
        double s = scores[0];
        if (!Double.isFinite(s)) {
            throw new IllegalArgumentException("sampled ranking: expected finite scores, found " + s + " for the held-out item");
        }
        int higher = 0;
        int ties = 0;
        for (int j = 1; j < scores.length; j++) {
            if (!Double.isFinite(scores[j])) {
                throw new IllegalArgumentException("sampled ranking: expected finite scores, found " + scores[j]
                        + " for candidate " + j);
            }
            if (scores[j] > s) {
                higher++;
            } else if (scores[j] == s) {
                ties++;
            }
        }
        return ties == 0 ? higher : higher + rng.nextInt(ties + 1);
    }

    /**
     * The metrics of one 0-based rank.
     *
     * @param rank the number of candidates above the held-out item
     * @return MRR, NDCG@5, NDCG@10, HR@1, HR@5, HR@10
     */
    public static double[] metrics(int rank) {
        double gain = 1 / (Math.log(rank + 2) / Math.log(2));
        return new double[] {1.0 / (rank + 1), rank < 5 ? gain : 0, rank < 10 ? gain : 0, rank < 1 ? 1 : 0,
            rank < 5 ? 1 : 0, rank < 10 ? 1 : 0};
    }
}
