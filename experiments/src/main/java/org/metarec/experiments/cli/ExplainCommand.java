package org.metarec.experiments.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.metarec.algorithms.data.XYBatch;
import org.metarec.algorithms.meta.MetaGradientSplit;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.train.MetaTrainer;
import org.metarec.algorithms.optim.GradClip;
import org.metarec.experiments.explain.Explanation;
import org.metarec.experiments.explain.MetaGradientProblem;
import org.metarec.experiments.io.AtomicFiles;
import org.metarec.experiments.plots.Charts;
import org.metarec.experiments.plots.Curve;
import org.metarec.experiments.run.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code metarec explain CASE.json|CONFIG}: MAML's meta-gradient taken apart ({@link Explanation}).
 * For a sinusoid config also over meta-training: every {@code --every} iterations the mean norms of
 * the two parts over the config's first tasks, written as {@code explain.csv} and plotted as
 * {@code explain_parts.png} and {@code .svg} in {@code --out}.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Split MAML's meta-gradient of each task into its first-order part (the query gradient at phi)",
            "and the part through the inner updates (the Hessian terms): norms, cosines, per parameter tensor, with",
            "first-order MAML and Reptile side by side. For a sinusoid config, also over meta-training, with a plot."})
final class ExplainCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "CASE.json|CONFIG", description = "A reference case or a sinusoid config.")
    Path input;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "For a config: override a config key (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--tasks", defaultValue = "4", description = "For a config: tasks drawn and explained (default 4).")
    int tasks;

    @Option(names = "--iterations", description = "For a config: meta-training iterations followed (default: the config's budget.meta_iterations; 0: none).")
    Integer iterations;

    @Option(names = "--every", description = "For a config: iterations between two looks (default: iterations / 50).")
    Integer every;

    @Option(names = "--out", paramLabel = "DIR", description = "For a config: folder of explain.csv and the plot (default runs/explain-NAME).")
    Path out;

    @Override
    public Integer call() throws IOException {
        boolean isCase = input.getFileName().toString().endsWith(".json");
        if (tasks < 1) {
            throw new UsageException("--tasks: expected at least 1, found " + tasks);
        }
        MetaGradientProblem p = isCase ? ProblemArgs.load(input, null, sets, "maml", tasks)
                : ProblemArgs.load(null, input, sets, "maml", tasks);
        try {
            main.out.print(Explanation.text(p));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (!isCase) {
            overTraining(p);
        }
        return ExitCodes.OK;
    }

    /** Meta-trains MAML as the config says and looks at the two parts' norms as it goes. */
    private void overTraining(MetaGradientProblem p) throws IOException {
        int n = iterations != null ? iterations : p.study().protocol().training().metaIterations();
        if (n < 0 || (every != null && every < 1)) {
            throw new UsageException("expected --iterations >= 0 and --every >= 1");
        }
        if (n == 0) {
            return;
        }
        int step = every != null ? every : Math.max(1, n / 50);
        Path dir = out != null ? out : Path.of("runs", "explain-" + p.name());
        List<double[]> rows = new ArrayList<>();   // iteration, |full|, |first-order|, |through inner|, cos(fo, full)
        try (TaskPool pool = new TaskPool(1)) {
            MetaTrainer<XYBatch> trainer = p.study().newTrainer(pool);
            for (int it = 0; it <= n; it++) {
                if (it % step == 0 || it == n) {
                    rows.add(look(p, trainer, it));
                }
                if (it < n) {
                    trainer.step();
                }
            }
        }
        StringBuilder csv = new StringBuilder("iteration,full_norm,first_order_norm,through_inner_norm,cos_first_order_full\n");
        for (double[] r : rows) {
            csv.append(String.format(Locale.ROOT, "%d,%.17g,%.17g,%.17g,%.17g%n", (long) r[0], r[1], r[2], r[3], r[4]));
        }
        AtomicFiles.writeString(dir.resolve("explain.csv"), csv.toString());
        double[] x = column(rows, 0);
        Charts.save(dir, "explain_parts", p.name() + ": the two parts of MAML's meta-gradient during meta-training",
                "meta-iteration", "norm (mean over " + p.tasks().size() + " fixed tasks)", List.of(
                        new Curve("full meta-gradient", x, column(rows, 1), null),
                        new Curve("first-order part (query gradient at phi)", x, column(rows, 2), null),
                        new Curve("through the inner updates (Hessian terms)", x, column(rows, 3), null)));
        double[] last = rows.get(rows.size() - 1);
        main.out.printf(Locale.ROOT, "%nover meta-training (%d iterations, a look every %d): at the end |first-order| %.6g, "
                + "|through inner| %.6g (mean over the tasks)%nwrote %s, %s and %s%n", n, step, last[2], last[3],
                dir.resolve("explain.csv"), dir.resolve("explain_parts.png"), dir.resolve("explain_parts.svg"));
    }

    private static double[] look(MetaGradientProblem p, MetaTrainer<XYBatch> trainer, int iteration) {
        List<MetaGradientSplit> splits = Explanation.splits(p, trainer.learner().modelParams(trainer.meta()));
        double full = 0, fo = 0, inner = 0, cos = 0;
        for (MetaGradientSplit s : splits) {
            full += GradClip.globalNorm(s.full());
            fo += GradClip.globalNorm(s.firstOrder());
            inner += GradClip.globalNorm(s.throughInner());
            cos += MetaGradientSplit.cosine(s.firstOrder(), s.full());
        }
        int k = splits.size();
        return new double[] {iteration, full / k, fo / k, inner / k, cos / k};
    }

    private static double[] column(List<double[]> rows, int j) {
        double[] c = new double[rows.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = rows.get(i)[j];
        }
        return c;
    }
}
