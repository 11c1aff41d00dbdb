package org.metarec.experiments.explain;

import java.util.ArrayList;
import java.util.List;
import org.metarec.algorithms.data.XYBatch;
import org.metarec.algorithms.meta.InnerLoop;
import org.metarec.algorithms.meta.MetaLearner;
import org.metarec.algorithms.meta.MetaMethod;
import org.metarec.algorithms.meta.MetaSGD;
import org.metarec.algorithms.meta.Task;
import org.metarec.autodiff.DotGraph;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * The graph behind one task's meta-gradient, ready to draw ({@link DotGraph}).
 *
 * <p>For the second-order methods (MAML, ANIL, Meta-SGD) it is the graph of the query loss at phi,
 * recorded through every inner step: one box per step, the gradient computations of each step in
 * red (the backward passes with {@code createGraph}), the meta-parameters as blue leaves. For the
 * first-order methods (first-order MAML, Reptile) no inner step is part of the meta-gradient's graph:
 * each step's support loss is drawn on its own, at that step's starting parameters as fresh
 * variables, and first-order MAML's query loss at phi likewise; nothing is red and no edge joins the
 * steps, which is the picture of "first order".
 */
public final class MetaGradientGraph {

    private MetaGradientGraph() {
    }

    /** The DOT text of task {@code taskIndex} of {@code p}. */
    public static String dot(MetaGradientProblem p, int taskIndex) {
        return graph(p, taskIndex).toDot();
    }

    /** The graph of task {@code taskIndex} of {@code p}, grouped by inner step. */
    public static DotGraph graph(MetaGradientProblem p, int taskIndex) {
        Task<XYBatch> task = p.learner().trainingTask(p.task(taskIndex));   // Reptile: support and query together
        return switch (p.method()) {
            case MAML, ANIL, METASGD -> secondOrder(p, task);
            case FOMAML, REPTILE -> firstOrder(p, task);
            case PRETRAINED -> throw new IllegalArgumentException(p.name() + ": the pretrained baseline has no "
                    + "inner loop and no meta-gradient to draw (expected maml, fomaml, reptile, metasgd or anil)");
            case CAVIA, MAMLPP, IMAML -> throw new IllegalArgumentException(p.name() + ": " + p.method().configName()
                    + "'s graph is not drawn by this command yet (expected maml, fomaml, reptile, metasgd or anil)");
        };
    }

    private static DotGraph secondOrder(MetaGradientProblem p, Task<XYBatch> task) {
        MetaLearner<XYBatch> learner = p.learner();
        InnerLoop<XYBatch> inner = new InnerLoop<>(p.settings().loss(), learner.adaptedNames(p.meta()));
        Params theta = learner.modelParams(p.meta());
        List<Params> iterates = new ArrayList<>();
        Params phi = theta;
        for (int j = 0; j < p.settings().innerSteps(); j++) {
            phi = inner.run(phi, p.meta(), task.support(), 1, stepSize(p), batchOfStep(p, j), true);
            iterates.add(phi.subset(learner.adaptedNames(p.meta())));
        }
        Tensor queryLoss = p.settings().loss().apply(phi, task.query());
        DotGraph graph = DotGraph.of(queryLoss).names(p.meta()).name(queryLoss, "query loss");
        for (int j = 0; j < iterates.size(); j++) {
            graph.group("inner step " + (j + 1), iterates.get(j).tensors());
            for (String n : iterates.get(j).names()) {
                graph.name(iterates.get(j).get(n), n + " after step " + (j + 1));
            }
        }
        return graph;
    }

    private static DotGraph firstOrder(MetaGradientProblem p, Task<XYBatch> task) {
        MetaLearner<XYBatch> learner = p.learner();
        List<String> adapted = learner.adaptedNames(p.meta());
        InnerLoop<XYBatch> inner = new InnerLoop<>(p.settings().loss(), adapted);
        Params phi = learner.modelParams(p.meta()).detach();
        List<Tensor> roots = new ArrayList<>();
        List<Params> starts = new ArrayList<>();
        for (int j = 0; j < p.settings().innerSteps(); j++) {
            Params start = phi.asVariables();
            roots.add(p.settings().loss().apply(start, batchOfStep(p, j).batch(task.support(), j)));
            starts.add(start);
            phi = inner.run(phi, p.meta(), task.support(), 1, stepSize(p), batchOfStep(p, j), false);
        }
        Params end = phi.asVariables();
        boolean query = p.method() != MetaMethod.REPTILE;   // Reptile's step theta - phi has no query loss
        if (query) {
            roots.add(p.settings().loss().apply(end, task.query()));
        }
        if (roots.isEmpty()) {
            throw new IllegalArgumentException(p.name() + ": no inner steps and no query loss: nothing to draw");
        }
        DotGraph graph = DotGraph.of(roots);
        for (int j = 0; j < starts.size(); j++) {
            for (String n : starts.get(j).names()) {
                graph.name(starts.get(j).get(n), n + " (step " + (j + 1) + ")");
            }
            graph.name(roots.get(j), "support loss, step " + (j + 1) + " (gradient not recorded)");
            graph.group("inner step " + (j + 1), List.of(roots.get(j)));
        }
        if (query) {
            for (String n : end.names()) {
                graph.name(end.get(n), n + " = phi");
            }
            graph.name(roots.get(roots.size() - 1), "query loss at phi");
        }
        return graph;
    }

    /** A number for every parameter, or Meta-SGD's rates from the meta-parameters. */
    private static InnerLoop.StepSize stepSize(MetaGradientProblem p) {
        return p.learner().learnsStepSizes() ? MetaSGD::scaleByRate : InnerLoop.StepSize.constant(p.settings().innerLr());
    }

    /** The batch the learner's own loop uses at step {@code j}, for a loop run one step at a time. */
    private static InnerLoop.Batches<XYBatch> batchOfStep(MetaGradientProblem p, int j) {
        InnerLoop.Batches<XYBatch> batches = p.settings().batches();
        return (support, step) -> batches.batch(support, j);
    }
}
