package org.metarec.algorithms.rec.coldstart;

import java.util.ArrayList;
import java.util.List;
import org.metarec.algorithms.meta.MetaLearner;
import org.metarec.algorithms.meta.Task;
import org.metarec.algorithms.rec.RecFixtures;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.FeatureEncoding;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.SlotMode;
import org.metarec.algorithms.rec.data.UserProfiles;
import org.metarec.algorithms.rec.model.ModelInputs;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.core.data.Dataset;

/** The tiny data set's users as tasks, and finite differences of a learner's meta-loss. */
final class ColdStartFixture {

    static final Dataset TINY = RecFixtures.tiny();
    static final FeatureEncoding USERS = FeatureEncoding.of(TINY.userFeatures());
    static final FeatureEncoding ITEMS = FeatureEncoding.of(TINY.itemFeatures());
    static final BatchFactory WITH_PROFILES = new BatchFactory(TINY.interactions(), USERS, ITEMS,
            UserProfiles.build(TINY.interactions(), TINY.interactions().allRows(), new int[] {0, 1}, ITEMS));
    static final BatchFactory WITHOUT_PROFILES = WITH_PROFILES.withProfiles(null);

    private ColdStartFixture() {
    }

    static ModelInputs inputs(BatchFactory f) {
        return ModelInputs.of(f, 29.0 / 9);
    }

    /**
     * Users 0, 1 and 2 as tasks (rows {0, 1 | 2}, {3 | 4}, {5, 6 | 7}: support | query); with {@code rotate} the
     * query is the first row instead of the last, so that different cases see different splits.
     */
    static List<Task<RatingBatch>> tasks(BatchFactory f, boolean rotate) {
        int[][] rows = {{0, 1, 2}, {3, 4}, {5, 6, 7}};
        List<Task<RatingBatch>> tasks = new ArrayList<>();
        for (int[] r : rows) {
            int q = rotate ? 0 : r.length - 1;
            int[] support = new int[r.length - 1];
            int s = 0;
            for (int i = 0; i < r.length; i++) {
                if (i != q) {
                    support[s++] = r[i];
                }
            }
            tasks.add(new Task<>(f.rows(support, SlotMode.SINGLE), f.rows(new int[] {r[q]}, SlotMode.SINGLE)));
        }
        return tasks;
    }

    /** The mean over tasks of what {@code taskGradient} reports as the task's loss. */
    static double metaLoss(MetaLearner<RatingBatch> learner, Params meta, List<Task<RatingBatch>> tasks) {
        double sum = 0;
        for (Task<RatingBatch> t : tasks) {
            sum += learner.taskGradient(meta, t).queryLoss();
        }
        return sum / tasks.size();
    }

    /** {@code p} with element {@code e} of {@code name} moved by {@code h}. */
    static Params shift(Params p, String name, int e, double h) {
        org.ejml.data.DMatrixRMaj m = p.get(name).data().copy();
        m.data[e] += h;
        return p.with(name, Tensor.variable(m));
    }

    /**
     * Checks {@code grad} against fourth-order central differences of the meta-loss, on up to {@code perTensor}
     * elements of every tensor of {@code names} (spread over the tensor), to {@code 1e-7 + 1e-5 |numeric|}.
     */
    static void checkAgainstFiniteDifferences(MetaLearner<RatingBatch> learner, Params meta, List<Task<RatingBatch>> tasks,
            Params grad, List<String> names, int perTensor, String label) {
        checkAgainstFiniteDifferences(p -> metaLoss(learner, p, tasks), meta, grad, names, perTensor, label);
    }

    /** As above, for any meta-loss function. */
    static void checkAgainstFiniteDifferences(java.util.function.ToDoubleFunction<Params> metaLoss, Params meta,
            Params grad, List<String> names, int perTensor, String label) {
        double h = 1e-4;
        double[] shifts = {-2 * h, -h, h, 2 * h};
        for (String name : names) {
            double[] analytic = grad.get(name).toArray();
            int stride = Math.max(1, analytic.length / perTensor);
            for (int e = 0; e < analytic.length; e += stride) {
                double[] f = new double[4];
                for (int k = 0; k < 4; k++) {
                    f[k] = metaLoss.applyAsDouble(shift(meta, name, e, shifts[k]));
                }
                double numeric = (f[0] - 8 * f[1] + 8 * f[2] - f[3]) / (12 * h);
                org.junit.jupiter.api.Assertions.assertEquals(numeric, analytic[e], 1e-7 + 1e-5 * Math.abs(numeric),
                        label + ": " + name + "[" + e + "]");
            }
        }
    }
}
