package org.metarec.algorithms.optim;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/** Plain gradient descent: {@code p <- p - lr * g}. Stateless. */
public final class SGD implements Optimizer {

    private final double lr;

    /** @param lr the learning rate, > 0 */
    public SGD(double lr) {
        if (!(lr > 0)) {
            throw new IllegalArgumentException("SGD: learning rate must be > 0, found " + lr);
        }
        this.lr = lr;
    }

    @Override
    public Params step(Params params, Params grads) {
        return params.zip(grads, (p, g) -> {
            DMatrixRMaj next = p.data().copy();
            double[] x = next.data, d = g.data().data;
            for (int i = 0; i < p.size(); i++) {
                x[i] -= lr * d[i];
            }
            return Tensor.variable(next);
        });
    }

    @Override
    public Map<String, double[]> state() {
        return Map.of();
    }

    @Override
    public void restore(Map<String, double[]> state) {
        // nothing to restore
    }
}
