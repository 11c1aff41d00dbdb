package org.metarec.core.tasks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.metarec.core.data.Interactions;
import org.metarec.core.random.Rng;

/**
 * The cross-domain cold-start protocol of EMCDR (Man et al., IJCAI 2017), TMCDR (Zhu et al., SIGIR 2021) and
 * PTUPCDR (Zhu et al., WSDM 2022), with validation users for model selection.
 *
 * <ol>
 *   <li><b>Overlap users</b> rated in at least one source domain and in the target domain.</li>
 *   <li><b>Candidates</b> are the overlap users with at least max(K + 1, minTargetRatings) target ratings;
 *       the other overlap users stay training users (counted in {@link #ineligibleOverlapUsers()}).</li>
 *   <li>The candidates, in ascending order, are shuffled with {@code rng.fork("users")}; the first
 *       round(beta * c) become <b>test users</b>, the next max(round(validationRatio * (c - test)),
 *       min(minValidationUsers, (c - test) / 2)) become <b>validation users</b>, the rest are training users.</li>
 *   <li>All target ratings of test and validation users are hidden. Each such user gets a task: K support
 *       rows drawn with {@code rng.fork("support/user-" + u)} (K = 0 allowed: pure transfer) and the
 *       rest, up to Q, as query; or, with {@link SupportOrder#TEMPORAL}, the user's first K by time and the
 *       next ones, up to Q, as query.</li>
 *   <li><b>Training rows</b> are all source-domain rows (of every user, including test users: their source
 *       history is what transfers) and the target rows of all other users. Rows of domains that are neither
 *       source nor target are not included.</li>
 * </ol>
 * Model selection must use {@link #validationTasks()} only; {@link #testTasks()} are for the final report.
 * Support rows are not training rows: a method receives them through the task at adaptation time.
 */
public final class ColdStartSplit {

    /**
     * Parameters of the protocol. Domains are named; {@link #create} finds them in the data.
     *
     * @param sourceDomains the source domains' names (at least one, distinct, not the target)
     * @param targetDomain the target domain's name
     * @param testRatio beta in (0, 1): the fraction of candidate overlap users who become test users
     * @param supportSize K &ge; 0 target ratings revealed per test or validation user
     * @param validationRatio in [0, 1): the fraction of the remaining candidates who become validation users
     * @param maxQuerySize Q &ge; 1 query rows per task at most ({@link Integer#MAX_VALUE}: all hidden ratings)
     * @param minTargetRatings &ge; 1: candidates need at least max(K + 1, this) target ratings; give runs with
     *     different K the same value to get the same candidates
     * @param minValidationUsers &ge; 0: at least this many validation users when the data has them, so that
     *     model selection is not decided by a handful of users; the count is raised to
     *     min(this, half of the non-test candidates), which keeps at least as many training candidates
     */
    public record Config(List<String> sourceDomains, String targetDomain, double testRatio, int supportSize,
            double validationRatio, int maxQuerySize, int minTargetRatings, int minValidationUsers) {

        /**
         * A configuration without a minimum number of validation users (the ratio alone decides).
         *
         * @param sourceDomains the source domains
         * @param targetDomain the target domain
         * @param testRatio beta
         * @param supportSize K
         * @param validationRatio the validation share of the non-test candidates
         * @param maxQuerySize Q
         * @param minTargetRatings the least number of target ratings of a candidate
         */
        public Config(List<String> sourceDomains, String targetDomain, double testRatio, int supportSize,
                double validationRatio, int maxQuerySize, int minTargetRatings) {
            this(sourceDomains, targetDomain, testRatio, supportSize, validationRatio, maxQuerySize, minTargetRatings,
                    0);
        }

        /**
         * This configuration with at least {@code users} validation users when the data has them.
         *
         * @param users the minimum, &ge; 0
         * @return a new configuration
         */
        public Config withMinValidationUsers(int users) {
            return new Config(sourceDomains, targetDomain, testRatio, supportSize, validationRatio, maxQuerySize,
                    minTargetRatings, users);
        }

        /**
         * Validates the parameters (domain names are looked up in the data by {@link #create}).
         *
         * @throws IllegalArgumentException naming the first invalid parameter
         */
        public Config {
            if (sourceDomains == null || sourceDomains.isEmpty()) {
                throw new IllegalArgumentException("cold-start sourceDomains: expected at least one domain, found none");
            }
            if (targetDomain == null) {
                throw new IllegalArgumentException("cold-start targetDomain: expected a domain name, found none");
            }
            sourceDomains = List.copyOf(sourceDomains);
            for (int i = 0; i < sourceDomains.size(); i++) {
                String d = sourceDomains.get(i);
                if (d.equals(targetDomain)) {
                    throw new IllegalArgumentException("cold-start sourceDomains[" + i
                            + "]: expected a domain other than the target, found the target '" + d + "'");
                }
                if (sourceDomains.indexOf(d) != i) {
                    throw new IllegalArgumentException("cold-start sourceDomains[" + i
                            + "]: expected distinct domains, found '" + d + "' twice");
                }
            }
            if (!(testRatio > 0 && testRatio < 1)) {
                throw new IllegalArgumentException("cold-start testRatio: expected a value in (0, 1), found "
                        + testRatio);
            }
            if (supportSize < 0) {
                throw new IllegalArgumentException("cold-start supportSize: expected >= 0, found " + supportSize);
            }
            if (!(validationRatio >= 0 && validationRatio < 1)) {
                throw new IllegalArgumentException("cold-start validationRatio: expected a value in [0, 1), found "
                        + validationRatio);
            }
            if (maxQuerySize < 1) {
                throw new IllegalArgumentException("cold-start maxQuerySize: expected >= 1, found " + maxQuerySize);
            }
            if (minTargetRatings < 1) {
                throw new IllegalArgumentException("cold-start minTargetRatings: expected >= 1, found "
                        + minTargetRatings);
            }
            if (minValidationUsers < 0) {
                throw new IllegalArgumentException("cold-start minValidationUsers: expected >= 0, found "
                        + minValidationUsers);
            }
        }

        /**
         * One source, one target, the given beta and K; 10% validation, all hidden ratings as query, at least
         * one target rating beyond the support.
         *
         * @param source the source domain's name
         * @param target the target domain's name
         * @param testRatio beta
         * @param supportSize K
         * @return the configuration
         */
        public static Config of(String source, String target, double testRatio, int supportSize) {
            return new Config(List.of(source), target, testRatio, supportSize, 0.1, Integer.MAX_VALUE, 1);
        }
    }

