package org.metarec.algorithms.optim;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * Plain gradient descent: {@code p <- p - lr(t) * g} at step {@code t}. Its only state is the step count,
 * which a schedule needs.
 */
public final class SGD implements Optimizer {

    private final LearningRateSchedule lr;
    private long t;

    /** @param lr the learning rate, > 0 */
    public SGD(double lr) {
        if (!(lr > 0)) {
            throw new IllegalArgumentException("SGD: learning rate must be > 0, found " + lr);
        }
        this.lr = LearningRateSchedule.constant(lr);
    }

    /** Gradient descent at rate {@code lr.at(t)} on step {@code t} (for example a {@link CosineSchedule}). */
    public SGD(LearningRateSchedule lr) {
        if (lr == null) {
            throw new IllegalArgumentException("SGD: expected a learning-rate schedule, found none");
        }
        this.lr = lr;
    }

    @Override
    public Params step(Params params, Params grads) {
        t++;
        double rate = lr.at(t);
        return params.zip(grads, (p, g) -> {
            DMatrixRMaj next = p.data().copy();
            double[] x = next.data, d = g.data().data;
            for (int i = 0; i < p.size(); i++) {
                x[i] -= rate * d[i];
            }
            return Tensor.variable(next);
        });
    }

    /** One entry, {@code t}: the step count. */
    @Override
    public Map<String, double[]> state() {
        return Map.of("t", new double[] {t});
    }

    /** Restores the step count; a state without one (saved before SGD counted its steps) means step 0. */
    @Override
    public void restore(Map<String, double[]> state) {
        t = 0;
        state.forEach((k, a) -> {
            if (!k.equals("t")) {
                throw new IllegalArgumentException("SGD.restore: unknown state entry '" + k + "'");
            }
            t = (long) a[0];
        });
    }
}
