package org.metarec.core.synthetic;

import org.metarec.core.random.Rng;

/**
 * Item popularity within each domain of a {@link SyntheticWorld}: Zipf weights 1 / rank^0.8 with the ranks in
 * a random order, sampled by inverting the cumulative weights (binary search).
 */
final class ZipfPopularity {

    private static final double ZIPF_EXPONENT = 0.8;

    private final double[][] cdfs;

    /** Per domain, the cumulative Zipf weights of its items in a random popularity order. */
    ZipfPopularity(SyntheticWorld.Config config) {
        Rng rng = Rng.derive(config.seed(), "synthetic/popularity");
        int m = config.itemsPerDomain();
        cdfs = new double[config.domains()][];
        for (int d = 0; d < config.domains(); d++) {
            int[] rank = rng.permutation(m);
            double[] cdf = new double[m];
            double sum = 0;
            for (int j = 0; j < m; j++) {
                sum += StrictMath.pow(rank[j] + 1, -ZIPF_EXPONENT);
                cdf[j] = sum;
            }
            for (int j = 0; j < m; j++) {
                cdf[j] /= sum;
            }
            cdfs[d] = cdf;
        }
    }

    /** The first index whose cumulative weight exceeds u (binary search). */
    private static int drawFromCdf(double[] cdf, double u) {
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** An item of domain d (local index 0..itemsPerDomain-1) drawn with probability proportional to its weight. */
    int draw(int d, Rng rng) {
        return drawFromCdf(cdfs[d], rng.nextDouble());
    }
}
