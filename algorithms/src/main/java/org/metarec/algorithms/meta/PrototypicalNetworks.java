package org.metarec.algorithms.meta;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.metarec.algorithms.data.ClassBatch;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * Prototypical Networks (Snell, Swersky and Zemel, NeurIPS 2017): a metric-based meta-learner. An embedding
 * network f_theta maps every example to a vector; a task's class prototypes are the mean embeddings of each
 * class's support examples,
 * <pre>
 *   c_k = (1 / |S_k|) sum_{x in S_k} f_theta(x)                        (equation 1)
 *   p(y = k | x) = softmax_k(-||f_theta(x) - c_k||^2)                  (equation 2, squared Euclidean distance)
 * </pre>
 * and meta-training descends the query cross-entropy {@code -log p(y | x)} averaged over the query set
 * (Algorithm 1). There is no inner loop: "adapting" to a task is computing its prototypes, so
 * {@link #adapt} ignores the number of steps.
 */
public final class PrototypicalNetworks implements MetaLearner<ClassBatch> {

    /** The name of the prototypes matrix (N x embedding size) in the parameters {@link #adapt} returns. */
    public static final String PROTOTYPES = "prototypes";

    /** The embedding network: {@code embed(theta, x)} maps n x d inputs to n x e embeddings. */
    @FunctionalInterface
    public interface Embedding {
        /** The embeddings of the rows of {@code x} under {@code theta}. */
        Tensor apply(Params theta, Tensor x);
    }

    private final Embedding embedding;

    /** A learner over the embedding network {@code embedding}. */
    public PrototypicalNetworks(Embedding embedding) {
        this.embedding = embedding;
    }

    @Override
    public String name() {
        return "protonet";
    }

    /** No parameter is adapted: a task changes only the prototypes. */
    @Override
    public List<String> adaptedNames(Params theta) {
        return List.of();
    }

    /** Equation 1: the N x e matrix whose row k is the mean embedding of the support examples of class k. */
    public Tensor prototypes(Params theta, ClassBatch support) {
        return Ops.matmul(classMeans(support), embedding.apply(theta, support.x()));
    }

    /**
     * Equation 2's scores: the n x N matrix of {@code -||f_theta(x_i) - c_k||^2}, written as
     * {@code 2 f(x_i).c_k - ||f(x_i)||^2 - ||c_k||^2} so that it is three products and two broadcasts.
     */
    public Tensor logits(Params theta, Tensor prototypes, Tensor x) {
        Tensor e = embedding.apply(theta, x);
        Tensor cross = Ops.mulScalar(Ops.matmulNT(e, prototypes), 2);                              // n x N
        Tensor own = Ops.broadcastCols(Ops.sumCols(Ops.mul(e, e)), prototypes.rows());             // ||f(x_i)||^2
        Tensor protoNorms = Ops.transpose(Ops.sumCols(Ops.mul(prototypes, prototypes)));           // 1 x N
        return Ops.sub(Ops.sub(cross, own), Ops.broadcastRows(protoNorms, x.rows()));
    }

    /** The prototypes of {@code support}, as constants, next to {@code meta}; {@code steps} has no effect. */
    @Override
    public Params adapt(Params meta, ClassBatch support, int steps) {
        return meta.detach().with(PROTOTYPES, prototypes(meta, support).detach());
    }

    /** The scores of {@code x} with parameters {@code adapted} from {@link #adapt}. */
    public Tensor scores(Params adapted, Tensor x) {
        return logits(adapted, adapted.get(PROTOTYPES), x);
    }

    /** Algorithm 1 for one episode: the query cross-entropy against the support prototypes, and its gradient. */
    @Override
    public TaskResult taskGradient(Params theta, Task<ClassBatch> task) {
        Tensor prototypes = prototypes(theta, task.support());                  // a function of theta
        ClassBatch query = task.query();
        Tensor loss = query.crossEntropy(logits(theta, prototypes, query.x()));
        Params grad = theta.withValues(Autodiff.grad(loss, theta.tensors(), false, true));
        return new TaskResult(loss.item(), grad, theta.detach());
    }

    /** The N x n matrix that averages the support rows of each class (row k: 1/|S_k| on the rows of class k). */
    private static Tensor classMeans(ClassBatch support) {
        int[] labels = support.labels();
        int[] count = new int[support.ways()];
        for (int y : labels) {
            count[y]++;
        }
        DMatrixRMaj m = new DMatrixRMaj(support.ways(), labels.length);
        for (int i = 0; i < labels.length; i++) {
            m.set(labels[i], i, 1.0 / count[labels[i]]);
        }
        for (int k = 0; k < count.length; k++) {
            if (count[k] == 0) {
                throw new IllegalArgumentException("protonet: class " + k + " has no support example, so no prototype");
            }
        }
        return Tensor.constant(m);
    }
}
