package org.metarec.core.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.metarec.core.data.Interactions;
import org.metarec.core.data.SideFeatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticWorldTest {

    private static final SyntheticWorld.Config SMALL = SyntheticWorld.Config.defaults().withUsers(600)
            .withItemsPerDomain(120).withMeanRatingsPerUser(30);

    private static double[] ratings(Interactions x) {
        return x.ratings(x.allRows());
    }

    @Test
    void sameConfigGivesTheSameWorld() {
        SyntheticWorld a = SyntheticWorld.generate(SMALL);
        SyntheticWorld b = SyntheticWorld.generate(SMALL);
        Interactions xa = a.dataset().interactions();
        Interactions xb = b.dataset().interactions();
        assertEquals(xa.size(), xb.size());
        assertArrayEquals(ratings(xa), ratings(xb));
        for (int r = 0; r < xa.size(); r++) {
            assertEquals(xa.user(r), xb.user(r));
            assertEquals(xa.item(r), xb.item(r));
            assertEquals(xa.timestamp(r), xb.timestamp(r));
        }
        assertArrayEquals(a.dataset().userFeatures().dense(7), b.dataset().userFeatures().dense(7));
        // Continuous ratings of two seeds coincide with probability 0.
        assertNotEquals(xa.rating(0), SyntheticWorld.generate(SMALL.withSeed(2)).dataset().interactions().rating(0),
                "another seed gives another world");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 0.5, 1.0})
    void empiricalNoiseMatchesTheNoiseFloor(double noiseStd) {
        SyntheticWorld w = SyntheticWorld.generate(SMALL.withNoiseStd(noiseStd));
        Interactions x = w.dataset().interactions();
        double sum = 0;
        for (int r = 0; r < x.size(); r++) {
            double e = x.rating(r) - w.trueRating(r);
            sum += e * e;
        }
        int n = x.size();
        double floor = noiseStd * noiseStd;
        assertEquals(floor, w.noiseFloorMse(), 0.0);
        // The mean of n squared N(0, s^2) draws has sd s^2 sqrt(2/n); allow 5 sd.
        assertEquals(floor, sum / n, 5 * floor * Math.sqrt(2.0 / n), "seed 1, noiseStd " + noiseStd);
    }

    @Test
    void trueRatingIsTheExpectedRatingOfTheRow() {
        SyntheticWorld w = SyntheticWorld.generate(SMALL);
        Interactions x = w.dataset().interactions();
        for (int r = 0; r < x.size(); r += 7) {
            assertEquals(w.expectedRating(x.user(r), x.item(r)), w.trueRating(r), 0.0, "row " + r);
        }
        assertArrayEquals(new double[] {w.trueRating(3), w.trueRating(1)}, w.trueRatings(new int[] {3, 1}));
    }

    @Test
    void zeroNoiseGivesTheTrueRatings() {
        SyntheticWorld w = SyntheticWorld.generate(SMALL.withNoiseStd(0));
        Interactions x = w.dataset().interactions();
        assertArrayEquals(w.trueRatings(x.allRows()), ratings(x));
    }

    @Test
    void noiseLevelRescalesTheSameNoiseDraws() {
        SyntheticWorld a = SyntheticWorld.generate(SMALL.withNoiseStd(0.5));
        SyntheticWorld b = SyntheticWorld.generate(SMALL.withNoiseStd(1.0));
        Interactions xa = a.dataset().interactions();
        Interactions xb = b.dataset().interactions();
        assertEquals(xa.size(), xb.size());
        for (int r = 0; r < xa.size(); r += 11) {
            assertEquals(a.trueRating(r), b.trueRating(r), 0.0);
            assertEquals(2 * (xa.rating(r) - a.trueRating(r)), xb.rating(r) - b.trueRating(r), 1e-9, "row " + r);
        }
    }

    @Test
    void featureNoiseDoesNotChangeRatings() {
        Interactions a = SyntheticWorld.generate(SMALL.withFeatureNoise(0.1)).dataset().interactions();
        Interactions b = SyntheticWorld.generate(SMALL.withFeatureNoise(2.0)).dataset().interactions();
        assertArrayEquals(ratings(a), ratings(b));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.4, 0.9})
    void transferIsTheCrossDomainCorrelationOfUserLatents(double transfer) {
        SyntheticWorld w = SyntheticWorld.generate(SMALL.withTransfer(transfer));
        int k = SMALL.latentDim();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        int n = 0;
        for (int u = 0; u < SMALL.users(); u++) {
            double[] a = w.userLatent(u, 0);
            double[] b = w.userLatent(u, 1);
            for (int j = 0; j < k; j++) {
                sxy += a[j] * b[j];
                sxx += a[j] * a[j];
                syy += b[j] * b[j];
                n++;
            }
        }
        double corr = sxy / Math.sqrt(sxx * syy);
        // The sample correlation of n pairs has sd about (1 - rho^2) / sqrt(n); allow 5 sd (and at least 0.01).
        double tol = Math.max(0.01, 5 * (1 - transfer * transfer) / Math.sqrt(n));
        assertEquals(transfer, corr, tol, "seed 1, transfer " + transfer);
    }

    @Test
    void fullTransferMakesLatentsIdenticalAcrossDomains() {
        SyntheticWorld w = SyntheticWorld.generate(SMALL.withTransfer(1.0));
        assertArrayEquals(w.userLatent(5, 0), w.userLatent(5, 2), 0.0);
    }

    @Test
    void ratingsLieRoughlyOnTheOneToFiveScale() {
        SyntheticWorld w = SyntheticWorld.generate(SMALL);
        double[] r = ratings(w.dataset().interactions());
        double mean = Arrays.stream(r).average().orElseThrow();
        long inRange = Arrays.stream(r).filter(v -> v >= 1 && v <= 5).count();
        // Mean 3.5 plus a domain offset (sd 0.15) averaged over 3 domains; total sd about
        // sqrt(0.09 + 0.09 + 0.64 + 0.25) = 1.03, so about 85% or more lie within [1, 5].
        assertEquals(SyntheticWorld.GLOBAL_MEAN, mean, 0.3, "seed 1");
        assertTrue(inRange > 0.85 * r.length, "seed 1: only " + inRange + " of " + r.length + " in [1, 5]");
    }

    @Test
    void ratingCountsAreSkewedWithTheConfiguredMean() {
        SyntheticWorld w = SyntheticWorld.generate(SyntheticWorld.Config.defaults());
        Interactions x = w.dataset().interactions();
        int[] perUser = new int[x.userCount()];
        for (int u = 0; u < perUser.length; u++) {
            perUser[u] = x.countOfUser(u);
        }
        double mean = Arrays.stream(perUser).average().orElseThrow();
        int[] sorted = perUser.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        // Log-normal with log-sd 1: mean 60 (standard error about 60 * sqrt(e - 1) / sqrt(2000) = 1.8, plus the
        // truncations), median = mean * exp(-1/2) = 36.
        assertEquals(60, mean, 6, "seed 1");
        assertTrue(median < 0.8 * mean, "seed 1: median " + median + " vs mean " + mean);
        assertTrue(sorted[0] >= 1, "every user has at least one rating");
    }

    @Test
    void everyRowIsInItsItemsDomainAndPairsAreUnique() {
        SyntheticWorld w = SyntheticWorld.generate(SMALL);
        Interactions x = w.dataset().interactions();
        Set<Long> pairs = new HashSet<>();
        for (int r = 0; r < x.size(); r++) {
            assertEquals(w.domainOfItem(x.item(r)), x.domain(r), "row " + r);
            assertEquals(x.item(r) / SMALL.itemsPerDomain(), x.domain(r), "row " + r);
            assertTrue(pairs.add((long) x.user(r) * x.itemCount() + x.item(r)), "row " + r + " repeats a pair");
        }
    }

    @Test
    void domainActivityCreatesPartialOverlap() {
        SyntheticWorld w = SyntheticWorld.generate(SMALL.withDomainActivity(0.5));
        var report = w.dataset().report();
        int overlap = report.userOverlap(0, 1);
        // Each user is active in a domain with probability 1/2 (plus the at-least-one rule), so about a
        // quarter of the users are in both domain 0 and domain 1, and about half in domain 0.
        assertTrue(overlap > 0.15 * SMALL.users() && overlap < 0.35 * SMALL.users(), "seed 1: overlap " + overlap);
        assertTrue(report.domains().get(0).users() < 0.75 * SMALL.users(), "seed 1");
        SyntheticWorld full = SyntheticWorld.generate(SMALL.withDomainActivity(1.0));
        assertEquals(SMALL.users(), full.dataset().report().userOverlap(0, 2), "activity 1: everyone everywhere");
    }

    @Test
    void sideFeaturesAreNoisyViewsOfTheLatents() {
        SyntheticWorld exact = SyntheticWorld.generate(SMALL.withFeatureNoise(0));
        SideFeatures items = exact.dataset().itemFeatures();
        assertEquals(exact.itemLatent(17)[2], items.numeric("latent2", 17), 0.0);
        assertEquals(exact.domainOfItem(250), items.category("domain", 250));
        // With noise 0 the cluster is the argmax of the first 4 latent coordinates.
        double[] v = exact.itemLatent(9);
        int argmax = 0;
        for (int j = 1; j < 4; j++) {
            if (v[j] > v[argmax]) {
                argmax = j;
            }
        }
        assertEquals(argmax, items.category("cluster", 9));

        double featureNoise = 0.7;
        SyntheticWorld noisy = SyntheticWorld.generate(SMALL.withFeatureNoise(featureNoise).withTransfer(1.0));
        SideFeatures users = noisy.dataset().userFeatures();
        double ss = 0;
        for (int u = 0; u < SMALL.users(); u++) {
            double e = users.numeric("latent0", u) - noisy.userLatent(u, 0)[0];
            ss += e * e;
        }
        // With transfer 1 the domain latent is the shared latent, so the residual is the feature noise alone.
        double n = SMALL.users();
        assertEquals(featureNoise * featureNoise, ss / n, 5 * featureNoise * featureNoise * Math.sqrt(2 / n),
                "seed 1");
        assertEquals(SMALL.latentDim() + 4, users.vocabularySize(), "k numeric slots + 4 segments");
    }

    @Test
    void reportDescribesTheWorld() {
        SyntheticWorld w = SyntheticWorld.generate(SMALL);
        var report = w.dataset().report();
        assertEquals(w.dataset().interactions().size(), report.rawRatings());
        assertEquals(w.dataset().interactions().size(), report.total().ratings());
        assertTrue(report.source().startsWith("synthetic world (users=600, domains=3"), report.source());
    }

    @Test
    void invalidConfigNamesTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticWorld.Config.defaults().withTransfer(1.5));
        assertEquals("synthetic world transfer: expected a value in [0, 1], found 1.5", e.getMessage());
        IllegalArgumentException items = assertThrows(IllegalArgumentException.class,
                () -> SyntheticWorld.Config.defaults().withItemsPerDomain(1));
        assertEquals("synthetic world itemsPerDomain: expected >= 2, found 1", items.getMessage());
    }
}
