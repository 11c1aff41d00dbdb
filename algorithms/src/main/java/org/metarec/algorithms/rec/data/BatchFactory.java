package org.metarec.algorithms.rec.data;

import org.ejml.data.DMatrixRMaj;
import org.metarec.autodiff.Tensor;
import org.metarec.core.data.Interactions;

/**
 * Builds {@link RatingBatch}es from rows of the data, or from a user's context and a list of items,
 * encoding features, domains and profiles once per batch.
 *
 * <p>A factory can hide rows ({@link #hiding}): asking it for a hidden row throws
 * {@link HiddenRowException}. The cross-domain study hands training and model selection a factory
 * that hides every target rating of the test users, so that no code path there can read them.
 */
public final class BatchFactory {

    private final Interactions data;
    private final FeatureEncoding users;
    private final FeatureEncoding items;
    private final UserProfiles profiles;   // null: batches carry no profile
    private final boolean[] hidden;        // null: nothing hidden

    /**
     * A factory that hides nothing.
     *
     * @param data the interactions
     * @param users the users' encoded features
     * @param items the items' encoded features
     * @param profiles the cross-domain profiles, or null for batches without them
     */
    public BatchFactory(Interactions data, FeatureEncoding users, FeatureEncoding items, UserProfiles profiles) {
        this(data, users, items, profiles, null);
        if (users.entityCount() != data.userCount() || items.entityCount() != data.itemCount()) {
            throw new IllegalArgumentException("batch factory: expected features for " + data.userCount() + " users and "
                    + data.itemCount() + " items, found " + users.entityCount() + " and " + items.entityCount());
        }
    }

    private BatchFactory(Interactions data, FeatureEncoding users, FeatureEncoding items, UserProfiles profiles,
            boolean[] hidden) {
        this.data = data;
        this.users = users;
        this.items = items;
        this.profiles = profiles;
        this.hidden = hidden;
    }

    /**
     * A factory that refuses {@code rows} (and whatever this one refuses).
     *
     * @param rows rows of the data to hide
     * @return a new factory
     */
    public BatchFactory hiding(int[] rows) {
        boolean[] h = hidden == null ? new boolean[data.size()] : hidden.clone();
        for (int r : rows) {
            if (r < 0 || r >= h.length) {
                throw new IllegalArgumentException("batch factory: expected rows in 0.." + (h.length - 1) + ", found " + r);
            }
            h[r] = true;
        }
        return new BatchFactory(data, users, items, profiles, h);
    }

    /**
     * The same factory with every row visible again (for the final evaluation only).
     *
     * @return a new factory
     */
    public BatchFactory unrestricted() {
        return new BatchFactory(data, users, items, profiles, null);
    }

    /**
     * The same factory with or without profiles in its batches.
     *
     * @param newProfiles the profiles, or null for none
     * @return a new factory
     */
    public BatchFactory withProfiles(UserProfiles newProfiles) {
        return new BatchFactory(data, users, items, newProfiles, hidden);
    }

    /**
     * Whether a row is hidden from this factory.
     *
     * @param row a row index
     * @return true if {@link #rows} would refuse it
     */
    public boolean isHidden(int row) {
        return hidden != null && hidden[row];
    }

