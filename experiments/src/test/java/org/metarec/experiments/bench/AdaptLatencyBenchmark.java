package org.metarec.experiments.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.Personalizer;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.io.DomainAssignment;
import org.metarec.core.data.io.LoadOptions;
import org.metarec.core.data.io.MovieLens100kLoader;
import org.metarec.core.tasks.ColdStartSplit;
import org.metarec.experiments.bench.AdaptLatency;
import org.metarec.experiments.study.crossdomain.CrossDomainProtocol;
import org.metarec.experiments.study.crossdomain.CrossDomainStudy;
import org.metarec.experiments.study.rec.RecMethod;

/**
 * Latency of real-time personalisation on MovieLens 100K (a benchmark, not a test: run its main method
 * with the data directory as argument). Every genre is a domain, so that all 1,682 movies are kept;
 * Drama is the target. A model is meta-trained briefly (300 iterations), then {@link AdaptLatency} times,
 * for held-out users in turn, adapting (the method's own rule, 5 inner steps) on 10 of their Drama
 * ratings and scoring all 1,682 items. Prints {@code adapt+score p50 ms: X, p99 ms: Y} (after a warm-up
 * of a fifth as many untimed calls).
 *
 * <p>Arguments: data directory, then optionally model type (default mf), method (default maml),
 * repetitions (default 5000).
 */
public final class AdaptLatencyBenchmark {

    private AdaptLatencyBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args data directory [model [method [repetitions]]]
     * @throws Exception when the data cannot be read
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException(
                    "usage: AdaptLatencyBenchmark ML100K_DIR [model [method [repetitions]]]");
        }
        String model = args.length > 1 ? args[1] : "mf";
        String method = args.length > 2 ? args[2] : "maml";
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 5000;
        List<String> genres = List.of("Drama", "Action", "Adventure", "Animation", "Children's",
                "Comedy", "Crime", "Documentary", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance",
                "Sci-Fi", "Thriller", "War", "Western", "unknown");
        Dataset data = MovieLens100kLoader.load(Path.of(args[0]), DomainAssignment.byGenres(genres),
                LoadOptions.DEFAULT);
        List<String> sources = genres.subList(1, genres.size());
        ColdStartSplit.Config split = new ColdStartSplit.Config(sources, "Drama", 0.5, 10, 0.1, 100, 11);
        CrossDomainProtocol p = CrossDomainProtocol.defaults(RecMethod.named(method), model, 1, split);
        p = p.withTraining(p.training().withBudgets(300, 3, 300, 100));
        CrossDomainStudy study = new CrossDomainStudy(data, p);
        CrossDomainStudy.Trained trained;
        try (TaskPool pool = new TaskPool(1)) {
            trained = study.train(pool);
        }
        BatchFactory f = study.setup().testFactory();
        int[] all = new int[data.interactions().itemCount()];
        Arrays.setAll(all, i -> i);
        Personalizer personalizer = new Personalizer(trained.recommender(), f, study.setup().target(), all);
        AdaptLatency.Result r = AdaptLatency.measure(personalizer, f, study.setup().split().testTasks(), 10, reps / 5,
                reps);
        System.out.printf(Locale.ROOT, "%s/%s, %d candidates, %d repetitions%n", model, method, r.candidates(),
                r.repetitions());
        System.out.printf(Locale.ROOT, "adapt+score p50 ms: %.3f, p99 ms: %.3f%n", r.p50Millis(), r.p99Millis());
    }
}