    private final Config config;
    private final int[] sourceIndices;
    private final int targetIndex;
    private final int[] overlapUsers;
    private final int ineligibleOverlapUsers;
    private final int[] testUsers;
    private final int[] validationUsers;
    private final int[] trainingOverlapUsers;
    private final int[] trainingRows;
    private final List<RatingTask> testTasks;
    private final List<RatingTask> validationTasks;

    private ColdStartSplit(Config config, int[] sourceIndices, int targetIndex, int[] overlapUsers, int ineligible,
            int[] testUsers, int[] validationUsers, int[] trainingOverlapUsers, int[] trainingRows,
            List<RatingTask> testTasks, List<RatingTask> validationTasks) {
        this.config = config;
        this.sourceIndices = sourceIndices;
        this.targetIndex = targetIndex;
        this.overlapUsers = overlapUsers;
        this.ineligibleOverlapUsers = ineligible;
        this.testUsers = testUsers;
        this.validationUsers = validationUsers;
        this.trainingOverlapUsers = trainingOverlapUsers;
        this.trainingRows = trainingRows;
        this.testTasks = testTasks;
        this.validationTasks = validationTasks;
    }

    /**
     * Applies the protocol to all rows of {@code data}.
     *
     * @param data the interactions
     * @param config the protocol parameters
     * @param rng the generator (only named forks of it are used)
     * @return the split
     * @throws IllegalArgumentException naming a domain the data does not have, or if no candidate becomes a test
     *     user
     */
    public static ColdStartSplit create(Interactions data, Config config, Rng rng) {
        return create(data, config, rng, SupportOrder.RANDOM);
    }

