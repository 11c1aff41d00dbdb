package org.metarec.experiments.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.metarec.algorithms.meta.MetaMethod;
import org.metarec.autodiff.Params;
import org.metarec.experiments.checkpoint.Checkpoint;
import org.metarec.experiments.checkpoint.CheckpointCodec;
import org.metarec.experiments.checkpoint.CheckpointException;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.run.RunFolder;
import org.metarec.experiments.run.UsageException;
import org.metarec.experiments.study.sinusoid.SinusoidExperiment;
import org.metarec.experiments.study.sinusoid.SinusoidFitFigure;
import org.metarec.experiments.study.sinusoid.SinusoidStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code metarec plot ...}: figures drawn from a finished run folder. */
@Command(name = "plot", mixinStandardHelpOptions = true, description = "Figures of a finished run.",
        subcommands = {PlotCommand.SinusoidFit.class})
final class PlotCommand implements Runnable {

    @ParentCommand
    Main main;

    @Override
    public void run() {
        picocli.CommandLine.usage(this, main.out);
    }

    /** {@code plot sinusoid-fit RUN_DIR}: Finn et al.'s Figure 2 from the trained parameters in the run's checkpoint. */
    @Command(name = "sinusoid-fit", mixinStandardHelpOptions = true,
            description = {"The adaptation figure of Finn et al. (2017, Figure 2) for a finished sinusoid run: for a few test",
                "tasks, the true curve, the K support points and the prediction before adaptation and after 1 and",
                "--steps steps, for MAML and the pretrained baseline (or --methods). Writes RUN_DIR/plots/sinusoid_fit.png/.svg."})
    static final class SinusoidFit implements Callable<Integer> {
        @ParentCommand
        PlotCommand plot;

        @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A finished sinusoid run folder.")
        Path dir;

        @Option(names = "--methods", split = ",", description = "Methods, one row each (default: maml,pretrained, those the run trained).")
        List<String> methods;

        @Option(names = "--tasks", defaultValue = "3", description = "Test tasks, one column each (default 3).")
        int tasks;

        @Option(names = "--k", description = "Support points (default: the largest of evaluation.support_sizes).")
        Integer k;

        @Option(names = "--steps", defaultValue = "10", description = "Steps of the last curve (default 10).")
        int steps;

        @Override
        public Integer call() throws IOException {
            RunFolder folder = new RunFolder(dir);
            if (!Files.isRegularFile(folder.file(RunFolder.CONFIG)) || !Files.isRegularFile(folder.file(RunFolder.CHECKPOINT))) {
                throw new UsageException(dir + ": expected a run folder with " + RunFolder.CONFIG + " and "
                        + RunFolder.CHECKPOINT + ", found " + (Files.isDirectory(dir) ? "a folder without them" : "no folder"));
            }
            Config config = ProblemArgs.loadConfig(folder.file(RunFolder.CONFIG), List.of());
            if (!config.experiment().equals("sinusoid")) {
                throw new UsageException(folder.file(RunFolder.CONFIG) + ": experiment: expected sinusoid, found "
                        + config.experiment());
            }
            Checkpoint ck;
            try {
                ck = CheckpointCodec.read(folder.file(RunFolder.CHECKPOINT));
            } catch (CheckpointException e) {
                throw new UsageException(e.getMessage());
            }
            List<String> trained = config.getStringList("methods").stream()
                    .filter(m -> ck.arrays().keySet().stream().anyMatch(n -> n.startsWith("final/" + m + "/"))).toList();
            List<String> rows = methods != null ? methods
                    : trained.stream().filter(m -> m.equals(MetaMethod.MAML.configName())
                            || m.equals(MetaMethod.PRETRAINED.configName())).toList();
            if (rows.isEmpty()) {
                rows = trained;
            }
            for (String m : rows) {
                if (!trained.contains(m)) {
                    throw new UsageException("--methods: " + m + " has no final parameters in " + folder.file(RunFolder.CHECKPOINT)
                            + " (trained to the end: " + trained + ")");
                }
            }
            if (rows.isEmpty()) {
                throw new UsageException(dir + ": no method has finished training in this run");
            }
            int[] ks = config.getIntArray("evaluation.support_sizes");
            int kk = k != null ? k : java.util.Arrays.stream(ks).max().orElse(10);
            if (tasks < 1 || steps < 1 || kk < 1 || java.util.Arrays.stream(ks).max().orElse(0) < kk) {
                throw new UsageException("expected --tasks >= 1, --steps >= 1 and 1 <= --k <= the run's largest support size "
                        + java.util.Arrays.stream(ks).max().orElse(0));
            }
            Map<String, SinusoidStudy> studies = new LinkedHashMap<>();
            Map<String, Params> params = new LinkedHashMap<>();
            for (String m : rows) {
                studies.put(m, new SinusoidStudy(SinusoidExperiment.protocol(config, m)));
                params.put(m, SinusoidExperiment.finalParams(ck, m));
            }
            Path plots = folder.file(RunFolder.PLOTS);
            SinusoidFitFigure.save(plots, "sinusoid_fit", config.name(), studies, params, tasks, kk, steps);
            plot.main.out.println("wrote " + plots.resolve("sinusoid_fit.png") + " and " + plots.resolve("sinusoid_fit.svg")
                    + " (" + String.join(", ", rows) + "; " + tasks + " test tasks, K = " + kk + ")");
            return ExitCodes.OK;
        }
    }
}
