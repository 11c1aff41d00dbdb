package org.metarec.algorithms.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * Adam with bias correction (Kingma and Ba 2015, Algorithm 1):
 * <pre>
 *   m &lt;- b1 m + (1 - b1) g;   v &lt;- b2 v + (1 - b2) g^2
 *   p &lt;- p - lr(t) * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 *
 * <p>References: D. P. Kingma, J. Ba. Adam: A Method for Stochastic Optimization. ICLR 2015.
 */
public final class Adam implements Optimizer {

    private final LearningRateSchedule lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final Map<String, double[]> m = new LinkedHashMap<>();
    private final Map<String, double[]> v = new LinkedHashMap<>();
    private long t;

    /** Adam with the paper's defaults b1 = 0.9, b2 = 0.999, eps = 1e-8. */
    public Adam(double lr) {
        this(lr, 0.9, 0.999, 1e-8);
    }

    /**
     * @param lr learning rate, > 0
     * @param beta1 decay of the first moment, in [0, 1)
     * @param beta2 decay of the second moment, in [0, 1)
     * @param eps added to the denominator, > 0
     */
    public Adam(double lr, double beta1, double beta2, double eps) {
        this(checkedRate(lr, beta1, beta2, eps), beta1, beta2, eps);
    }

    /**
     * Adam whose learning rate at step {@code t} is {@code lr.at(t)} (for example a {@link CosineSchedule}).
     *
     * @param beta1 decay of the first moment, in [0, 1)
     * @param beta2 decay of the second moment, in [0, 1)
     * @param eps added to the denominator, > 0
     */
    public Adam(LearningRateSchedule lr, double beta1, double beta2, double eps) {
        if (lr == null || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("Adam: expected a learning rate, 0 <= beta1, beta2 < 1, eps > 0; found lr="
                    + lr + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + eps);
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    private static LearningRateSchedule checkedRate(double lr, double beta1, double beta2, double eps) {
        if (!(lr > 0)) {
            throw new IllegalArgumentException("Adam: expected lr > 0, 0 <= beta1, beta2 < 1, eps > 0; found lr=" + lr
                    + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + eps);
        }
        return LearningRateSchedule.constant(lr);
    }

    @Override
    public Params step(Params params, Params grads) {
        t++;
        double rate = lr.at(t);
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        LinkedHashMap<String, Tensor> next = new LinkedHashMap<>();
        for (String name : params.names()) {
            Tensor p = params.get(name);
            double[] g = grads.get(name).data().data;
            double[] mk = m.computeIfAbsent(name, k -> new double[p.size()]);
            double[] vk = v.computeIfAbsent(name, k -> new double[p.size()]);
            DMatrixRMaj out = p.data().copy();
            for (int i = 0; i < p.size(); i++) {
                mk[i] = beta1 * mk[i] + (1 - beta1) * g[i];
                vk[i] = beta2 * vk[i] + (1 - beta2) * g[i] * g[i];
                out.data[i] -= rate * (mk[i] / c1) / (Math.sqrt(vk[i] / c2) + eps);
            }
            next.put(name, Tensor.variable(out));
        }
        return Params.of(next);
    }

    /** Entries {@code m.<name>}, {@code v.<name>} and {@code t} (the step count, as one number). */
    @Override
    public Map<String, double[]> state() {
        Map<String, double[]> s = new LinkedHashMap<>();
        m.forEach((k, a) -> s.put("m." + k, a.clone()));
        v.forEach((k, a) -> s.put("v." + k, a.clone()));
        s.put("t", new double[] {t});
        return s;
    }

    @Override
    public void restore(Map<String, double[]> state) {
        m.clear();
        v.clear();
        t = 0;
        state.forEach((k, a) -> {
            if (k.startsWith("m.")) {
                m.put(k.substring(2), a.clone());
            } else if (k.startsWith("v.")) {
                v.put(k.substring(2), a.clone());
            } else if (k.equals("t")) {
                t = (long) a[0];
            } else {
                throw new IllegalArgumentException("Adam.restore: unknown state entry '" + k + "'");
            }
        });
    }

    /** Number of steps taken. */
    public long steps() {
        return t;
    }
}
