package org.metarec.algorithms.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.data.ClassBatch;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.check.GradCheck;
import org.metarec.autodiff.check.Property;
import org.metarec.autodiff.nn.Activation;
import org.metarec.autodiff.nn.MLP;

/**
 * Prototypical Networks checked from first principles: prototypes are class means of embeddings, the scores are
 * negative squared distances, the episode loss's gradient checks to second order against finite differences, and
 * the meta-step descends it.
 */
class PrototypicalNetworksTest {

    /** A random episode: an MLP embedding, N classes with 1-3 support and query rows each. */
    record Episode(MLP mlp, Params theta, Task<ClassBatch> task) {
        PrototypicalNetworks learner() {
            return new PrototypicalNetworks(mlp::apply);
        }
    }

    static Episode episode(Property.Case c) {
        SplittableRandom rng = c.rng();
        int in = 1 + rng.nextInt(3), hidden = 2 + rng.nextInt(3), out = 1 + rng.nextInt(3), ways = 2 + rng.nextInt(2);
        MLP mlp = new MLP(new int[] {in, hidden, out}, rng.nextBoolean() ? Activation.TANH : Activation.SIGMOID);
        return new Episode(mlp, mlp.init(rng), new Task<>(batch(c, ways, in, 1 + rng.nextInt(3)), batch(c, ways, in, 1 + rng.nextInt(3))));
    }

    private static ClassBatch batch(Property.Case c, int ways, int in, int perClass) {
        int[] labels = new int[ways * perClass];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % ways;
        }
        return new ClassBatch(c.matrix(labels.length, in, -1, 1), labels, ways);
    }

    @Test
    void prototypesAreClassMeansAndScoresAreNegativeSquaredDistances() {
        Property.forAll("prototypes and scores by definition", 5L, 10, 4, c -> {
            Episode e = episode(c);
            ClassBatch s = e.task().support();
            Tensor emb = e.mlp().apply(e.theta(), s.x());
            Tensor protos = e.learner().prototypes(e.theta(), s);
            int[] labels = s.labels();
            for (int k = 0; k < s.ways(); k++) {
                for (int j = 0; j < emb.cols(); j++) {
                    double sum = 0;
                    int n = 0;
                    for (int i = 0; i < labels.length; i++) {
                        if (labels[i] == k) {
                            sum += emb.get(i, j);
                            n++;
                        }
                    }
                    assertEquals(sum / n, protos.get(k, j), 1e-12);
                }
            }
            Tensor x = e.task().query().x();
            Tensor q = e.mlp().apply(e.theta(), x);
            Tensor scores = e.learner().logits(e.theta(), protos, x);
            for (int i = 0; i < x.rows(); i++) {
                for (int k = 0; k < s.ways(); k++) {
                    double d2 = 0;
                    for (int j = 0; j < q.cols(); j++) {
                        double diff = q.get(i, j) - protos.get(k, j);
                        d2 += diff * diff;
                    }
                    assertEquals(-d2, scores.get(i, k), 1e-12);
                }
            }
        });
    }

    @Test
    void theEpisodeLossChecksToSecondOrder() {
        Property.forAll("protonet episode loss: first and second derivatives", 11L, 6, 3, c -> {
            Episode e = episode(c);
            PrototypicalNetworks learner = e.learner();
            List<String> names = e.theta().names();
            java.util.function.Function<List<Tensor>, Tensor> loss = ts -> {
                Params theta = e.theta().withValues(ts);
                Tensor protos = learner.prototypes(theta, e.task().support());
                ClassBatch query = e.task().query();
                return query.crossEntropy(learner.logits(theta, protos, query.x()));
            };
            List<Tensor> inputs = new ArrayList<>();
            for (String n : names) {
                inputs.add(Tensor.variable(e.theta().get(n).data().copy()));
            }
            GradCheck.check(loss, inputs);
            GradCheck.checkSecondOrder(loss, inputs);
        });
    }

    @Test
    void theMetaStepGradientIsTheEpisodeLossGradientAndDescends() {
        Property.forAll("protonet meta-step", 17L, 6, 3, c -> {
            Episode e = episode(c);
            PrototypicalNetworks learner = e.learner();
            MetaLearner.TaskResult r = learner.taskGradient(e.theta(), e.task());
            Params stepped;
            try (TaskPool pool = new TaskPool(2)) {
                Params g = pool.step(learner, e.theta(), List.of(e.task(), e.task())).gradient();
                for (String n : e.theta().names()) {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(r.gradient().get(n).toArray(), g.get(n).toArray(), 1e-14);
                }
                stepped = e.theta().zip(g, (t, d) -> t.sub(d.mul(Tensor.filled(d.rows(), d.cols(), 1e-3))));
            }
            double after = learner.taskGradient(stepped, e.task()).queryLoss();
            org.junit.jupiter.api.Assertions.assertTrue(after <= r.queryLoss() + 1e-12,
                    "a small step along minus the gradient lowers the loss: " + r.queryLoss() + " -> " + after);
            Params adapted = learner.adapt(e.theta(), e.task().support(), 5);
            assertEquals(e.task().query().accuracy(learner.scores(adapted, e.task().query().x())),
                    e.task().query().accuracy(learner.logits(e.theta(), learner.prototypes(e.theta(), e.task().support()),
                            e.task().query().x())), 0.0);
        });
    }

    @Test
    void aClassWithoutSupportIsAnError() {
        MLP mlp = new MLP(new int[] {1, 2}, Activation.TANH);
        PrototypicalNetworks learner = new PrototypicalNetworks(mlp::apply);
        ClassBatch support = new ClassBatch(Tensor.of(new double[][] {{0.5}, {0.1}}), new int[] {0, 0}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> learner.prototypes(mlp.init(new SplittableRandom(1)), support));
        assertEquals("protonet: class 1 has no support example, so no prototype", e.getMessage());
    }
}
