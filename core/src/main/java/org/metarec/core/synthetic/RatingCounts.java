package org.metarec.core.synthetic;

import org.metarec.core.random.Rng;

/**
 * How many ratings each user of a {@link SyntheticWorld} gives in each domain: each domain is active with
 * probability domainActivity (at least one is), the total is log-normal with log-sd 1 and the configured
 * mean, at least one per active domain, spread uniformly over the active domains and capped at half of a
 * domain's items.
 */
final class RatingCounts {

    /** Log-sd of the count distribution: MovieLens 100K has mean/median ratings per user near exp(1/2). */
    private static final double COUNT_LOG_SD = 1.0;

    private RatingCounts() {
    }

    /** The count of ratings of each user (first index) in each domain (second index). */
    static int[][] perUserAndDomain(SyntheticWorld.Config config) {
        Rng activity = Rng.derive(config.seed(), "synthetic/activity");
        Rng counts = Rng.derive(config.seed(), "synthetic/counts");
        int nDomains = config.domains();
        int cap = config.itemsPerDomain() / 2;
        double mu = StrictMath.log(config.meanRatingsPerUser()) - COUNT_LOG_SD * COUNT_LOG_SD / 2;
        int[][] out = new int[config.users()][nDomains];
        for (int u = 0; u < config.users(); u++) {
            int[] active = new int[nDomains];
            int nActive = 0;
            for (int d = 0; d < nDomains; d++) {
                if (activity.nextDouble() < config.domainActivity()) {
                    active[nActive++] = d;
                }
            }
            if (nActive == 0) {
                active[nActive++] = activity.nextInt(nDomains);
            }
            long drawn = Math.round(StrictMath.exp(mu + COUNT_LOG_SD * counts.nextGaussian()));
            int total = (int) Math.max(nActive, Math.min(drawn, (long) nActive * cap));
            for (int a = 0; a < nActive; a++) {
                out[u][active[a]] = 1;
            }
            int open = nActive;
            for (int extra = total - nActive; extra > 0; extra--) {
                // Uniform over active domains that are not yet full; `open` tracks how many remain.
                int pick = counts.nextInt(open);
                for (int a = 0; a < nActive; a++) {
                    int d = active[a];
                    if (out[u][d] < cap && pick-- == 0) {
                        out[u][d]++;
                        if (out[u][d] == cap) {
                            open--;
                        }
                        break;
                    }
                }
            }
        }
        return out;
    }

}
