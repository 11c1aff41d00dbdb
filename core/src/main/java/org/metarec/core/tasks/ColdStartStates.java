package org.metarec.core.tasks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.metarec.core.data.Interactions;
import org.metarec.core.random.Rng;

/**
 * The four cold-start states of MeLU (Lee, Im, Jang, Cho and Chung, "MeLU: Meta-Learned User Preference
 * Estimator for Cold-Start Recommendation", KDD 2019, section 5.1), as metarec reads them.
 *
 * <ol>
 *   <li><b>Items</b> are <em>existing</em> if released before {@code newItemYear}, <em>new</em> from that
 *       year on; rows of items without a known year belong to no state.</li>
 *   <li><b>Users</b> are <em>existing</em> if their first rating (over all their rows) is earlier than the
 *       cut time T, <em>new</em> otherwise. T is the first-rating time of the user at position
 *       floor(existingUserShare * n) when the n users who rated are ordered by first-rating time, so about
 *       that share of them are existing (users who tie with T are new).</li>
 *   <li>Every row with a known item year is in one {@link State}: existing user x existing item (warm
 *       state), new user x existing item (user cold-start), existing user x new item (item cold-start), new
 *       user x new item (user-and-item cold-start).</li>
 *   <li>A user's rows in one state form a <b>task</b> only if they number between {@code minRatings} and
 *       {@code maxRatings}; they are shuffled with {@code rng.fork("task/<state>/user-<u>")}, the first
 *       {@code querySize} are the query and the rest, in that random order, the support set (so the first K
 *       support rows are a random K-shot subset: {@link RatingTask#withSupportSize}).</li>
 *   <li>The users with a warm-state task, in ascending order, are shuffled with {@code rng.fork("warm-users")};
 *       the first round(warmTestRatio * n) are <b>warm test users</b>, the next max(round(validationRatio * n),
 *       min(minValidationUsers, (n - warm test users) / 2))
 *       <b>validation users</b> and the rest <b>training users</b>.</li>
 *   <li><b>Training rows</b> are the rows of the training users' warm-state tasks and nothing else: no
 *       rating of a new user, of a new item, of a validation or warm test user, or of a user outside the
 *       task size bounds is a training row.</li>
 * </ol>
 * Model selection must use {@link #validationTasks()} only (rows of the validation users' warm-state tasks);
 * {@link #testTasks(State)} are for the final report. The data must have one domain (every task's domain).
 */
public final class ColdStartStates {

    /** The state of a rating: whether its user and its item are existing or new. */
    public enum State {
        /** Existing user, existing item. */
        WARM("warm"),
        /** New user, existing item. */
        USER_COLD("user_cold"),
        /** Existing user, new item. */
        ITEM_COLD("item_cold"),
        /** New user, new item. */
        USER_ITEM_COLD("user_item_cold");

        private final String label;

        State(String label) {
            this.label = label;
        }

        /**
         * The state's name in metric names and reports.
         *
         * @return e.g. {@code user_cold}
         */
        public String label() {
            return label;
        }

        /**
         * The state of a rating.
         *
         * @param existingUser whether its user is existing
         * @param existingItem whether its item is existing
         * @return the state
         */
        public static State of(boolean existingUser, boolean existingItem) {
            if (existingUser) {
                return existingItem ? WARM : ITEM_COLD;
            }
            return existingItem ? USER_COLD : USER_ITEM_COLD;
        }
    }