    /**
     * The batch of the given rows, each with its own user's features and profile for the row's domain.
     *
     * @param rows row indices of the data (may be empty)
     * @param mode slot 0 for all rows, or the user index
     * @return the batch
     * @throws HiddenRowException if a row is hidden from this factory
     */
    public RatingBatch rows(int[] rows, SlotMode mode) {
        int n = rows.length;
        int[] u = new int[n];
        int[] it = new int[n];
        int[] d = new int[n];
        int[] slots = new int[n];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            int r = rows[k];
            if (r < 0 || r >= data.size()) {
                throw new IllegalArgumentException("batch factory: expected rows in 0.." + (data.size() - 1) + ", found "
                        + r);
            }
            if (hidden != null && hidden[r]) {
                throw new HiddenRowException("row " + r + " (user " + data.userIds().rawId(data.user(r)) + ", domain "
                        + data.domains().name(data.domain(r)) + ") is hidden from training and model selection: it is"
                        + " a test user's target-domain rating or a held-out rating of a warm user");
            }
            u[k] = data.user(r);
            it[k] = data.item(r);
            d[k] = data.domain(r);
            slots[k] = mode == SlotMode.PER_USER ? u[k] : 0;
            y[k] = data.rating(r);
        }
        Tensor uf = users.width() == 0 ? null : gather(users, u);
        Tensor pf = null;
        if (profiles != null) {
            int p = profiles.dim();
            double[] m = new double[n * p];
            for (int k = 0; k < n; k++) {
                System.arraycopy(profiles.of(u[k], d[k]), 0, m, k * p, p);
            }
            pf = Tensor.constant(DMatrixRMaj.wrap(n, p, m));
        }
        return new RatingBatch(u, it, d, slots, uf, items.width() == 0 ? null : gather(items, it), oneHot(d),
                pf, Tensor.constant(DMatrixRMaj.wrap(n, 1, y)));
    }

    /**
     * A batch of one user's rows in the context's domain, in slot 0: the support set of a user the
     * data does not hold, or candidates to score (with ratings 0).
     *
     * @param user the user's context; its profile is used when this factory makes profiles
     * @param itemList the items
     * @param ratings their ratings, or null for candidates
     * @return the batch
     */
    public RatingBatch forUser(UserContext user, int[] itemList, double[] ratings) {
        int n = itemList.length;
        if (ratings != null && ratings.length != n) {
            throw new IllegalArgumentException("batch factory: expected one rating per item, found " + n + " items and "
                    + ratings.length + " ratings");
        }
        int[] u = new int[n];
        int[] d = new int[n];
        java.util.Arrays.fill(u, Math.max(user.user(), 0));
        java.util.Arrays.fill(d, user.domain());
        Tensor uf = null;
        if (users.width() > 0) {
            double[] f = user.features() == null ? new double[users.width()] : user.features();
            if (f.length != users.width()) {
                throw new IllegalArgumentException("batch factory: expected " + users.width() + " user features, found "
                        + f.length);
            }
            uf = repeat(f, n);
        }
        Tensor pf = null;
        if (profiles != null) {
            double[] p = user.profile();
            if (p == null || p.length != profiles.dim()) {
                throw new IllegalArgumentException("batch factory: expected a profile of length " + profiles.dim()
                        + ", found " + (p == null ? "none" : String.valueOf(p.length)));
            }
            pf = repeat(p, n);
        }
        for (int item : itemList) {
            if (item < 0 || item >= data.itemCount()) {
                throw new IllegalArgumentException("batch factory: expected item indices in 0.." + (data.itemCount() - 1)
                        + ", found " + item);
            }
        }
        double[] y = ratings == null ? new double[n] : ratings.clone();
        return new RatingBatch(u, itemList, d, new int[n], uf, items.width() == 0 ? null : gather(items, itemList),
                oneHot(d), pf, Tensor.constant(DMatrixRMaj.wrap(n, 1, y)));
    }

    /**
     * The context of a user of the data for a task in {@code domain}: features, profile (if this
     * factory makes profiles) and history in the other domains (empty without profiles).
     *
     * @param user a user index
     * @param domain the task's domain
     * @return the context
     */
    public UserContext context(int user, int domain) {
        double[] f = users.width() == 0 ? null : users.row(user);
        if (profiles == null) {
            return new UserContext(user, domain, f, null, new int[0], new double[0]);
        }
        int[] rows = profiles.historyRows(user, domain);
        int[] hi = new int[rows.length];
        double[] hr = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            hi[k] = data.item(rows[k]);
            hr[k] = data.rating(rows[k]);
        }
        return new UserContext(user, domain, f, profiles.of(user, domain), hi, hr);
    }

    /**
     * The context of a user the data does not hold, from attributes and a history in other domains.
     *
     * @param domain the domain to predict in
     * @param features encoded user features, or null when unknown
     * @param historyItems items rated in other domains
     * @param historyRatings their ratings
     * @return the context
     */
    public UserContext newUserContext(int domain, double[] features, int[] historyItems, double[] historyRatings) {
        double[] p = profiles == null ? null : profiles.ofHistory(historyItems, historyRatings);
        return new UserContext(UserContext.NEW_USER, domain, features, p, historyItems, historyRatings);
    }

    /**
     * The interactions.
     *
     * @return the data
     */
    public Interactions data() {
        return data;
    }

    /**
     * The users' feature encoding.
     *
     * @return the encoding
     */
    public FeatureEncoding userEncoding() {
        return users;
    }

    /**
     * The items' feature encoding.
     *
     * @return the encoding
     */
    public FeatureEncoding itemEncoding() {
        return items;
    }

    /**
     * The profiles, or null when batches carry none.
     *
     * @return the profiles
     */
    public UserProfiles profiles() {
        return profiles;
    }

    /**
     * The width of the profiles in batches, 0 when there are none.
     *
     * @return P
     */
    public int profileDim() {
        return profiles == null ? 0 : profiles.dim();
    }

    private static Tensor gather(FeatureEncoding enc, int[] entities) {
        int w = enc.width();
        double[] m = new double[entities.length * w];
        for (int k = 0; k < entities.length; k++) {
            enc.copyRow(entities[k], m, k * w);
        }
        return Tensor.constant(DMatrixRMaj.wrap(entities.length, w, m));
    }

    private static Tensor repeat(double[] row, int n) {
        int w = row.length;
        double[] m = new double[n * w];
        for (int k = 0; k < n; k++) {
            System.arraycopy(row, 0, m, k * w, w);
        }
        return Tensor.constant(DMatrixRMaj.wrap(n, w, m));
    }

    private Tensor oneHot(int[] domains) {
        int dc = data.domainCount();
        double[] m = new double[domains.length * dc];
        for (int k = 0; k < domains.length; k++) {
            m[k * dc + domains[k]] = 1.0;
        }
        return Tensor.constant(DMatrixRMaj.wrap(domains.length, dc, m));
    }
}