    /**
     * Applies the protocol with the given choice of support rows ({@link SupportOrder#RANDOM} is
     * {@link #create(Interactions, Config, Rng)}).
     *
     * @param data the interactions (with timestamps for {@link SupportOrder#TEMPORAL})
     * @param config the protocol parameters
     * @param rng the generator (only named forks of it are used)
     * @param order random support rows, or each user's first K by time with the query after them
     * @return the split
     * @throws IllegalArgumentException naming a domain the data does not have, if no candidate becomes a test
     *     user, or for a temporal order on data without timestamps
     */
    public static ColdStartSplit create(Interactions data, Config config, Rng rng, SupportOrder order) {
        if (order == SupportOrder.TEMPORAL && !data.hasTimestamps()) {
            throw new IllegalArgumentException("cold-start support order: expected data with timestamps for "
                    + "'temporal', found data without them");
        }
        int target = domainIndex(data, "targetDomain", config.targetDomain());
        int[] sources = new int[config.sourceDomains().size()];
        boolean[] isSource = new boolean[data.domainCount()];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = domainIndex(data, "sourceDomains[" + i + "]", config.sourceDomains().get(i));
            isSource[sources[i]] = true;
        }
        int minTarget = Math.max(config.supportSize() + 1, config.minTargetRatings());
        List<Integer> overlap = new ArrayList<>();
        List<Integer> candidates = new ArrayList<>();
        for (int u = 0; u < data.userCount(); u++) {
            int inTarget = data.countOf(u, target);
            if (inTarget == 0) {
                continue;
            }
            boolean inSource = false;
            for (int d : sources) {
                inSource |= data.countOf(u, d) > 0;
            }
            if (inSource) {
                overlap.add(u);
                if (inTarget >= minTarget) {
                    candidates.add(u);
                }
            }
        }
        int[] shuffled = candidates.stream().mapToInt(Integer::intValue).toArray();
        rng.fork("users").shuffle(shuffled);
        int testCount = (int) Math.round(config.testRatio() * shuffled.length);
        if (testCount == 0) {
            throw new IllegalArgumentException("cold-start split: expected at least one test user, found none ("
                    + shuffled.length + " overlap users with at least " + minTarget + " target ratings, testRatio "
                    + config.testRatio() + ")");
        }
        int rest = shuffled.length - testCount;
        int validationCount = Math.max((int) Math.round(config.validationRatio() * rest),
                Math.min(config.minValidationUsers(), rest / 2));
        int[] test = sorted(Arrays.copyOfRange(shuffled, 0, testCount));
        int[] validation = sorted(Arrays.copyOfRange(shuffled, testCount, testCount + validationCount));

