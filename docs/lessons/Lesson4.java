// Lesson 4: meta-training on sinusoids for about a minute, and the adaptation picture.
// Run: bin/metarec lesson 4 [FOLDER]        (the text is docs/lessons/lesson-4.md)

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metarec.algorithms.data.XYBatch;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.train.MetaTrainer;
import org.metarec.autodiff.Params;
import org.metarec.experiments.study.sinusoid.SinusoidFitFigure;
import org.metarec.experiments.study.sinusoid.SinusoidProtocol;
import org.metarec.experiments.study.sinusoid.SinusoidStudy;

public class Lesson4 {

    static final int ITERATIONS = 10_000;

    public static void main(String[] args) throws Exception {
        Map<String, SinusoidStudy> studies = new LinkedHashMap<>();
        Map<String, Params> trained = new LinkedHashMap<>();
        try (TaskPool pool = new TaskPool(1)) {
            for (String method : List.of("maml", "pretrained")) {
                // The paper's protocol (1-40-40-1 ReLU, K = 10, one inner step of 0.01, meta-batch 25, Adam 0.001),
                // with 10,000 meta-iterations instead of 70,000 and 100 test tasks instead of 600.
                SinusoidProtocol paper = SinusoidProtocol.paper(method, 1);
                SinusoidProtocol p = paper.withTraining(paper.training().withMetaIterations(ITERATIONS))
                        .withEvaluation(paper.evaluation().withTestTasks(100));
                SinusoidStudy study = new SinusoidStudy(p);
                MetaTrainer<XYBatch> trainer = study.newTrainer(pool);
                while (trainer.stepCount() < ITERATIONS) {
                    MetaTrainer.StepReport r = trainer.step();
                    if (r.step() % 2_500 == 0) {
                        System.out.printf("%-10s iteration %5d: loss of the meta-batch %.4f%n", method, r.step(), r.metaLoss());
                    }
                }
                studies.put(method, study);
                trained.put(method, trainer.meta());
            }

            // Query MSE on the 100 fixed test sinusoids, adapting from K = 10 points with SGD at 0.01.
            System.out.println("mean query MSE over 100 test tasks, K = 10:   0 steps   1 step   10 steps");
            for (String method : studies.keySet()) {
                Map<String, double[]> mse = studies.get(method).evaluate(trained.get(method), pool);
                System.out.printf("  %-42s %7.3f  %7.3f  %9.3f%n", method, mean(mse.get("mse_k10_steps0")),
                        mean(mse.get("mse_k10_steps1")), mean(mse.get("mse_k10_steps10")));
            }
        }

        Path folder = Path.of(args.length > 0 ? args[0] : "lesson4");
        SinusoidFitFigure.save(folder, "sinusoid_fit", "lesson 4", studies, trained, 3, 10, 10);
        System.out.println("wrote " + folder.resolve("sinusoid_fit.png") + " and .svg");
    }

    static double mean(double[] xs) {
        return Arrays.stream(xs).average().orElse(Double.NaN);
    }
}