    /**
     * Parameters of the protocol.
     *
     * @param newItemYear items released in this year or later are new, &ge; 1
     * @param existingUserShare in (0, 1): about this share of the users who rated are existing users
     * @param minRatings a task needs at least this many ratings, &gt; {@code querySize} (so every support set
     *     has at least one row)
     * @param maxRatings and at most this many, &ge; {@code minRatings}
     * @param querySize query rows per task, &ge; 1
     * @param validationRatio in [0, 1): the share of warm-state users kept for model selection
     * @param warmTestRatio in [0, 1): the share of warm-state users held out for the warm-state test row;
     *     {@code validationRatio + warmTestRatio < 1}
     * @param minValidationUsers &ge; 0: at least this many validation users when the data has them, so that model
     *     selection is not decided by a handful of users; the count is raised to min(this, half of the warm-state
     *     users left after the warm test users)
     */
    public record Config(int newItemYear, double existingUserShare, int minRatings, int maxRatings, int querySize,
            double validationRatio, double warmTestRatio, int minValidationUsers) {

        /**
         * A configuration without a minimum number of validation users (the ratio alone decides).
         *
         * @param newItemYear the first year of new items
         * @param existingUserShare the share of existing users
         * @param minRatings the fewest ratings of a task
         * @param maxRatings the most ratings of a task
         * @param querySize query rows per task
         * @param validationRatio the share of validation users
         * @param warmTestRatio the share of warm test users
         */
        public Config(int newItemYear, double existingUserShare, int minRatings, int maxRatings, int querySize,
                double validationRatio, double warmTestRatio) {
            this(newItemYear, existingUserShare, minRatings, maxRatings, querySize, validationRatio, warmTestRatio, 0);
        }

        /**
         * This configuration with at least {@code users} validation users when the data has them.
         *
         * @param users the minimum, &ge; 0
         * @return a new configuration
         */
        public Config withMinValidationUsers(int users) {
            return new Config(newItemYear, existingUserShare, minRatings, maxRatings, querySize, validationRatio,
                    warmTestRatio, users);
        }

        /**
         * Validates the parameters.
         *
         * @throws IllegalArgumentException naming the first invalid parameter
         */
        public Config {
            require(newItemYear >= 1, "newItemYear", ">= 1", newItemYear);
            require(existingUserShare > 0 && existingUserShare < 1, "existingUserShare", "a value in (0, 1)",
                    existingUserShare);
            require(querySize >= 1, "querySize", ">= 1", querySize);
            require(minRatings > querySize, "minRatings", "more than querySize (" + querySize + ")", minRatings);
            require(maxRatings >= minRatings, "maxRatings", ">= minRatings (" + minRatings + ")", maxRatings);
            require(validationRatio >= 0 && validationRatio < 1, "validationRatio", "a value in [0, 1)",
                    validationRatio);
            require(warmTestRatio >= 0 && warmTestRatio < 1, "warmTestRatio", "a value in [0, 1)", warmTestRatio);
            require(validationRatio + warmTestRatio < 1, "warmTestRatio",
                    "validationRatio + warmTestRatio < 1 (training users must remain)", warmTestRatio);
            require(minValidationUsers >= 0, "minValidationUsers", ">= 0", minValidationUsers);
        }

        /**
         * MeLU's task bounds (13 to 100 ratings, 10 query ratings) with the given cuts, 10% validation users
         * and 20% warm test users.
         *
         * @param newItemYear the first year of new items
         * @param existingUserShare the share of existing users
         * @return the configuration
         */
        public static Config melu(int newItemYear, double existingUserShare) {
            return new Config(newItemYear, existingUserShare, 13, 100, 10, 0.1, 0.2);
        }

        private static void require(boolean ok, String key, String expected, Object found) {
            if (!ok) {
                throw new IllegalArgumentException("cold-start states " + key + ": expected " + expected + ", found "
                        + found);
            }
        }
    }

    private final Config config;
    private final long newUserTime;
    private final boolean[] existingUser;   // by user; false also for users without rows
    private final int[] itemAge;            // by item: 0 existing, 1 new, -1 unknown year
    private final Map<State, List<RatingTask>> tasks;
    private final Map<State, int[]> skipped;   // [too few, too many] users with rows in the state
    private final int[] trainingUsers;
    private final int[] validationUsers;
    private final int[] warmTestUsers;
    private final List<RatingTask> trainingTasks;
    private final List<RatingTask> validationTasks;
    private final List<RatingTask> warmTestTasks;
    private final int[] trainingRows;

