// Lesson 2: one MAML step on one sinusoid task, by hand, then with MAML, then with first-order MAML.
// Run: bin/metarec lesson 2        (the text is docs/lessons/lesson-2.md)

import org.metarec.algorithms.data.XYBatch;
import org.metarec.algorithms.meta.FirstOrderMAML;
import org.metarec.algorithms.meta.MAML;
import org.metarec.algorithms.meta.MetaGradientSplit;
import org.metarec.algorithms.meta.MetaLearner;
import org.metarec.algorithms.meta.Task;
import org.metarec.algorithms.meta.TaskLoss;
import org.metarec.algorithms.optim.GradClip;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.nn.Activation;
import org.metarec.autodiff.nn.MLP;
import org.metarec.core.random.Rng;
import org.metarec.experiments.study.sinusoid.SinusoidTasks;

public class Lesson2 {

    public static void main(String[] args) {
        // The network of Finn et al. (2017): 1-40-40-1 with ReLU; one task, K = 10 support and 10 query points.
        MLP mlp = new MLP(new int[] {1, 40, 40, 1}, Activation.RELU);
        Params theta = mlp.init(Rng.derive(1, "lesson/init"));
        Task<XYBatch> task = SinusoidTasks.drawTask(SinusoidTasks.Family.paper(), Rng.derive(1, "lesson/task"), 10, 10);
        double alpha = 0.01;

        // 1. By hand. The inner step keeps its graph (createGraph = true), so phi is a function of theta.
        Tensor supportLoss = Ops.mse(mlp.apply(theta, task.support().x()), task.support().y());
        Params g = Autodiff.grad(supportLoss, theta, true);
        Params phi = theta.zip(g, (p, gp) -> p.addScaled(-alpha, gp));         // phi = theta - alpha grad
        Tensor queryLoss = Ops.mse(mlp.apply(phi, task.query().x()), task.query().y());
        Params byHand = Autodiff.grad(queryLoss, theta, false);                 // d L_query(phi) / d theta

        // 2. The same with metarec's MAML, and 3. with first-order MAML.
        TaskLoss<XYBatch> loss = (p, b) -> Ops.mse(mlp.apply(p, b.x()), b.y());
        MetaLearner.TaskResult maml = new MAML<>(loss, alpha, 1).taskGradient(theta, task);
        MetaLearner.TaskResult fomaml = new FirstOrderMAML<>(loss, alpha, 1).taskGradient(theta, task);

        System.out.printf("support loss at theta %.6f; query loss at theta %.6f, at phi %.6f%n", supportLoss.item(),
                Ops.mse(mlp.apply(theta, task.query().x()), task.query().y()).item(), queryLoss.item());
        System.out.printf("|meta-gradient| by hand %.6f, MAML %.6f, first-order MAML %.6f%n",
                GradClip.globalNorm(byHand), GradClip.globalNorm(maml.gradient()),
                GradClip.globalNorm(fomaml.gradient()));
        System.out.printf("largest |by hand - MAML| over all %d numbers: %.1e%n", theta.numel(),
                maxAbsDifference(byHand, maml.gradient()));
        System.out.printf("MAML against first-order MAML: |difference| %.6f (%.2f%% of |MAML|), cosine %.6f%n",
                GradClip.globalNorm(maml.gradient().zip(fomaml.gradient(), Tensor::sub)),
                100 * GradClip.globalNorm(maml.gradient().zip(fomaml.gradient(), Tensor::sub))
                        / GradClip.globalNorm(maml.gradient()),
                MetaGradientSplit.cosine(maml.gradient(), fomaml.gradient()));
        System.out.println("per parameter:   |MAML|   |first-order|   cosine");
        for (String name : theta.names()) {
            Tensor a = maml.gradient().get(name), b = fomaml.gradient().get(name);
            System.out.printf("  %-3s %5s %10.6f %12.6f %10.6f%n", name, a.shape(), GradClip.norm(a),
                    GradClip.norm(b), MetaGradientSplit.cosine(a, b));
        }
    }

    static double maxAbsDifference(Params a, Params b) {
        double m = 0;
        for (String name : a.names()) {
            double[] x = a.get(name).toArray(), y = b.get(name).toArray();
            for (int i = 0; i < x.length; i++) {
                m = Math.max(m, Math.abs(x[i] - y[i]));
            }
        }
        return m;
    }
}
