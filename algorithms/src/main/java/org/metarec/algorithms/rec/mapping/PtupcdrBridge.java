package org.metarec.algorithms.rec.mapping;

import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.metarec.autodiff.Functions;
import org.metarec.autodiff.Init;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.nn.Model;

/**
 * The personalised bridge of PTUPCDR (Zhu, Tang, Li, Liu, Xie, Zhuang, He and Dong, "Personalized
 * Transfer of User Preferences for Cross-domain Recommendation", WSDM 2022):
 * <pre>
 *   a   = softmax_j( tanh(e_j W_a1 + b_a1) w_a2 )          attention over the source items j the user rated
 *   p_u = sum_j a_j e_j                                     the characteristic encoder's output
 *   w_u = relu([p_u, b_s] W_m1 + b_m1) W_m2 + b_m2          the meta network: a d x d bridge (+ a bias offset)
 *   u_t = u_s W_u,   b_t = b_mean + w_u[d*d]                the user's transferred target factors
 *   r_hat(u, i) = mu_t + b_i + b_t + &lt;u_t, v_i&gt;           with the target items' factors fixed
 * </pre>
 * {@code e_j} are the source factorisation's item vectors, {@code u_s} and {@code b_s} the user's source
 * vector and bias. The bias offset, and the source bias among the meta network's inputs, are additions to
 * the paper, which predicts without biases: on explicit ratings the user's rating level matters and the
 * item attention alone cannot see it. {@code b_m2} starts at the flattened identity, so training starts
 * from {@code u_t = u_s}.
 */
public final class PtupcdrBridge implements Model<PtupcdrBridge.Input> {

    /**
     * One user's inputs.
     *
     * @param history n_s x d source item vectors of the user's source history (constants)
     * @param sourceVector 1 x d source user vector
     * @param sourceBias 1 x 1 source user bias
     * @param targetItems n_t x d target item vectors of the rows to predict
     * @param targetOffsets n_t x 1 {@code mu_t + b_i + b_mean} of those rows
     */
    public record Input(Tensor history, Tensor sourceVector, Tensor sourceBias, Tensor targetItems,
            Tensor targetOffsets) {
        /** Validates the shapes. */
        public Input {
            int d = sourceVector.cols();
            if (sourceVector.rows() != 1 || history.cols() != d || targetItems.cols() != d
                    || targetOffsets.rows() != targetItems.rows() || targetOffsets.cols() != 1 || history.rows() < 1
                    || sourceBias.size() != 1) {
                throw new IllegalArgumentException("PTUPCDR input: expected history n_s x d (n_s >= 1), source vector "
                        + "1 x d, source bias 1 x 1, target items n_t x d and offsets n_t x 1; found "
                        + history.shape() + ", "
                        + sourceVector.shape() + ", " + targetItems.shape() + ", " + targetOffsets.shape());
            }
        }
    }

    private final int dim;
    private final int hidden;

    /**
     * @param dim latent dimension d of both factorisations
     * @param hidden width of the attention and meta networks' hidden layers
     */
    public PtupcdrBridge(int dim, int hidden) {
        if (dim < 1 || hidden < 1) {
            throw new IllegalArgumentException("PTUPCDR: expected dim >= 1 and hidden >= 1, found " + dim + ", " + hidden);
        }
        this.dim = dim;
        this.hidden = hidden;
    }

    @Override
    public Params init(RandomGenerator rng) {
        int out = dim * dim + 1;
        double[] eye = new double[out];
        for (int i = 0; i < dim; i++) {
            eye[i * dim + i] = 1.0;
        }
        return Params.of("att.W1", Init.glorotUniform(dim, hidden, rng), "att.b1", Init.zeros(1, hidden),
                "att.w2", Init.glorotUniform(hidden, 1, rng), "meta.W1", Init.glorotUniform(dim + 1, hidden, rng),
                "meta.b1", Init.zeros(1, hidden), "meta.W2", Init.uniform(hidden, out, -0.01, 0.01, rng),
                "meta.b2", Tensor.row(eye).asVariable());
    }

    /**
     * The transferred factors {@code [u_t, b_t - b_mean]}.
     *
     * @param params the bridge's parameters
     * @param history n_s x d source item vectors
     * @param sourceVector 1 x d source user vector
     * @param sourceBias 1 x 1 source user bias
     * @return a 1 x (d + 1) tensor
     */
    public Tensor transfer(Params params, Tensor history, Tensor sourceVector, Tensor sourceBias) {
        Tensor scores = history.matmul(params.get("att.W1")).addRowVector(params.get("att.b1")).tanh()
                .matmul(params.get("att.w2"));
        Tensor attention = Functions.softmaxRows(scores.transpose());
        Tensor p = attention.matmul(history);
        Tensor w = Ops.concatCols(p, sourceBias).matmul(params.get("meta.W1")).addRowVector(params.get("meta.b1")).relu()
                .matmul(params.get("meta.W2")).addRowVector(params.get("meta.b2"));
        return w.matmul(Tensor.constant(bridgeMatrix(sourceVector)));
    }

    /** {@code M} with {@code w M = [u_s W, w[d*d]]}: {@code M[i d + j, j] = u_s[i]}, {@code M[d*d, d] = 1}. */
    private DMatrixRMaj bridgeMatrix(Tensor sourceVector) {
        DMatrixRMaj m = new DMatrixRMaj(dim * dim + 1, dim + 1);
        for (int i = 0; i < dim; i++) {
            double us = sourceVector.get(0, i);
            for (int j = 0; j < dim; j++) {
                m.set(i * dim + j, j, us);
            }
        }
        m.set(dim * dim, dim, 1.0);
        return m;
    }

    /** Predicted target ratings, {@code V u_t^T + b + offsets}, n_t x 1. */
    @Override
    public Tensor apply(Params params, Input input) {
        Tensor t = transfer(params, input.history(), input.sourceVector(), input.sourceBias());
        Tensor ut = Ops.sliceCols(t, 0, dim);
        Tensor b = Ops.sliceCols(t, dim, dim + 1);
        return Ops.matmulNT(input.targetItems(), ut).addRowVector(b).add(input.targetOffsets());
    }

    /**
     * The latent dimension.
     *
     * @return d
     */
    public int dim() {
        return dim;
    }
}
