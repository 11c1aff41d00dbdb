package org.metarec.algorithms.meta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * The meta-step as a student would write it (and as {@link MetaLearner#metaStep} does): every task's {@code taskGradient} called one after the
 * other on the calling thread, outside any {@link org.metarec.autodiff.kernel.Scratch} scope, then averaged in
 * task order. {@link TaskPool#step} must give the same bits with any number of threads, and again on
 * a second call, when its threads' scratch memory and gradient buffers hold the first call's numbers:
 * a tensor that outlived its scope would show up here.
 */
public final class MetaStepOracle {

    private MetaStepOracle() {}

    /** Asserts that {@code TaskPool.step} with 1 and 3 threads, twice each, equals the plain loop. */
    public static <B> void assertStepMatchesPlainLoop(MetaLearner<B> learner, Params meta, List<Task<B>> tasks,
                                                      String where) {
        int n = tasks.size();
        double loss = 0;
        List<double[]> sums = new ArrayList<>();
        for (Tensor t : meta.tensors()) {
            sums.add(new double[t.size()]);
        }
        List<Params> adapted = new ArrayList<>();
        for (Task<B> task : tasks) {
            MetaLearner.TaskResult r = learner.taskGradient(meta, task);
            loss += r.queryLoss();
            for (int p = 0; p < sums.size(); p++) {
                double[] g = r.gradient().get(meta.names().get(p)).toArray();
                for (int e = 0; e < g.length; e++) {
                    sums.get(p)[e] += g[e];
                }
            }
            adapted.add(r.adapted());
        }
        for (double[] s : sums) {
            for (int e = 0; e < s.length; e++) {
                s[e] /= n;
            }
        }
        // MetaLearner.metaStep, the paper's loop in the learner's own words, gives these bits too.
        MetaStep plain = learner.metaStep(meta, tasks);
        assertEquals(Double.doubleToLongBits(loss / n), Double.doubleToLongBits(plain.metaLoss()),
                where + ", " + learner.name() + ", metaStep: meta-loss");
        for (int p = 0; p < sums.size(); p++) {
            String name = meta.names().get(p);
            assertArrayEquals(sums.get(p), plain.gradient().get(name).toArray(), 0.0,
                    where + ", " + learner.name() + ", metaStep: gradient of " + name);
        }
        for (int threads : new int[] {1, 3}) {
            try (TaskPool pool = new TaskPool(threads)) {
                for (int call = 1; call <= 2; call++) {
                    String at = where + ", " + learner.name() + ", " + threads + " threads, call " + call;
                    MetaStep r = pool.step(learner, meta, tasks, true);
                    assertEquals(Double.doubleToLongBits(loss / n), Double.doubleToLongBits(r.metaLoss()),
                            at + ": meta-loss");
                    for (int p = 0; p < sums.size(); p++) {
                        String name = meta.names().get(p);
                        assertArrayEquals(sums.get(p), r.gradient().get(name).toArray(), 0.0, at + ": gradient of " + name);
                    }
                    assertEquals(n, r.adapted().size(), at + ": adapted parameter sets");
                    for (int i = 0; i < n; i++) {
                        for (String name : adapted.get(i).names()) {
                            assertArrayEquals(adapted.get(i).get(name).toArray(), r.adapted().get(i).get(name).toArray(),
                                    0.0, at + ": task " + i + ", adapted " + name);
                        }
                    }
                }
            }
        }
    }
}
