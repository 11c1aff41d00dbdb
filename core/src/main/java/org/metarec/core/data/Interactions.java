package org.metarec.core.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Ratings held column-wise: row r is (user(r), item(r), rating(r), domain(r), timestamp(r)), with dense
 * user, item and domain indices and {@link IdMap}s back to the raw IDs. Timestamps are optional.
 *
 * <p>Immutable. Per-user, per-(user, domain), per-item and per-domain row lists are computed on first use
 * and cached (thread-safe); the arrays returned are copies.
 */
public final class Interactions {

    private final IdMap userIds;
    private final IdMap itemIds;
    private final Domains domains;
    private final int[] users;
    private final int[] items;
    private final double[] ratings;
    private final int[] domainOf;
    private final long[] timestamps;

    private volatile RowGroups byUser;
    private volatile RowGroups byItem;
    private volatile RowGroups byDomain;

    private Interactions(IdMap userIds, IdMap itemIds, Domains domains, int[] users, int[] items,
            double[] ratings, int[] domainOf, long[] timestamps) {
        this.userIds = userIds;
        this.itemIds = itemIds;
        this.domains = domains;
        this.users = users;
        this.items = items;
        this.ratings = ratings;
        this.domainOf = domainOf;
        this.timestamps = timestamps;
    }

    /**
     * Interactions from columns (copied), validated.
     *
     * @param userIds raw IDs of users; user indices must be in [0, userIds.size())
     * @param itemIds raw IDs of items
     * @param domains domain names; domain indices must be in [0, domains.size())
     * @param users user index per row
     * @param items item index per row
     * @param ratings finite rating per row
     * @param domainOf domain index per row
     * @param timestamps timestamp per row, or null if the data has none
     * @return the interactions
     * @throws IllegalArgumentException if the columns differ in length or a value is out of range
     */
    public static Interactions of(IdMap userIds, IdMap itemIds, Domains domains, int[] users, int[] items,
            double[] ratings, int[] domainOf, long[] timestamps) {
        Objects.requireNonNull(userIds, "userIds");
        Objects.requireNonNull(itemIds, "itemIds");
        Objects.requireNonNull(domains, "domains");
        int n = users.length;
        if (items.length != n || ratings.length != n || domainOf.length != n
                || (timestamps != null && timestamps.length != n)) {
            throw new IllegalArgumentException("interactions: expected columns of equal length, found users " + n
                    + ", items " + items.length + ", ratings " + ratings.length + ", domains " + domainOf.length
                    + (timestamps == null ? "" : ", timestamps " + timestamps.length));
        }
        for (int r = 0; r < n; r++) {
            checkIndex("user", r, users[r], userIds.size());
            checkIndex("item", r, items[r], itemIds.size());
            checkIndex("domain", r, domainOf[r], domains.size());
            if (!Double.isFinite(ratings[r])) {
                throw new IllegalArgumentException("interactions row " + r + ": expected a finite rating, found "
                        + ratings[r]);
            }
        }
        return new Interactions(userIds, itemIds, domains, users.clone(), items.clone(), ratings.clone(),
                domainOf.clone(), timestamps == null ? null : timestamps.clone());
    }

    private static void checkIndex(String what, int row, int value, int size) {
        if (value < 0 || value >= size) {
            throw new IllegalArgumentException("interactions row " + row + ": expected " + what + " index in [0, "
                    + size + "), found " + value);
        }
    }

    /**
     * A builder that appends rows.
     *
     * @param domains the domain names
     * @param withTimestamps whether every row will have a timestamp
     * @return a new builder
     */
    public static Builder builder(Domains domains, boolean withTimestamps) {
        return new Builder(domains, withTimestamps);
    }

    /**
     * The interactions of the given rows, in the given order, with the same ID maps and domains. Row i of
     * the result is row {@code rows[i]} of this object.
     *
     * @param rows row indices of this object
     * @return a new object
     */
    public Interactions subset(int[] rows) {
        int n = rows.length;
        int[] u = new int[n];
        int[] it = new int[n];
        double[] r = new double[n];
        int[] d = new int[n];
        long[] t = timestamps == null ? null : new long[n];
        for (int i = 0; i < n; i++) {
            int row = rows[i];
            if (row < 0 || row >= users.length) {
                throw new IllegalArgumentException("subset rows[" + i + "]: expected a row in [0, " + users.length
                        + "), found " + row);
            }
            u[i] = users[row];
            it[i] = items[row];
            r[i] = ratings[row];
            d[i] = domainOf[row];
            if (t != null) {
                t[i] = timestamps[row];
            }
        }
        return new Interactions(userIds, itemIds, domains, u, it, r, d, t);
    }

    /**
     * The number of rows.
     *
     * @return n
     */
    public int size() {
        return users.length;
    }

    /**
     * The number of users in the index space (some may have no rows).
     *
     * @return userIds().size()
     */
    public int userCount() {
        return userIds.size();
    }