    private ColdStartStates(Interactions data, int[] itemYears, Config config, Rng rng) {
        if (data.domainCount() != 1) {
            throw new IllegalArgumentException("cold-start states: expected interactions with one domain (load the "
                    + "data with a single domain holding every item), found " + data.domainCount() + " domains "
                    + data.domains().names());
        }
        if (!data.hasTimestamps()) {
            throw new IllegalArgumentException("cold-start states: expected ratings with timestamps (users are split "
                    + "by the time of their first rating), found none");
        }
        if (itemYears.length != data.itemCount()) {
            throw new IllegalArgumentException("cold-start states: expected a release year for each of the "
                    + data.itemCount() + " items, found " + itemYears.length);
        }
        this.config = config;
        this.itemAge = new int[data.itemCount()];
        for (int i = 0; i < itemAge.length; i++) {
            itemAge[i] = itemYears[i] <= 0 ? -1 : itemYears[i] < config.newItemYear() ? 0 : 1;
        }
        long[] first = new long[data.userCount()];
        List<Long> firstTimes = new ArrayList<>();
        for (int u = 0; u < first.length; u++) {
            first[u] = Long.MAX_VALUE;
            for (int r : data.rowsOfUser(u)) {
                first[u] = Math.min(first[u], data.timestamp(r));
            }
            if (first[u] != Long.MAX_VALUE) {
                firstTimes.add(first[u]);
            }
        }
        if (firstTimes.isEmpty()) {
            throw new IllegalArgumentException("cold-start states: expected ratings, found none");
        }
        Collections.sort(firstTimes);
        this.newUserTime = firstTimes.get((int) Math.floor(config.existingUserShare() * firstTimes.size()));
        this.existingUser = new boolean[data.userCount()];
        for (int u = 0; u < first.length; u++) {
            existingUser[u] = first[u] < newUserTime;
        }

        this.tasks = new EnumMap<>(State.class);
        this.skipped = new EnumMap<>(State.class);
        for (State s : State.values()) {
            tasks.put(s, new ArrayList<>());
            skipped.put(s, new int[2]);
        }
        for (int u = 0; u < data.userCount(); u++) {
            Map<State, List<Integer>> rows = new EnumMap<>(State.class);
            int[] userRows = data.rowsOfUser(u);
            Arrays.sort(userRows);
            for (int r : userRows) {
                State s = stateOf(data, r);
                if (s != null) {
                    rows.computeIfAbsent(s, x -> new ArrayList<>()).add(r);
                }
            }
            for (Map.Entry<State, List<Integer>> e : rows.entrySet()) {
                int n = e.getValue().size();
                if (n < config.minRatings() || n > config.maxRatings()) {
                    skipped.get(e.getKey())[n < config.minRatings() ? 0 : 1]++;
                    continue;
                }
                int[] shuffled = e.getValue().stream().mapToInt(Integer::intValue).toArray();
                rng.fork("task/" + e.getKey().label() + "/user-" + u).shuffle(shuffled);
                int q = config.querySize();
                tasks.get(e.getKey()).add(new RatingTask(u, 0, Arrays.copyOfRange(shuffled, q, n),
                        Arrays.copyOfRange(shuffled, 0, q)));
            }
        }

        List<RatingTask> warm = tasks.get(State.WARM);
        int[] order = new int[warm.size()];   // positions into warm (ascending user order), shuffled
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        rng.fork("warm-users").shuffle(order);
        int testCount = (int) Math.round(config.warmTestRatio() * order.length);
        int validationCount = Math.max((int) Math.round(config.validationRatio() * order.length),
                Math.min(config.minValidationUsers(), (order.length - testCount) / 2));
        if (testCount + validationCount >= order.length) {
            throw new IllegalArgumentException("cold-start states: expected warm-state training users, found none ("
                    + order.length + " users with " + config.minRatings() + " to " + config.maxRatings()
                    + " warm-state ratings, " + testCount + " held out for the warm test and " + validationCount
                    + " for validation)");
        }
        this.warmTestTasks = pick(warm, Arrays.copyOfRange(order, 0, testCount));
        this.validationTasks = pick(warm, Arrays.copyOfRange(order, testCount, testCount + validationCount));
        this.trainingTasks = pick(warm, Arrays.copyOfRange(order, testCount + validationCount, order.length));
        this.warmTestUsers = users(warmTestTasks);
        this.validationUsers = users(validationTasks);
        this.trainingUsers = users(trainingTasks);
        this.trainingRows = rowsOf(trainingTasks);
        tasks.replaceAll((s, list) -> Collections.unmodifiableList(list));
    }

