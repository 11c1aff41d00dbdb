package org.metarec.algorithms.rec.mapping;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.model.MatrixFactorization;
import org.metarec.algorithms.rec.model.RatingLoss;
import org.metarec.algorithms.rec.model.UserTables;
import org.metarec.algorithms.rec.train.PooledTraining;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.core.data.Interactions;
import org.metarec.core.random.Rng;

/**
 * A biased matrix factorisation fitted to the rows of some domains (one user row per user): the
 * per-domain latent factor model that EMCDR and PTUPCDR start from (Man et al. 2017, section 3.1).
 * Users it never saw get their vector by folding in a rating history: the ridge regression
 * {@code argmin_(p, b) sum_j (r_j - mu - b_i - b - <p, q_i>)^2 + lambda n (|p|^2 + b^2)} with the
 * item factors fixed ({@code n} history ratings; the same per-row weight as the training penalty).
 */
public final class DomainFactors {

    private final MatrixFactorization model;
    private final Params params;       // pooled form, constants
    private final boolean[] trained;
    private final double lambda;
    private final double[] average;    // [p, b] of the average trained row, computed once

    private DomainFactors(MatrixFactorization model, Params params, boolean[] trained, double lambda) {
        this.model = model;
        this.params = params;
        this.trained = trained;
        this.lambda = lambda;
        this.average = averageRow();
    }

    /**
     * Fits the factorisation.
     *
     * @param factory builds batches (its profiles are ignored)
     * @param rows the rows of the domains to factorise
     * @param dim latent dimension
     * @param weightDecay L2 weight of the factors
     * @param pooled epochs, minibatch size and Adam's rate
     * @param rng the stream of the initial values and of the row order
     * @return the fitted factors
     */
    public static DomainFactors fit(BatchFactory factory, int[] rows, int dim, double weightDecay,
            PooledTraining.Settings pooled, Rng rng) {
        Interactions data = factory.data();
        MatrixFactorization mf = new MatrixFactorization(data.itemCount(), dim, 0, data.meanRating(rows), 0.1);
        boolean[] trained = UserTables.seen(Arrays.stream(rows).map(data::user).toArray(), data.userCount());
        Params init = mf.initPooled(rng.fork("init"), data.userCount());
        Params p = PooledTraining.train(RatingLoss.of(mf, weightDecay), init, factory.withProfiles(null), rows, pooled,
                rng.fork("order"), null);
        return new DomainFactors(mf, p.detach(), trained, Math.max(weightDecay, 1e-3));
    }

    /**
     * Factors fitted elsewhere, e.g. with an implicit-feedback loss
     * ({@link org.metarec.algorithms.rec.implicit.ImplicitTransfer#factors}).
     *
     * @param model the factorisation
     * @param params its fitted parameters in the pooled form (one user row per user); detached here
     * @param trainedUsers the users whose rows were trained (others get the average of theirs)
     * @param weightDecay the fold-in's ridge weight (at least 1e-3 is used)
     * @return the factors
     */
    public static DomainFactors of(MatrixFactorization model, Params params, int[] trainedUsers, double weightDecay) {
        int users = params.get(MatrixFactorization.USER_VEC).rows();
        for (int u : trainedUsers) {
            if (u < 0 || u >= users) {
                throw new IllegalArgumentException("domain factors: expected trained users in 0.." + (users - 1)
                        + ", found " + u);
            }
        }
        return new DomainFactors(model, params.detach(), UserTables.seen(trainedUsers, users),
                Math.max(weightDecay, 1e-3));
    }

    /**
     * Whether the user had rows in these domains.
     *
     * @param user a user index
     * @return true if the user's row was trained
     */
    public boolean trained(int user) {
        return user >= 0 && user < trained.length && trained[user];
    }

    /**
     * The user's vector and bias, {@code [p_u, b_u]}: the trained row, else folded in from the history,
     * else the average trained row.
     *
     * @param user a user index or a negative number
     * @param historyItems items the user rated in these domains (used when the row was not trained)
     * @param historyRatings their ratings
     * @return a new array of length d + 1
     */
    public double[] userFactors(int user, int[] historyItems, double[] historyRatings) {
        int d = model.dim();
        double[] out = new double[d + 1];
        double[] vec = params.get(MatrixFactorization.USER_VEC).data().data;
        double[] bias = params.get(MatrixFactorization.USER_BIAS).data().data;
        if (trained(user)) {
            System.arraycopy(vec, user * d, out, 0, d);
            out[d] = bias[user];
            return out;
        }
        if (historyItems.length > 0) {
            return foldIn(historyItems, historyRatings);
        }
        return average.clone();
    }

    private double[] averageRow() {
        int d = model.dim();
        double[] out = new double[d + 1];
        double[] vec = params.get(MatrixFactorization.USER_VEC).data().data;
        double[] bias = params.get(MatrixFactorization.USER_BIAS).data().data;
        int n = 0;
        for (int u = 0; u < trained.length; u++) {
            if (trained[u]) {
                for (int j = 0; j < d; j++) {
                    out[j] += vec[u * d + j];
                }
                out[d] += bias[u];
                n++;
            }
        }
        for (int j = 0; j <= d; j++) {
            out[j] /= Math.max(n, 1);
        }
        return out;
    }

    /** The ridge solution {@code (X^T X + lambda I)^-1 X^T y} with rows {@code x_j = [q_i, 1]}. */
    double[] foldIn(int[] items, double[] ratings) {
        int d = model.dim();
        double mu = params.get(MatrixFactorization.MU).item();
        double[] q = params.get(MatrixFactorization.ITEM_VEC).data().data;
        double[] bi = params.get(MatrixFactorization.ITEM_BIAS).data().data;
        DMatrixRMaj a = new DMatrixRMaj(d + 1, d + 1);
        DMatrixRMaj b = new DMatrixRMaj(d + 1, 1);
        double[] x = new double[d + 1];
        for (int j = 0; j < items.length; j++) {
            System.arraycopy(q, items[j] * d, x, 0, d);
            x[d] = 1.0;
            double y = ratings[j] - mu - bi[items[j]];
            for (int r = 0; r <= d; r++) {
                b.data[r] += x[r] * y;
                for (int c = 0; c <= d; c++) {
                    a.data[r * (d + 1) + c] += x[r] * x[c];
                }
            }
        }
        for (int r = 0; r <= d; r++) {
            a.data[r * (d + 1) + r] += lambda * Math.max(1, items.length);
        }
        DMatrixRMaj w = new DMatrixRMaj(d + 1, 1);
        if (!CommonOps_DDRM.solve(a, b, w)) {
            throw new IllegalStateException("fold-in: the ridge system is singular (lambda " + lambda + ")");
        }
        return w.data.clone();
    }

    /**
     * The model.
     *
     * @return the factorisation
     */
    public MatrixFactorization model() {
        return model;
    }

    /**
     * The fitted parameters (pooled form, constants).
     *
     * @return the parameters
     */
    public Params params() {
        return params;
    }

    /**
     * The cold-start parameters with the given user vector and bias, for prediction in these domains.
     *
     * @param factors {@code [p, b]}, length d + 1
     * @return constants in the cold-start form
     */
    public Params coldStart(double[] factors) {
        int d = model.dim();
        Tensor vec = Tensor.constant(DMatrixRMaj.wrap(1, d, Arrays.copyOf(factors, d)));
        return params.with(MatrixFactorization.USER_VEC, vec).with(MatrixFactorization.USER_BIAS, Tensor.scalar(factors[d]));
    }
}