    /**
     * The number of items in the index space.
     *
     * @return itemIds().size()
     */
    public int itemCount() {
        return itemIds.size();
    }

    /**
     * The number of domains.
     *
     * @return domains().size()
     */
    public int domainCount() {
        return domains.size();
    }

    /**
     * Raw user IDs.
     *
     * @return the user ID map
     */
    public IdMap userIds() {
        return userIds;
    }

    /**
     * Raw item IDs.
     *
     * @return the item ID map
     */
    public IdMap itemIds() {
        return itemIds;
    }

    /**
     * Domain names.
     *
     * @return the domains
     */
    public Domains domains() {
        return domains;
    }

    /**
     * User index of a row.
     *
     * @param row a row index
     * @return the user index
     */
    public int user(int row) {
        return users[row];
    }

    /**
     * Item index of a row.
     *
     * @param row a row index
     * @return the item index
     */
    public int item(int row) {
        return items[row];
    }

    /**
     * Rating of a row.
     *
     * @param row a row index
     * @return the rating
     */
    public double rating(int row) {
        return ratings[row];
    }

    /**
     * Domain index of a row.
     *
     * @param row a row index
     * @return the domain index
     */
    public int domain(int row) {
        return domainOf[row];
    }

    /**
     * Whether rows carry timestamps.
     *
     * @return true if {@link #timestamp(int)} is available
     */
    public boolean hasTimestamps() {
        return timestamps != null;
    }

    /**
     * Timestamp of a row (seconds since the epoch for MovieLens).
     *
     * @param row a row index
     * @return the timestamp
     * @throws IllegalStateException if the data has no timestamps
     */
    public long timestamp(int row) {
        if (timestamps == null) {
            throw new IllegalStateException("interactions: expected timestamps, found a data set without them");
        }
        return timestamps[row];
    }