    /**
     * Applies the protocol to all rows of {@code data}.
     *
     * @param data the interactions: one domain, with timestamps
     * @param itemYears the release year of every item, 0 where unknown
     * @param config the protocol parameters
     * @param rng the generator (only named forks of it are used)
     * @return the split
     * @throws IllegalArgumentException for data with several domains or without timestamps, or a split without
     *     warm-state training users
     */
    public static ColdStartStates create(Interactions data, int[] itemYears, Config config, Rng rng) {
        return new ColdStartStates(data, itemYears, config, rng);
    }

    private State stateOf(Interactions data, int row) {
        int age = itemAge[data.item(row)];
        return age < 0 ? null : State.of(existingUser[data.user(row)], age == 0);
    }

    /** The tasks at the given positions of {@code all}, in ascending user order. */
    /** One fold of k-fold validation: {@link #withValidationFold}. */
    private ColdStartStates(ColdStartStates base, int[] foldUsers) {
        this.config = base.config;
        this.newUserTime = base.newUserTime;
        this.existingUser = base.existingUser;
        this.itemAge = base.itemAge;
        this.tasks = base.tasks;
        this.skipped = base.skipped;
        this.warmTestUsers = base.warmTestUsers;
        this.warmTestTasks = base.warmTestTasks;
        int[] fold = foldUsers.clone();
        Arrays.sort(fold);
        List<RatingTask> validation = new ArrayList<>();
        List<RatingTask> training = new ArrayList<>();
        for (RatingTask t : base.trainingTasks) {
            (Arrays.binarySearch(fold, t.user()) >= 0 ? validation : training).add(t);
        }
        if (validation.size() != fold.length) {
            throw new IllegalArgumentException("cold-start states fold: expected warm-state training users, found "
                    + (fold.length - validation.size()) + " of the " + fold.length + " fold users among the others");
        }
        this.validationTasks = Collections.unmodifiableList(validation);
        this.trainingTasks = Collections.unmodifiableList(training);
        this.validationUsers = users(validationTasks);
        this.trainingUsers = users(trainingTasks);
        this.trainingRows = rowsOf(trainingTasks);
    }

    /**
     * This split with {@code users}, warm-state training users, as its validation users in place of its own: one
     * fold of k-fold validation. Their warm-state tasks become the validation tasks and leave training (with their
     * rows); every other part (states, test tasks, the split's own validation users, who stay out of training) is
     * unchanged.
     *
     * @param users the fold's users, each a training user
     * @return the fold's split
     * @throws IllegalArgumentException for a user who is not a training user
     */
    public ColdStartStates withValidationFold(int[] users) {
        return new ColdStartStates(this, users);
    }

    private static List<RatingTask> pick(List<RatingTask> all, int[] positions) {
        int[] sorted = positions.clone();
        Arrays.sort(sorted);
        List<RatingTask> out = new ArrayList<>(sorted.length);
        for (int p : sorted) {
            out.add(all.get(p));
        }
        return Collections.unmodifiableList(out);
    }

    private static int[] users(List<RatingTask> tasks) {
        return tasks.stream().mapToInt(RatingTask::user).toArray();
    }

