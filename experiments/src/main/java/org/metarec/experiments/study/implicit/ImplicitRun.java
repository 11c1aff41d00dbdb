package org.metarec.experiments.study.implicit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.metarec.algorithms.rec.TestScores;
import org.metarec.algorithms.rec.mapping.DomainFactors;
import org.metarec.core.data.Interactions;
import org.metarec.core.data.NegativeSampler;
import org.metarec.core.data.SplitDataset;
import org.metarec.core.data.SplitPart;
import org.metarec.core.metrics.FullRanking;
import org.metarec.core.metrics.ItemScorer;
import org.metarec.core.metrics.SampledCandidates;
import org.metarec.core.metrics.SampledRanking;

/**
 * Everything one seed of a direction shares across methods: the splits of every K, the candidates of validation and
 * test (drawn once and saved as {@code negatives/valid_seed<s>.tsv} and {@code negatives/test_seed<s>.tsv}), and the
 * samplers of training and adaptation negatives.
 */
final class ImplicitRun {

    final SplitDataset data;
    final int source;
    final int target;
    final long seed;
    final ImplicitSettings settings;
    final Map<Integer, ImplicitSplit> splits = new LinkedHashMap<>();
    final SampledCandidates valid;
    final SampledCandidates test;
    /**
     * Per domain, the sampler of training negatives: its pool the domain's training items, a user's known items its
     * training items there only, so that no held-out item is ever avoided on purpose.
     */
    private final NegativeSampler[] trainNegatives = new NegativeSampler[2];
    private final Map<Integer, NegativeSampler> adaptNegatives = new LinkedHashMap<>();
    private final Map<org.metarec.algorithms.rec.implicit.BprTraining.Settings, org.metarec.autodiff.Params> pooled =
            new LinkedHashMap<>();
    private final DomainFactors[] factors = new DomainFactors[2];

    /**
     * @param blindValidation whether the validation candidates must not depend on test pairs (with tuning): their
     *     negatives then avoid only the user's training and validation items, so a test item may be a validation
     *     negative; otherwise (CDRIB's protocol, and the kind without tuning) they avoid every known item, test items
     *     included, as the test candidates do
     */
    ImplicitRun(SplitDataset data, int source, int target, List<Integer> ks, long seed, ImplicitSettings settings,
                Path negativesDir, boolean blindValidation) throws IOException {
        this.data = data;
        this.source = source;
        this.target = target;
        this.seed = seed;
        this.settings = settings;
        for (int k : ks) {
            splits.put(k, ImplicitSplit.of(data, source, target, k, seed));
        }
        ImplicitSplit any = splits.values().iterator().next();
        Interactions x = data.interactions();
        boolean[] trainItems = any.targetTrainItems();
        int[] pool = any.targetPool();
        NegativeSampler evaluation = NegativeSampler.excludingAllKnown(x, target, pool, seed, "negatives/evaluation");
        NegativeSampler selection = blindValidation
                ? sampler(target, pool, part -> part != SplitPart.TEST, null, "negatives/evaluation") : evaluation;
        this.valid = SampledCandidates.draw(x, data.rows(SplitPart.VALID, target), trainItems, selection, settings.negatives());
        this.test = SampledCandidates.draw(x, data.rows(SplitPart.TEST, target), trainItems, evaluation, settings.negatives());
        Files.createDirectories(negativesDir);
        valid.write(negativesDir.resolve("valid_seed" + seed + ".tsv"), x);
        test.write(negativesDir.resolve("test_seed" + seed + ".tsv"), x);
        for (int d = 0; d < 2; d++) {
            int domain = d;
            boolean[] seen = new boolean[x.itemCount()];
            Arrays.stream(data.rows(SplitPart.TRAIN, d)).forEach(r -> seen[x.item(r)] = true);
            int[] items = IntStream.range(0, seen.length).filter(i -> seen[i]).toArray();
            trainNegatives[d] = sampler(domain, items, part -> part == SplitPart.TRAIN, null, "negatives/train/" + d);
        }
        for (Map.Entry<Integer, ImplicitSplit> e : splits.entrySet()) {
            java.util.Set<Integer> support = e.getValue().supportRows();
            adaptNegatives.put(e.getKey(), sampler(target, pool, part -> part == SplitPart.TRAIN, support, "negatives/adapt"));
        }
    }

    /** A sampler over {@code pool} whose known items are the user's rows in {@code domain} of the given parts, plus {@code also}. */
    private NegativeSampler sampler(int domain, int[] pool, java.util.function.Predicate<SplitPart> parts, java.util.Set<Integer> also,
                                    String purpose) {
        Interactions x = data.interactions();
        int[][] known = new int[x.userCount()][];
        for (int u = 0; u < x.userCount(); u++) {
            known[u] = Arrays.stream(x.rowsOf(u, domain)).filter(r -> parts.test(data.part(r)) || also != null
                    && also.contains(r)).map(x::item).toArray();
        }
        return new NegativeSampler(pool, known, x.itemCount(), seed, purpose);
    }

