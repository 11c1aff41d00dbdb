package org.metarec.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.Personalizer;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.io.DomainAssignment;
import org.metarec.core.data.io.LoadOptions;
import org.metarec.core.data.io.MovieLens100kLoader;
import org.metarec.core.tasks.ColdStartSplit;
import org.metarec.experiments.bench.AdaptLatency;
import org.metarec.experiments.run.UsageException;
import org.metarec.experiments.study.crossdomain.CrossDomainProtocol;
import org.metarec.experiments.study.crossdomain.CrossDomainSetup;
import org.metarec.experiments.study.crossdomain.CrossDomainStudy;
import org.metarec.experiments.study.rec.RecMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code metarec bench adapt --data DIR}: real-time personalisation latency on MovieLens 100K. A model is
 * meta-trained briefly (genres as domains, Drama the target), then for held-out users in turn one call
 * adapts it on 10 of their ratings (the method's inner steps: 5 for MAML) and scores all 1,682 items.
 * The last line is {@code adapt+score p50 ms: X, p99 ms: Y}.
 */
@Command(name = "adapt", mixinStandardHelpOptions = true,
        description = "Latency of adapting to a new user's 10 ratings and scoring all MovieLens 100K items.")
final class AdaptBenchCommand implements Callable<Integer> {

    /** Every genre, target first, so every item (even "unknown") belongs to a domain and can be scored. */
    private static final List<String> GENRES = List.of("Drama", "Action", "Comedy", "Thriller", "Adventure", "Animation",
            "Children's", "Crime", "Documentary", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance",
            "Sci-Fi", "War", "Western", "unknown");

    @ParentCommand
    BenchCommand bench;

    @Option(names = "--data", required = true, description = "Folder holding MovieLens 100K (u.data, u.item, u.user).")
    Path data;

    @Option(names = "--method", defaultValue = "maml", description = "Method to train (default maml).")
    String method;

    @Option(names = "--model", defaultValue = "mf", description = "Model: mf, neumf, feature_mlp or melu (default mf).")
    String model;

    @Option(names = "--iterations", defaultValue = "200", description = "Meta-training iterations before timing (default 200).")
    int iterations;

    @Option(names = "--repetitions", defaultValue = "2000", description = "Timed calls (default 2000).")
    int repetitions;

    @Option(names = "--warmup", defaultValue = "500", description = "Untimed calls first (default 500).")
    int warmup;

    @Option(names = "--threads", defaultValue = "1", description = "Threads for training (timing is single-threaded).")
    int threads;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(data.resolve("u.data"))) {
            throw new UsageException("--data: expected a folder holding MovieLens 100K (u.data), found " + data);
        }
        RecMethod chosen = RecMethod.byName(method).orElseThrow(() -> new UsageException("--method: expected one of "
                + CrossDomainProtocol.METHODS + ", found '" + method + "'"));
        var out = bench.main.out;
        Dataset ds = MovieLens100kLoader.load(data, DomainAssignment.byGenres(GENRES), LoadOptions.DEFAULT);
        ColdStartSplit.Config split = CrossDomainProtocol.split(List.of("Action", "Comedy", "Thriller"), "Drama", 0.5, 10);
        CrossDomainSetup setup = CrossDomainSetup.prepare(ds, split, 1);
        CrossDomainProtocol p = CrossDomainProtocol.defaults(chosen, model, 1, split);
        CrossDomainProtocol.Training t = p.training();
        p = p.withTraining(t.withBudgets(iterations, t.pooled().epochs(), t.mapping().iterations(),
                Math.max(1, iterations / 2)));
        CrossDomainStudy.Trained trained;
        long t0 = System.nanoTime();
        try (TaskPool pool = new TaskPool(threads)) {
            trained = new CrossDomainStudy(setup, p).train(pool);
        }
        int[] all = new int[ds.interactions().itemCount()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        Personalizer personalizer = new Personalizer(trained.recommender(), setup.testFactory(), setup.target(), all);
        List<org.metarec.core.tasks.RatingTask> users = new ArrayList<>(setup.split().testTasks());
        out.printf(Locale.ROOT, "MovieLens 100K: %d items scored per call; %s/%s trained %d iterations in %.1f s; "
                        + "inner steps %d; %d held-out users; java %s%n", all.length, method, model, iterations,
                (System.nanoTime() - t0) / 1e9, p.training().meta().settings().innerSteps(), users.size(), System.getProperty("java.version"));
        AdaptLatency.Result r = AdaptLatency.measure(personalizer, setup.testFactory(), users, 10, warmup, repetitions);
        out.printf(Locale.ROOT, "timed %d calls after %d untimed%n", r.repetitions(), warmup);
        out.printf(Locale.ROOT, "adapt+score p50 ms: %.3f, p99 ms: %.3f%n", r.p50Millis(), r.p99Millis());
        return ExitCodes.OK;
    }
}