    /**
     * Every support and query row of the tasks, ascending.
     *
     * @param tasks tasks
     * @return a new array
     */
    public static int[] rowsOf(List<RatingTask> tasks) {
        return tasks.stream().flatMapToInt(t -> Arrays.stream(concat(t.supportRows(), t.queryRows())))
                .sorted().toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * The protocol parameters.
     *
     * @return the configuration
     */
    public Config config() {
        return config;
    }

    /**
     * The cut time T: users whose first rating is at or after it are new users.
     *
     * @return a timestamp of the data
     */
    public long newUserTime() {
        return newUserTime;
    }

    /**
     * Whether a user is an existing user (first rating before {@link #newUserTime()}).
     *
     * @param user a user index
     * @return true for an existing user; false for a new user or one without ratings
     */
    public boolean isExistingUser(int user) {
        return existingUser[user];
    }

    /**
     * The state of a row.
     *
     * @param data the interactions the split was made from
     * @param row a row index
     * @return its state, or null when its item's release year is unknown
     */
    public State state(Interactions data, int row) {
        return stateOf(data, row);
    }

    /**
     * Every task of a state (all its users with an allowed number of ratings there), in ascending user order:
     * for the warm state these include the training and validation users' tasks.
     *
     * @param state a state
     * @return an unmodifiable list
     */
    public List<RatingTask> tasks(State state) {
        return tasks.get(state);
    }

    /**
     * The tasks of the final report for a state: the warm test users' tasks for {@link State#WARM}, every task
     * of the state otherwise.
     *
     * @param state a state
     * @return an unmodifiable list, in ascending user order
     */
    public List<RatingTask> testTasks(State state) {
        return state == State.WARM ? warmTestTasks : tasks.get(state);
    }

    /**
     * The training users' warm-state tasks (meta-training tasks), in ascending user order.
     *
     * @return an unmodifiable list
     */
    public List<RatingTask> trainingTasks() {
        return trainingTasks;
    }

    /**
     * The validation users' warm-state tasks, for model selection, in ascending user order.
     *
     * @return an unmodifiable list
     */
    public List<RatingTask> validationTasks() {
        return validationTasks;
    }

    /**
     * The rows training may see: those of {@link #trainingTasks()}, ascending.
     *
     * @return a new array
     */
    public int[] trainingRows() {
        return trainingRows.clone();
    }

    /**
     * The training users, ascending.
     *
     * @return a new array
     */
    public int[] trainingUsers() {
        return trainingUsers.clone();
    }

    /**
     * The validation users, ascending.
     *
     * @return a new array
     */
    public int[] validationUsers() {
        return validationUsers.clone();
    }

    /**
     * The warm test users, ascending.
     *
     * @return a new array
     */
    public int[] warmTestUsers() {
        return warmTestUsers.clone();
    }

    /**
     * Users with ratings in a state who form no task, by reason.
     *
     * @param state a state
     * @return {too few ratings, too many ratings}
     */
    public int[] skippedUsers(State state) {
        return skipped.get(state).clone();
    }

    /**
     * A readable summary of the split's sizes.
     *
     * @return multi-line text
     */
    public String describe() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "Cold-start states: items released from %d on are new; users whose first rating is at or after %s "
                        + "are new%n", config.newItemYear(), Instant.ofEpochSecond(newUserTime)));
        for (State state : State.values()) {
            List<RatingTask> t = tasks.get(state);
            int[] skip = skipped.get(state);
            s.append(String.format(Locale.ROOT, "  %-15s %5d tasks (%d ratings); users skipped: %d with fewer than %d, "
                    + "%d with more than %d ratings%n", state.label(), t.size(), rowsOf(t).length, skip[0],
                    config.minRatings(), skip[1], config.maxRatings()));
        }
        s.append(String.format(Locale.ROOT, "  warm-state users: %d training (%d rows), %d validation, %d warm test%n",
                trainingUsers.length, trainingRows.length, validationUsers.length, warmTestUsers.length));
        return s.toString();
    }
}