    /**
     * The parameters after pooled BPR on both domains with the whole of {@code settings}: trained once per seed and
     * settings (by the {@code pooled} method, or by the first meta-learner that starts from them), as training them
     * again would give the same bits.
     */
    synchronized org.metarec.autodiff.Params pooled(org.metarec.algorithms.rec.implicit.BprTraining.Settings settings,
            java.util.function.Supplier<org.metarec.autodiff.Params> training) {
        org.metarec.autodiff.Params p = pooled.get(settings);
        if (p == null) {
            p = training.get().detach();
            pooled.put(settings, p);
        }
        return p;
    }

    /**
     * Domain {@code d}'s own factors (EMCDR's and PTUPCDR's starting point): trained once per seed by the first method
     * that needs them, as training them again would give the same bits.
     */
    synchronized DomainFactors factors(int d, Supplier<DomainFactors> training) {
        if (factors[d] == null) {
            factors[d] = training.get();
        }
        return factors[d];
    }

    /** The sampler of training negatives of domain {@code d}. */
    NegativeSampler trainNegatives(int d) {
        return trainNegatives[d];
    }

    /** The sampler of a cold user's adaptation negatives at K: its support items are known, nothing held out is. */
    NegativeSampler adaptNegatives(int k) {
        return adaptNegatives.get(k);
    }

    /** The mean validation MRR at K: the selection pairs (valid but not support) of every cold user. */
    double validationMrr(int k, ColdRanker ranker) {
        ImplicitSplit split = splits.get(k);
        SampledCandidates pairs = valid.without(split.supportRows());
        double[][] m = SampledRanking.evaluate(pairs, scorers(split, ranker, pairs.users()), seed);
        return Arrays.stream(m[0]).average().orElse(Double.NaN);
    }

    /** The test metrics at K: per pair the sampled metrics, per test user the full-catalogue ones. */
    Map<String, TestScores> test(int k, ColdRanker ranker) {
        ImplicitSplit split = splits.get(k);
        Map<String, TestScores> out = new LinkedHashMap<>();
        ItemScorer scorer = scorers(split, ranker, test.users());
        double[][] m = SampledRanking.evaluate(test, scorer, seed);
        Map<String, double[]> sampled = new LinkedHashMap<>();
        for (int j = 0; j < m.length; j++) {
            sampled.put(SampledRanking.METRICS.get(j), m[j]);
        }
        // Each pair keeps its user, so the test over users averages a user's pairs and counts the user once.
        out.put("k" + k, new TestScores(test.users(), sampled, Map.of()));
        if (settings.fullRanking()) {
            Interactions x = data.interactions();
            int[] users = Arrays.stream(split.testRows()).map(x::user).distinct().sorted().toArray();
            int[] domainItems = Arrays.stream(x.rowsInDomain(target)).map(x::item).distinct().sorted().toArray();
            double[][] full = new double[FullRanking.METRICS.size()][users.length];
            for (int t = 0; t < users.length; t++) {
                int u = users[t];
                java.util.Set<Integer> seen = new java.util.HashSet<>();
                for (int r : x.rowsOf(u, target)) {
                    if (data.part(r) == SplitPart.TRAIN) {
                        seen.add(x.item(r));
                    }
                }
                for (int r : split.supportOf(u)) {
                    seen.add(x.item(r));
                }
                int[] candidates = Arrays.stream(domainItems).filter(i -> !seen.contains(i)).toArray();
                int[] heldOut = Arrays.stream(x.rowsOf(u, target)).filter(r -> data.part(r) == SplitPart.TEST)
                        .map(x::item).filter(i -> !seen.contains(i)).toArray();
                if (heldOut.length == 0) {
                    heldOut = Arrays.stream(x.rowsOf(u, target)).filter(r -> data.part(r) == SplitPart.TEST).map(x::item)
                            .toArray();
                }
                double[] v = FullRanking.evaluate(u, IntStream.concat(Arrays.stream(candidates), Arrays.stream(heldOut))
                        .distinct().toArray(), heldOut, scorer, seed);
                for (int j = 0; j < v.length; j++) {
                    full[j][t] = v[j];
                }
            }
            Map<String, double[]> perUser = new LinkedHashMap<>();
            for (int j = 0; j < full.length; j++) {
                perUser.put(FullRanking.METRICS.get(j), full[j]);
            }
            out.put("k" + k + FULL, new TestScores(users, perUser, Map.of()));
        }
        return out;
    }

    /** The suffix of a setting whose scores are the full-catalogue ranking's (one per user, not per pair). */
    static final String FULL = "+full";

    /** One scorer for all the users of {@code users}: each adapts once, on first use. */
    private static ItemScorer scorers(ImplicitSplit split, ColdRanker ranker, int[] users) {
        Map<Integer, ItemScorer> adapted = new java.util.HashMap<>();
        return (user, items) -> adapted.computeIfAbsent(user, u -> ranker.adapt(u, split.supportOf(u))).scores(user, items);
    }
}