    /**
     * The ratings of the given rows.
     *
     * @param rows row indices
     * @return ratings in the same order
     */
    public double[] ratings(int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = ratings[rows[i]];
        }
        return out;
    }

    /**
     * The mean rating of the given rows: (1/|rows|) * sum of ratings.
     *
     * @param rows row indices, at least one
     * @return the mean
     */
    public double meanRating(int[] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("mean rating: expected at least one row, found none");
        }
        double sum = 0;
        for (int row : rows) {
            sum += ratings[row];
        }
        return sum / rows.length;
    }

    /**
     * All row indices 0..size-1.
     *
     * @return a new array
     */
    public int[] allRows() {
        int[] rows = new int[users.length];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = r;
        }
        return rows;
    }

    /**
     * Rows of a user, ordered by domain then row.
     *
     * @param user a user index
     * @return a new array
     */
    public int[] rowsOfUser(int user) {
        checkUser(user);
        return userGroups().rowsOf(user);
    }

    /**
     * Rows of a user in one domain, ascending.
     *
     * @param user a user index
     * @param domain a domain index
     * @return a new array
     */
    public int[] rowsOf(int user, int domain) {
        checkUser(user);
        checkDomain(domain);
        RowGroups g = userGroups();
        int from = firstWithDomainAtLeast(g, g.from(user), g.to(user), domain);
        int to = firstWithDomainAtLeast(g, from, g.to(user), domain + 1);
        return g.rowsBetween(from, to);
    }

    /**
     * The number of rows of a user in one domain, without copying.
     *
     * @param user a user index
     * @param domain a domain index
     * @return the count
     */
    public int countOf(int user, int domain) {
        checkUser(user);
        checkDomain(domain);
        RowGroups g = userGroups();
        int from = firstWithDomainAtLeast(g, g.from(user), g.to(user), domain);
        return firstWithDomainAtLeast(g, from, g.to(user), domain + 1) - from;
    }

    /**
     * The number of rows of a user.
     *
     * @param user a user index
     * @return the count
     */
    public int countOfUser(int user) {
        checkUser(user);
        return userGroups().count(user);
    }

    /**
     * Rows of an item, ascending.
     *
     * @param item an item index
     * @return a new array
     */
    public int[] rowsOfItem(int item) {
        if (item < 0 || item >= itemIds.size()) {
            throw new IllegalArgumentException("item index: expected 0.." + (itemIds.size() - 1) + ", found " + item);
        }
        RowGroups g = byItem;
        if (g == null) {
            synchronized (this) {
                g = byItem;
                if (g == null) {
                    g = RowGroups.build(items, itemIds.size(), null, 0);
                    byItem = g;
                }
            }
        }
        return g.rowsOf(item);
    }

    /**
     * Rows of a domain, ascending.
     *
     * @param domain a domain index
     * @return a new array
     */
    public int[] rowsInDomain(int domain) {
        checkDomain(domain);
        return domainGroups().rowsOf(domain);
    }

    /**
     * The number of rows in a domain.
     *
     * @param domain a domain index
     * @return the count
     */
    public int countInDomain(int domain) {
        checkDomain(domain);
        return domainGroups().count(domain);
    }

    /**
     * Users with at least one row in a domain, ascending.
     *
     * @param domain a domain index
     * @return a new array
     */
    public int[] usersIn(int domain) {
        checkDomain(domain);
        RowGroups g = userGroups();
        int[] out = new int[userIds.size()];
        int n = 0;
        for (int u = 0; u < userIds.size(); u++) {
            int from = firstWithDomainAtLeast(g, g.from(u), g.to(u), domain);
            if (from < g.to(u) && domainOf[g.row(from)] == domain) {
                out[n++] = u;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * A readable summary.
     *
     * @return e.g. {@code Interactions[100000 rows, 943 users, 1682 items, 1 domains]}
     */
    @Override
    public String toString() {
        return "Interactions[" + users.length + " rows, " + userIds.size() + " users, " + itemIds.size()
                + " items, " + domains.size() + " domains]";
    }

    private void checkUser(int user) {
        if (user < 0 || user >= userIds.size()) {
            throw new IllegalArgumentException("user index: expected 0.." + (userIds.size() - 1) + ", found " + user);
        }
    }

    private void checkDomain(int domain) {
        if (domain < 0 || domain >= domains.size()) {
            throw new IllegalArgumentException("domain index: expected 0.." + (domains.size() - 1) + ", found "
                    + domain);
        }
    }

    /** Binary search within a user's group, which is sorted by domain. */
    private int firstWithDomainAtLeast(RowGroups g, int from, int to, int domain) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (domainOf[g.row(mid)] < domain) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private RowGroups userGroups() {
        RowGroups g = byUser;
        if (g == null) {
            synchronized (this) {
                g = byUser;
                if (g == null) {
                    g = RowGroups.build(users, userIds.size(), domainOf, domains.size());
                    byUser = g;
                }
            }
        }
        return g;
    }

    private RowGroups domainGroups() {
        RowGroups g = byDomain;
        if (g == null) {
            synchronized (this) {
                g = byDomain;
                if (g == null) {
                    g = RowGroups.build(domainOf, domains.size(), null, 0);
                    byDomain = g;
                }
            }
        }
        return g;
    }

    /** Appends rows by dense index; the ID maps are given at {@link #build(IdMap, IdMap)}. Not thread-safe. */
    public static final class Builder {

        private final Domains domains;
        private final boolean withTimestamps;
        private int size;
        private int[] users = new int[1024];
        private int[] items = new int[1024];
        private double[] ratings = new double[1024];
        private int[] domainOf = new int[1024];
        private long[] timestamps;

        private Builder(Domains domains, boolean withTimestamps) {
            this.domains = Objects.requireNonNull(domains, "domains");
            this.withTimestamps = withTimestamps;
            this.timestamps = withTimestamps ? new long[1024] : null;
        }

        /**
         * Appends a row without a timestamp.
         *
         * @param user user index
         * @param item item index
         * @param rating the rating
         * @param domain domain index
         * @return this builder
         * @throws IllegalStateException if the builder was created with timestamps
         */
        public Builder add(int user, int item, double rating, int domain) {
            if (withTimestamps) {
                throw new IllegalStateException("interactions builder: expected a timestamp for every row, found none");
            }
            append(user, item, rating, domain, 0);
            return this;
        }

        /**
         * Appends a row with a timestamp.
         *
         * @param user user index
         * @param item item index
         * @param rating the rating
         * @param domain domain index
         * @param timestamp the timestamp
         * @return this builder
         * @throws IllegalStateException if the builder was created without timestamps
         */
        public Builder add(int user, int item, double rating, int domain, long timestamp) {
            if (!withTimestamps) {
                throw new IllegalStateException("interactions builder: expected rows without timestamps, found one");
            }
            append(user, item, rating, domain, timestamp);
            return this;
        }

        /**
         * The number of rows appended so far.
         *
         * @return the count
         */
        public int size() {
            return size;
        }

        private void append(int user, int item, double rating, int domain, long timestamp) {
            if (size == users.length) {
                int capacity = size * 2;
                users = Arrays.copyOf(users, capacity);
                items = Arrays.copyOf(items, capacity);
                ratings = Arrays.copyOf(ratings, capacity);
                domainOf = Arrays.copyOf(domainOf, capacity);
                if (timestamps != null) {
                    timestamps = Arrays.copyOf(timestamps, capacity);
                }
            }
            users[size] = user;
            items[size] = item;
            ratings[size] = rating;
            domainOf[size] = domain;
            if (timestamps != null) {
                timestamps[size] = timestamp;
            }
            size++;
        }

        /**
         * The interactions appended so far, validated against the ID maps.
         *
         * @param userIds raw user IDs
         * @param itemIds raw item IDs
         * @return the interactions
         */
        public Interactions build(IdMap userIds, IdMap itemIds) {
            return of(userIds, itemIds, domains, Arrays.copyOf(users, size), Arrays.copyOf(items, size),
                    Arrays.copyOf(ratings, size), Arrays.copyOf(domainOf, size),
                    timestamps == null ? null : Arrays.copyOf(timestamps, size));
        }
    }
}
