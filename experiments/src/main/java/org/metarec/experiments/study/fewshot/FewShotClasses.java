package org.metarec.experiments.study.fewshot;

import org.ejml.data.DMatrixRMaj;
import org.metarec.algorithms.data.ClassBatch;
import org.metarec.algorithms.meta.Task;
import org.metarec.autodiff.Tensor;
import org.metarec.core.random.Rng;

/**
 * A generated family of classes for few-shot classification, built so that a learned embedding matters: each
 * class is a Gaussian cluster in a small latent space (centre ~ N(0, I), spread {@code clusterStd}), and every
 * example is its latent point pushed through one fixed random nonlinear map into the input space,
 * <pre>
 *   z = mu_c + clusterStd * eps,   x = W2 tanh(W1 z + b1)       (W1: h x latent, W2: input x h, h = 2 * input)
 * </pre>
 * so that distances between inputs are a distorted view of distances between latents. Classes
 * {@code 0 .. trainClasses-1} are for meta-training, the others for testing only (no class is in both).
 */
public final class FewShotClasses {

    private final Settings settings;
    private final double[][] centres;        // class -> latent centre
    private final DMatrixRMaj w1;
    private final double[] b1;
    private final DMatrixRMaj w2;

    /**
     * The family's settings.
     *
     * @param trainClasses classes that meta-training draws from
     * @param testClasses further classes that only test tasks draw from
     * @param latentDim dimension of the latent space of the clusters
     * @param inputDim dimension of the inputs
     * @param clusterStd spread of each class around its centre, in latent units
     */
    public record Settings(int trainClasses, int testClasses, int latentDim, int inputDim, double clusterStd) {
        /** Validates. */
        public Settings {
            if (trainClasses < 2 || testClasses < 2 || latentDim < 1 || inputDim < 1 || !(clusterStd > 0)) {
                throw new IllegalArgumentException("fewshot classes: expected at least 2 train and 2 test classes, "
                        + "dimensions >= 1 and a spread > 0, found " + this);
            }
        }
    }

    /** The family drawn from {@code rng} (the centres of every class, then the map). */
    public FewShotClasses(Settings settings, Rng rng) {
        this.settings = settings;
        int classes = settings.trainClasses() + settings.testClasses();
        centres = new double[classes][settings.latentDim()];
        for (double[] c : centres) {
            for (int j = 0; j < c.length; j++) {
                c[j] = rng.nextGaussian();
            }
        }
        int hidden = 2 * settings.inputDim();
        w1 = gaussian(rng, hidden, settings.latentDim(), 1.5 / Math.sqrt(settings.latentDim()));
        b1 = new double[hidden];
        for (int i = 0; i < hidden; i++) {
            b1[i] = 0.5 * rng.nextGaussian();
        }
        w2 = gaussian(rng, settings.inputDim(), hidden, 1 / Math.sqrt(hidden));
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    /**
     * An N-way task: {@code ways} distinct classes drawn from the training classes (or the test classes), labelled
     * 0..N-1 in the order drawn, with {@code shots} support and {@code query} query examples each.
     */
    public Task<ClassBatch> task(Rng rng, boolean test, int ways, int shots, int query) {
        int[] classes = drawClasses(rng, test, ways);
        return new Task<>(examples(rng, classes, shots, false), examples(rng, classes, query, false));
    }

    /**
     * The same task labelled with the global class ids instead (a {@code trainClasses}-way problem): what the
     * pretrained baseline trains on.
     */
    public Task<ClassBatch> globalTask(Rng rng, int ways, int shots, int query) {
        int[] classes = drawClasses(rng, false, ways);
        return new Task<>(examples(rng, classes, shots, true), examples(rng, classes, query, true));
    }

    private int[] drawClasses(Rng rng, boolean test, int ways) {
        int first = test ? settings.trainClasses() : 0;
        int count = test ? settings.testClasses() : settings.trainClasses();
        if (ways > count) {
            throw new IllegalArgumentException("fewshot: a " + ways + "-way task needs " + ways + " classes, the "
                    + (test ? "test" : "training") + " classes are " + count);
        }
        int[] pool = new int[count];
        for (int i = 0; i < count; i++) {
            pool[i] = first + i;
        }
        for (int i = 0; i < ways; i++) {          // a partial Fisher-Yates shuffle: the first `ways` are the draw
            int j = i + rng.nextInt(count - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        return java.util.Arrays.copyOf(pool, ways);
    }

    private ClassBatch examples(Rng rng, int[] classes, int perClass, boolean global) {
        int n = classes.length * perClass;
        DMatrixRMaj x = new DMatrixRMaj(n, settings.inputDim());
        int[] labels = new int[n];
        double[] z = new double[settings.latentDim()];
        double[] h = new double[b1.length];
        int row = 0;
        for (int p = 0; p < perClass; p++) {
            for (int k = 0; k < classes.length; k++, row++) {
                for (int j = 0; j < z.length; j++) {
                    z[j] = centres[classes[k]][j] + settings.clusterStd() * rng.nextGaussian();
                }
                for (int i = 0; i < h.length; i++) {
                    double s = b1[i];
                    for (int j = 0; j < z.length; j++) {
                        s += w1.get(i, j) * z[j];
                    }
                    h[i] = Math.tanh(s);
                }
                for (int o = 0; o < settings.inputDim(); o++) {
                    double s = 0;
                    for (int i = 0; i < h.length; i++) {
                        s += w2.get(o, i) * h[i];
                    }
                    x.set(row, o, s);
                }
                labels[row] = global ? classes[k] : k;
            }
        }
        return new ClassBatch(Tensor.constant(x), labels, global ? settings.trainClasses() : classes.length);
    }

    private static DMatrixRMaj gaussian(Rng rng, int rows, int cols, double scale) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = scale * rng.nextGaussian();
        }
        return m;
    }
}
