package org.metarec.algorithms.rec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.metarec.core.metrics.FullRanking;

/**
 * Which ranking metrics the rating kinds add to their test scores ({@link RankingCandidates}): the full-catalogue
 * protocol (HR@k, Recall@k and nDCG@k of the user's relevant query items among every catalogue item the user has not
 * rated in its known data) and the sampled protocol (each relevant query item ranked among N sampled negatives:
 * HR@k, nDCG@k and MRR). A query item is relevant when its rating is at least {@code relevantMinRating}.
 *
 * @param full whether to rank the full catalogue
 * @param cutoffs the cutoffs k, ascending, each at least 1
 * @param sampledNegatives N, the negatives each relevant item is ranked against; 0 turns the sampled protocol off
 * @param relevantMinRating the rating from which a query item is relevant (finite)
 */
public record RankingSettings(boolean full, int[] cutoffs, int sampledNegatives, double relevantMinRating) {

    /** The default cutoffs. */
    public static final List<Integer> DEFAULT_CUTOFFS = List.of(5, 10, 20);
    /** The default relevance threshold (4 on the 1-5 scales of MovieLens and Douban). */
    public static final double DEFAULT_RELEVANT_MIN_RATING = 4;
    /** No ranking metrics: the rating kinds' scores as they were before the section existed. */
    public static final RankingSettings OFF = new RankingSettings(false,
            DEFAULT_CUTOFFS.stream().mapToInt(Integer::intValue).toArray(), 0, DEFAULT_RELEVANT_MIN_RATING);
    /** The prefix of the sampled protocol's metric names. */
    public static final String SAMPLED = "sampled_";

    /** Sorts and checks the cutoffs; copies them. */
    public RankingSettings {
        cutoffs = Arrays.stream(cutoffs).distinct().sorted().toArray();
        if (cutoffs.length == 0 || cutoffs[0] < 1) {
            throw new IllegalArgumentException("ranking cutoffs: expected at least one cutoff, each at least 1, found "
                    + Arrays.toString(cutoffs));
        }
        if (sampledNegatives < 0) {
            throw new IllegalArgumentException("ranking: expected sampled negatives >= 0, found " + sampledNegatives);
        }
        if (!Double.isFinite(relevantMinRating)) {
            throw new IllegalArgumentException("ranking: expected a finite relevance threshold, found " + relevantMinRating);
        }
    }

    /**
     * Whether any ranking metric is computed.
     *
     * @return true when the full or the sampled protocol is on
     */
    public boolean enabled() {
        return full || sampledNegatives > 0;
    }

    /**
     * A copy of the cutoffs.
     *
     * @return ascending cutoffs
     */
    @Override
    public int[] cutoffs() {
        return cutoffs.clone();
    }

    /**
     * The metric names, in the order of {@link RankingCandidates#score}'s values: the full protocol's
     * ({@link FullRanking#metricNames}: {@code full_hrK}, {@code full_recallK}, {@code full_ndcgK} per cutoff) when it is
     * on, then the sampled protocol's ({@code sampled_hrK}, {@code sampled_ndcgK} per cutoff, then {@code sampled_mrr}).
     *
     * @return the names; empty when nothing is on
     */
    public List<String> metricNames() {
        List<String> out = new ArrayList<>();
        if (full) {
            out.addAll(FullRanking.metricNames(cutoffs));
        }
        if (sampledNegatives > 0) {
            for (int k : cutoffs) {
                out.add(SAMPLED + "hr" + k);
                out.add(SAMPLED + "ndcg" + k);
            }
            out.add(SAMPLED + "mrr");
        }
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RankingSettings s && full == s.full && Arrays.equals(cutoffs, s.cutoffs)
                && sampledNegatives == s.sampledNegatives && Double.compare(relevantMinRating, s.relevantMinRating) == 0;
    }

    @Override
    public int hashCode() {
        return ((Boolean.hashCode(full) * 31 + Arrays.hashCode(cutoffs)) * 31 + sampledNegatives) * 31
                + Double.hashCode(relevantMinRating);
    }

    @Override
    public String toString() {
        return "RankingSettings[full=" + full + ", cutoffs=" + Arrays.toString(cutoffs) + ", sampledNegatives="
                + sampledNegatives + ", relevantMinRating=" + relevantMinRating + "]";
    }
}
