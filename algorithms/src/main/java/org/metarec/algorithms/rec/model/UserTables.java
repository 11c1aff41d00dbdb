package org.metarec.algorithms.rec.model;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * Converts pooled parameters (one user-table row per user) into the cold-start form (one row) for a
 * given user: the user's own row when pooled training saw them, otherwise the mean of the rows of
 * the users it saw (the population's average user).
 */
public final class UserTables {

    private final RecModel model;
    private final Params pooled;
    private final boolean[] trained;
    private final Params average;   // the cold-start form of a user pooled training never saw

    /**
     * A converter for one set of pooled parameters (the average rows are computed once).
     *
     * @param model the model
     * @param pooled parameters with one table row per user
     * @param trained which users pooled training saw
     */
    public UserTables(RecModel model, Params pooled, boolean[] trained) {
        this.model = model;
        this.pooled = pooled.detach();
        this.trained = trained.clone();
        this.average = coldStart(model, this.pooled, -1, this.trained);
    }

    /**
     * The cold-start parameters of one user (constants).
     *
     * @param user a user index, or a negative number for a user pooled training never saw
     * @return the user's own rows if trained, else the average rows
     */
    public Params forUser(int user) {
        return user >= 0 && user < trained.length && trained[user] ? coldStart(model, pooled, user, trained) : average;
    }

    /**
     * The cold-start parameters of one user.
     *
     * @param model the model (its {@link RecModel#userTables()} are converted)
     * @param pooled parameters with one table row per user
     * @param user the user's index, or a negative number for a user pooled training never saw
     * @param trained which users pooled training saw (had rows)
     * @return constants in the cold-start form
     */
    public static Params coldStart(RecModel model, Params pooled, int user, boolean[] trained) {
        Params out = pooled.detach();
        for (String name : model.userTables()) {
            Tensor table = pooled.get(name);
            if (trained.length != table.rows()) {
                throw new IllegalArgumentException("user tables: expected " + table.rows() + " trained flags, found "
                        + trained.length);
            }
            int c = table.cols();
            double[] row = new double[c];
            if (user >= 0 && user < trained.length && trained[user]) {
                System.arraycopy(table.data().data, user * c, row, 0, c);
            } else {
                row = meanRow(table, trained);
            }
            out = out.with(name, Tensor.constant(DMatrixRMaj.wrap(1, c, row)));
        }
        return out;
    }

    /** The mean of the table's rows whose flag is set (zeros if none is). */
    static double[] meanRow(Tensor table, boolean[] use) {
        int c = table.cols();
        double[] mean = new double[c];
        int n = 0;
        double[] d = table.data().data;
        for (int r = 0; r < table.rows(); r++) {
            if (use[r]) {
                for (int j = 0; j < c; j++) {
                    mean[j] += d[r * c + j];
                }
                n++;
            }
        }
        if (n > 0) {
            for (int j = 0; j < c; j++) {
                mean[j] /= n;
            }
        }
        return mean;
    }

    /**
     * Flags of the users who own at least one of the given rows' slots.
     *
     * @param users user index per row
     * @param userCount the number of users
     * @return a flag per user
     */
    public static boolean[] seen(int[] users, int userCount) {
        boolean[] out = new boolean[userCount];
        Arrays.stream(users).forEach(u -> out[u] = true);
        return out;
    }
}
