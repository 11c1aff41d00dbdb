package org.metarec.experiments.study.crossdomain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.io.DomainAssignment;
import org.metarec.core.data.io.LoadOptions;
import org.metarec.core.data.io.MovieLens100kLoader;
import org.metarec.core.stats.PairedTests;
import org.metarec.core.tasks.ColdStartSplit;

/**
 * The study on the real MovieLens 100K (genres Action, Comedy, Thriller as sources, Drama as target,
 * beta 0.5, K = 10), with small budgets; skipped when the data is absent. Checks the pipeline end to
 * end and two facts that hold on any rating data of this kind: item biases beat the global mean, and
 * so does a meta-learned factorisation adapted on 10 ratings (paired t-tests, p &lt; 0.01).
 */
class MovieLens100kStudyTest {

    @Test
    void theStudyRunsOnMovieLensWithGenresAsDomains() throws Exception {
        Optional<Path> dir = MovieLens100kLocation.find();
        Assumptions.assumeTrue(dir.isPresent(), "MovieLens 100K not found (set METAREC_ML100K)");
        Dataset data = MovieLens100kLoader.load(dir.get(),
                DomainAssignment.byGenres(List.of("Action", "Comedy", "Thriller", "Drama")), LoadOptions.DEFAULT);
        ColdStartSplit.Config split = new ColdStartSplit.Config(List.of("Action", "Comedy", "Thriller"),
                "Drama", 0.5, 10, 0.1, 100, 11);
        CrossDomainSetup setup = CrossDomainSetup.prepare(data, split, 1);
        int users = setup.split().testTasks().size();
        double[] gm;
        double[] ib;
        double[] maml;
        try (TaskPool pool = new TaskPool(2)) {
            gm = new CrossDomainStudy(setup, StudyBudgets.protocol("global_mean", "mf", 1, split, 1, 1, 1)).run(pool)
                    .perUser("rmse_user");
            ib = new CrossDomainStudy(setup, StudyBudgets.protocol("item_bias", "mf", 1, split, 1, 1, 1)).run(pool)
                    .perUser("rmse_user");
            maml = new CrossDomainStudy(setup, StudyBudgets.protocol("maml", "mf", 1, split, 150, 1, 50)).run(pool)
                    .perUser("rmse_user");
        }
        assertEquals(users, gm.length);
        assertEquals(users, maml.length);
        assertTrue(PairedTests.compare(ib, gm).tTestPValue() < 0.01 && mean(ib) < mean(gm),
                "item bias " + mean(ib) + " vs global mean " + mean(gm));
        assertTrue(PairedTests.compare(maml, gm).tTestPValue() < 0.01 && mean(maml) < mean(gm),
                "maml " + mean(maml) + " vs global mean " + mean(gm));
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }
}
