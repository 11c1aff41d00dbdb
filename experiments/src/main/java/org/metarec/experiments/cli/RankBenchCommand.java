package org.metarec.experiments.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.core.metrics.FullRanking;
import org.metarec.core.metrics.ItemScorer;
import org.metarec.core.metrics.SampledCandidates;
import org.metarec.core.metrics.SampledRanking;
import org.metarec.core.random.Rng;
import org.metarec.experiments.run.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code metarec bench rank}: how long ranking evaluation takes inside a running JVM, with a matrix-factorisation
 * scorer (dot products of seeded random {@code --dim}-dimensional user and item vectors). Full catalogue: every one of
 * {@code --users} cold users ranks all {@code --items} items (minus 20 "training" items) for HR, recall and nDCG at 5,
 * 10 and 20 ({@link FullRanking}), users spread over {@code --threads}; sampled: {@code --pairs} held-out pairs each
 * ranked against {@code --negatives} negatives ({@link SampledRanking}, the size of a CDRIB Amazon test file at the
 * defaults). Each is timed {@code --repeat} times; the best and the first are printed, the last line sums up.
 */
@Command(name = "rank", mixinStandardHelpOptions = true,
        description = "Ranking evaluation speed: full-catalogue and sampled-negative protocols.")
final class RankBenchCommand implements Callable<Integer> {

    @ParentCommand
    BenchCommand bench;

    @Option(names = "--users", defaultValue = "1000", description = "Cold users of the full-catalogue ranking (default 1000).")
    int users;

    @Option(names = "--items", defaultValue = "20000", description = "Items of the catalogue (default 20000).")
    int items;

    @Option(names = "--pairs", defaultValue = "3589", description = "Held-out pairs of the sampled protocol (default 3589, "
            + "the largest CDRIB test or valid file).")
    int pairs;

    @Option(names = "--negatives", defaultValue = "999", description = "Negatives per pair (default 999, CDRIB's).")
    int negatives;

    @Option(names = "--dim", defaultValue = "16", description = "Width of the factor vectors (default 16).")
    int dim;

    @Option(names = "--threads", defaultValue = "2", description = "Threads for the full-catalogue users (default 2).")
    int threads;

    @Option(names = "--repeat", defaultValue = "5", description = "Timed repetitions of each protocol (default 5).")
    int repeat;

    @Override
    public Integer call() {
        if (users < 1 || items < 21 || pairs < 1 || negatives < 1 || dim < 1 || threads < 1 || repeat < 1) {
            throw new UsageException("expected --users, --pairs, --negatives, --dim, --threads, --repeat >= 1 and "
                    + "--items >= 21");
        }
        var out = bench.main.out;
        Rng rng = Rng.derive(1, "bench/rank");
        double[][] u = vectors(rng.fork("users"), Math.max(users, pairs));
        double[][] v = vectors(rng.fork("items"), items);
        ItemScorer scorer = (user, candidates) -> {
            double[] s = new double[candidates.length];
            for (int j = 0; j < candidates.length; j++) {
                double[] a = u[user];
                double[] b = v[candidates[j]];
                double d = 0;
                for (int x = 0; x < dim; x++) {
                    d += a[x] * b[x];
                }
                s[j] = d;
            }
            return s;
        };
        // Each user "trained on" items 0..19 and holds out 5 others: the candidates are the other items.
        int[] candidates = java.util.stream.IntStream.range(20, items).toArray();
        out.printf(Locale.ROOT, "full catalogue: %,d users x %,d items, %d threads; sampled: %,d pairs x %,d negatives; "
                + "java %s, %d cores%n", users, candidates.length, threads, pairs, negatives,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        double[] full = new double[repeat];
        double checksum = 0;
        try (TaskPool pool = new TaskPool(threads)) {
            for (int r = 0; r < repeat; r++) {
                long t0 = System.nanoTime();
                List<double[]> m = pool.map(users, user -> FullRanking.evaluate(user, candidates,
                        new int[] {20 + user % 50, 100 + user % 70, 200 + user, 300 + user, 400 + user}, scorer, 7));
                full[r] = (System.nanoTime() - t0) / 1e9;
                checksum += m.stream().mapToDouble(x -> x[2]).sum();
            }
        }
        int[] rows = new int[pairs];
        int[] pairUsers = new int[pairs];
        int[] pairItems = new int[pairs];
        int[][] negs = new int[pairs][];
        Rng draw = rng.fork("negatives");
        for (int k = 0; k < pairs; k++) {
            rows[k] = k;
            pairUsers[k] = k;
            pairItems[k] = draw.nextInt(items);
            negs[k] = new int[negatives];
            for (int j = 0; j < negatives; j++) {
                negs[k][j] = draw.nextInt(items);
            }
        }
        SampledCandidates sampled = new SampledCandidates(rows, pairUsers, pairItems, negs, 0);
        double[] samp = new double[repeat];
        for (int r = 0; r < repeat; r++) {
            long t0 = System.nanoTime();
            double[][] m = SampledRanking.evaluate(sampled, scorer, 7);
            samp[r] = (System.nanoTime() - t0) / 1e9;
            checksum += Arrays.stream(m[0]).sum();
        }
        out.printf(Locale.ROOT, "full catalogue: best %.3f s, first %.3f s (%d repetitions)%n", min(full), full[0], repeat);
        out.printf(Locale.ROOT, "sampled (1 thread): best %.3f s, first %.3f s (%d repetitions)%n", min(samp), samp[0], repeat);
        out.printf(Locale.ROOT, "checksum %.6f%n", checksum);
        out.printf(Locale.ROOT, "ranking seconds: full %.3f, sampled %.3f%n", min(full), min(samp));
        return 0;
    }

    private double[][] vectors(Rng rng, int n) {
        double[][] out = new double[n][dim];
        for (double[] row : out) {
            for (int x = 0; x < dim; x++) {
                row[x] = rng.nextGaussian();
            }
        }
        return out;
    }

    private static double min(double[] xs) {
        return Arrays.stream(xs).min().orElse(Double.NaN);
    }
}
