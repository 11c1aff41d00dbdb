// Lesson 3: the graph behind lesson 2's meta-gradient, drawn.
// Run: bin/metarec lesson 3 [FILE.dot]        (the text is docs/lessons/lesson-3.md)

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.metarec.algorithms.data.XYBatch;
import org.metarec.algorithms.meta.Task;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.DotGraph;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.nn.Activation;
import org.metarec.autodiff.nn.MLP;
import org.metarec.core.random.Rng;
import org.metarec.experiments.study.sinusoid.SinusoidTasks;

public class Lesson3 {

    public static void main(String[] args) throws IOException {
        // Lesson 2's network, task and inner step.
        MLP mlp = new MLP(new int[] {1, 40, 40, 1}, Activation.RELU);
        Params theta = mlp.init(Rng.derive(1, "lesson/init"));
        Task<XYBatch> task = SinusoidTasks.drawTask(SinusoidTasks.Family.paper(), Rng.derive(1, "lesson/task"), 10, 10);
        double alpha = 0.01;
        Tensor supportLoss = Ops.mse(mlp.apply(theta, task.support().x()), task.support().y());
        Params g = Autodiff.grad(supportLoss, theta, true);
        Params phi = theta.zip(g, (p, gp) -> p.addScaled(-alpha, gp));
        Tensor queryLoss = Ops.mse(mlp.apply(phi, task.query().x()), task.query().y());

        // Second order: everything the meta-gradient flows back through, the inner step in a box.
        DotGraph maml = DotGraph.of(queryLoss).names(theta).name(queryLoss, "query loss")
                .group("inner step", phi.tensors());
        List<Tensor> nodes = maml.nodes();
        long red = nodes.stream().filter(Tensor::fromBackward).count();
        System.out.printf("MAML's graph: %d nodes; %d of them recorded by the inner step's backward pass (red)%n",
                nodes.size(), red);
        for (String op : List.of("matmul", "matmulNT", "matmulTN", "relu", "keepWherePositive", "addScaled")) {
            System.out.printf("  %-18s %2d%n", op, nodes.stream().filter(t -> t.op().equals(op)).count());
        }

        // First order: phi as fresh variables, so the inner step is not part of the graph at all.
        Params phiCut = phi.asVariables();
        Tensor firstOrderLoss = Ops.mse(mlp.apply(phiCut, task.query().x()), task.query().y());
        DotGraph.Size fo = DotGraph.size(firstOrderLoss);
        System.out.printf("first-order MAML's graph: %d nodes, %d recorded by a backward pass%n", fo.nodes(),
                fo.fromBackward());

        Path out = Path.of(args.length > 0 ? args[0] : "lesson3-maml-graph.dot");
        Files.writeString(out, maml.toDot());
        System.out.println("wrote " + out + "; draw it with: dot -Tsvg " + out + " -o graph.svg");
    }
}