        boolean[] hiddenUser = new boolean[data.userCount()];
        for (int u : test) {
            hiddenUser[u] = true;
        }
        for (int u : validation) {
            hiddenUser[u] = true;
        }
        int[] trainingOverlap = overlap.stream().mapToInt(Integer::intValue).filter(u -> !hiddenUser[u]).toArray();
        int[] training = Arrays.stream(data.allRows())
                .filter(r -> isSource[data.domain(r)] || (data.domain(r) == target && !hiddenUser[data.user(r)]))
                .toArray();
        return new ColdStartSplit(config, sources, target, overlap.stream().mapToInt(Integer::intValue).toArray(),
                overlap.size() - candidates.size(), test, validation, trainingOverlap, training,
                tasks(data, test, target, config, rng, order), tasks(data, validation, target, config, rng, order));
    }

    /**
     * The training candidates: training overlap users with at least max(K + 1, minTargetRatings) target ratings,
     * the users who could have been drawn as validation users (ascending). k-fold validation splits them.
     *
     * @param data the interactions the split was made from
     * @return a new array
     */
    public int[] trainingCandidates(Interactions data) {
        int minTarget = Math.max(config.supportSize() + 1, config.minTargetRatings());
        return Arrays.stream(trainingOverlapUsers).filter(u -> data.countOf(u, targetIndex) >= minTarget).toArray();
    }

    /**
     * This split with {@code users}, training candidates, as its validation users in place of its own: one fold
     * of k-fold validation. The test users and tasks are unchanged; the target rows of {@code users} leave the
     * training rows and each of them gets a task as a validation user would ({@code rng.fork("support/user-" + u)}
     * with the split's own stream gives the same support as if the user had been drawn for validation). The
     * split's own validation users stay out of training.
     *
     * @param data the interactions the split was made from
     * @param users the fold's users, each a training candidate
     * @param rng the stream the split was made with
     * @param order how support rows are chosen, as for the split
     * @return the fold's split
     * @throws IllegalArgumentException for a user who is not a training candidate
     */
    public ColdStartSplit withValidationFold(Interactions data, int[] users, Rng rng, SupportOrder order) {
        int[] fold = sorted(users.clone());
        int[] candidates = trainingCandidates(data);
        boolean[] inFold = new boolean[data.userCount()];
        for (int u : fold) {
            if (Arrays.binarySearch(candidates, u) < 0) {
                throw new IllegalArgumentException("cold-start fold: expected training candidates, found user " + u);
            }
            inFold[u] = true;
        }
        int[] training = Arrays.stream(trainingRows).filter(r -> data.domain(r) != targetIndex || !inFold[data.user(r)])
                .toArray();
        int[] trainingOverlap = Arrays.stream(trainingOverlapUsers).filter(u -> !inFold[u]).toArray();
        return new ColdStartSplit(config, sourceIndices, targetIndex, overlapUsers, ineligibleOverlapUsers, testUsers,
                fold, trainingOverlap, training, testTasks, tasks(data, fold, targetIndex, config, rng, order));
    }

    private static List<RatingTask> tasks(Interactions data, int[] users, int target, Config config, Rng rng,
            SupportOrder order) {
        List<RatingTask> tasks = new ArrayList<>(users.length);
        for (int u : users) {
            int[] rows = data.rowsOf(u, target);
            if (order == SupportOrder.TEMPORAL) {
                rows = byTime(data, rows);
            } else {
                rng.fork("support/user-" + u).shuffle(rows);
            }
            int k = config.supportSize();
            int q = (int) Math.min(config.maxQuerySize(), (long) rows.length - k);
            tasks.add(new RatingTask(u, target, Arrays.copyOfRange(rows, 0, k),
                    Arrays.copyOfRange(rows, k, k + q)));
        }
        return Collections.unmodifiableList(tasks);
    }

    /** The rows by timestamp, ties by row index (so the order is fixed by the data alone). */
    private static int[] byTime(Interactions data, int[] rows) {
        return Arrays.stream(rows).boxed()
                .sorted(java.util.Comparator.<Integer>comparingLong(data::timestamp).thenComparingInt(r -> r))
                .mapToInt(Integer::intValue).toArray();
    }

    private static int domainIndex(Interactions data, String key, String name) {
        List<String> names = data.domains().names();
        int d = names.indexOf(name);
        if (d < 0) {
            throw new IllegalArgumentException("cold-start " + key + ": expected one of the data's domains " + names
                    + ", found '" + name + "'");
        }
        return d;
    }

    private static int[] sorted(int[] a) {
        Arrays.sort(a);
        return a;
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
     * The source domains' indices in the data, in the order of {@link Config#sourceDomains()}.
     *
     * @return a new array
     */
    public int[] sourceIndices() {
        return sourceIndices.clone();
    }

    /**
     * The target domain's index in the data.
     *
     * @return the index
     */
    public int targetIndex() {
        return targetIndex;
    }

    /**
     * Users with ratings in a source domain and in the target domain, ascending.
     *
     * @return a new array
     */
    public int[] overlapUsers() {
        return overlapUsers.clone();
    }

    /**
     * Overlap users with too few target ratings to be test or validation users (they stay in training).
     *
     * @return the count
     */
    public int ineligibleOverlapUsers() {
        return ineligibleOverlapUsers;
    }

    /**
     * Test users, ascending.
     *
     * @return a new array
     */
    public int[] testUsers() {
        return testUsers.clone();
    }

    /**
     * Validation users, ascending.
     *
     * @return a new array
     */
    public int[] validationUsers() {
        return validationUsers.clone();
    }

    /**
     * Overlap users whose target ratings are all in training (for learning cross-domain mappings), ascending.
     *
     * @return a new array
     */
    public int[] trainingOverlapUsers() {
        return trainingOverlapUsers.clone();
    }

    /**
     * Rows meta-training may see: source-domain rows and target rows of users who are neither test nor
     * validation users, ascending.
     *
     * @return a new array
     */
    public int[] trainingRows() {
        return trainingRows.clone();
    }

    /**
     * One task per test user (user order): K support and up to Q query rows of the target domain.
     *
     * @return an unmodifiable list
     */
    public List<RatingTask> testTasks() {
        return testTasks;
    }

    /**
     * One task per validation user (user order), for model selection.
     *
     * @return an unmodifiable list
     */
    public List<RatingTask> validationTasks() {
        return validationTasks;
    }

    /**
     * A readable summary of the split's sizes.
     *
     * @return multi-line text
     */
    public String describe() {
        long queries = testTasks.stream().mapToLong(RatingTask::querySize).sum();
        return String.format(Locale.ROOT,
                "Cold-start split: sources %s -> target %d, beta %.2f, K %d%n"
                        + "  overlap users %d (%d with too few target ratings stay in training)%n"
                        + "  test users %d (%d query ratings), validation users %d, training overlap users %d%n"
                        + "  training rows %d%n",
                Arrays.toString(sourceIndices), targetIndex, config.testRatio(), config.supportSize(),
                overlapUsers.length, ineligibleOverlapUsers, testUsers.length, queries, validationUsers.length,
                trainingOverlapUsers.length, trainingRows.length);
    }
}
