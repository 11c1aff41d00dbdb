package org.metarec.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a loader read and kept: raw counts as read, users/items/ratings per domain after domain
 * assignment, the pairwise user overlap between domains, sparsity, what was dropped and why, and
 * warnings (such as a checksum that differs from the official release). {@link #toText()} renders it for
 * people (the CLI's {@code data} command prints it).
 */
public final class LoadReport {

    private final String source;
    private final int rawUsers;
    private final int rawItems;
    private final int rawRatings;
    private final DomainSummary total;
    private final List<DomainSummary> domains;
    private final int[][] userOverlap;
    private final Map<String, Long> dropped;
    private final List<String> warnings;
    private final List<String> notes;

    private LoadReport(Builder b, DomainSummary total, List<DomainSummary> domains, int[][] userOverlap) {
        this.source = b.source;
        this.rawUsers = b.rawUsers;
        this.rawItems = b.rawItems;
        this.rawRatings = b.rawRatings;
        this.total = total;
        this.domains = List.copyOf(domains);
        this.userOverlap = userOverlap;
        this.dropped = Collections.unmodifiableMap(new LinkedHashMap<>(b.dropped));
        this.warnings = List.copyOf(b.warnings);
        this.notes = List.copyOf(b.notes);
    }

    /**
     * A builder for a report about data from {@code source}.
     *
     * @param source a description such as "MovieLens 100K at /data/ml-100k"
     * @return a new builder
     */
    public static Builder builder(String source) {
        return new Builder(source);
    }

    /**
     * Where the data came from.
     *
     * @return the source description
     */
    public String source() {
        return source;
    }

    /**
     * Distinct users in the rating file(s), as read, before anything was dropped.
     *
     * @return the count
     */
    public int rawUsers() {
        return rawUsers;
    }

    /**
     * Distinct items in the rating file(s), as read.
     *
     * @return the count
     */
    public int rawItems() {
        return rawItems;
    }

    /**
     * Rating lines read (including any later dropped, excluding malformed lines that were skipped).
     *
     * @return the count
     */
    public int rawRatings() {
        return rawRatings;
    }

    /**
     * Counts over all domains after assignment (users and items with at least one kept rating).
     *
     * @return the totals, named "all"
     */
    public DomainSummary total() {
        return total;
    }

    /**
     * Counts per domain, in domain order.
     *
     * @return an unmodifiable list
     */
    public List<DomainSummary> domains() {
        return domains;
    }

    /**
     * Users with at least one rating in both domain a and domain b (the diagonal is the domain's users).
     *
     * @param a a domain index
     * @param b a domain index
     * @return the overlap
     */
    public int userOverlap(int a, int b) {
        return userOverlap[a][b];
    }

    /**
     * The whole overlap matrix (a copy).
     *
     * @return a D x D symmetric matrix
     */
    public int[][] userOverlapMatrix() {
        int[][] copy = new int[userOverlap.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = userOverlap[i].clone();
        }
        return copy;
    }

    /**
     * What was dropped, by reason (each reason names its unit, e.g. "ratings of items without a domain").
     *
     * @return reason to count, in the order reported
     */
    public Map<String, Long> dropped() {
        return dropped;
    }

    /**
     * Warnings that did not stop the load.
     *
     * @return an unmodifiable list
     */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Facts about the data that are neither counts nor problems, such as the sizes of a released split.
     *
     * @return the notes, in the order added (empty for most sources)
     */
    public List<String> notes() {
        return notes;
    }

    /**
     * The report as readable multi-line text (same as {@link #toText()}).
     *
     * @return the text
     */
    @Override
    public String toString() {
        return toText();
    }

    /**
     * The report as readable multi-line text: source, raw counts, totals, a per-domain table, the overlap
     * matrix, drops and warnings.
     *
     * @return the text, ending with a newline
     */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("Data: ").append(source).append('\n');
        sb.append(String.format(Locale.ROOT, "Read: %,d ratings, %,d users, %,d items%n", rawRatings, rawUsers,
                rawItems));
        sb.append(String.format(Locale.ROOT, "Kept: %,d ratings, %,d users, %,d items in %d domain%s (sparsity %.2f%%)%n",
                total.ratings(), total.users(), total.items(), domains.size(), domains.size() == 1 ? "" : "s",
                100 * total.sparsity()));
        int width = 6;
        for (DomainSummary d : domains) {
            width = Math.max(width, d.name().length());
        }
        sb.append("Domains:\n");
        sb.append(String.format(Locale.ROOT, "  %-" + width + "s %9s %9s %11s %9s%n", "domain", "users", "items",
                "ratings", "sparsity"));
        for (DomainSummary d : domains) {
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s %,9d %,9d %,11d %8.2f%%%n", d.name(), d.users(),
                    d.items(), d.ratings(), 100 * d.sparsity()));
        }
        if (domains.size() > 1) {
            sb.append("User overlap (users with ratings in both domains):\n");
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s", ""));
            int col = Math.max(7, width);
            for (DomainSummary d : domains) {
                sb.append(String.format(Locale.ROOT, " %" + col + "s", d.name()));
            }
            sb.append('\n');
            for (int a = 0; a < domains.size(); a++) {
                sb.append(String.format(Locale.ROOT, "  %-" + width + "s", domains.get(a).name()));
                for (int b = 0; b < domains.size(); b++) {
                    sb.append(String.format(Locale.ROOT, " %," + col + "d", userOverlap[a][b]));
                }
                sb.append('\n');
            }
        }
        sb.append("Dropped:");
        if (dropped.isEmpty()) {
            sb.append(" nothing\n");
        } else {
            sb.append('\n');
            for (Map.Entry<String, Long> e : dropped.entrySet()) {
                sb.append(String.format(Locale.ROOT, "  %s: %,d%n", e.getKey(), e.getValue()));
            }
        }
        sb.append("Warnings:");
        if (warnings.isEmpty()) {
            sb.append(" none\n");
        } else {
            sb.append('\n');
            for (String w : warnings) {
                sb.append("  ").append(w).append('\n');
            }
        }
        if (!notes.isEmpty()) {
            sb.append("Notes:\n");
            for (String n : notes) {
                sb.append("  ").append(n).append('\n');
            }
        }
        return sb.toString();
    }

    /** Collects raw counts, drops and warnings during a load; per-domain figures come from the kept data. */
    public static final class Builder {

        private final String source;
        private int rawUsers;
        private int rawItems;
        private int rawRatings;
        private final Map<String, Long> dropped = new LinkedHashMap<>();
        private final List<String> warnings = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        private Builder(String source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        /**
         * Sets the counts as read from the rating file(s).
         *
         * @param users distinct users
         * @param items distinct items
         * @param ratings rating lines
         * @return this builder
         */
        public Builder rawCounts(int users, int items, int ratings) {
            if (users < 0 || items < 0 || ratings < 0) {
                throw new IllegalArgumentException("raw counts: expected non-negative counts, found users " + users
                        + ", items " + items + ", ratings " + ratings);
            }
            this.rawUsers = users;
            this.rawItems = items;
            this.rawRatings = ratings;
            return this;
        }

        /**
         * Records that {@code count} things were dropped for {@code reason} (added to earlier drops of the same
         * reason; a count of 0 is not recorded).
         *
         * @param reason what was dropped and why, e.g. "ratings of items without a domain"
         * @param count how many, &ge; 0
         * @return this builder
         */
        public Builder drop(String reason, long count) {
            if (count < 0) {
                throw new IllegalArgumentException("dropped '" + reason + "': expected a count >= 0, found " + count);
            }
            if (count > 0) {
                dropped.merge(reason, count, Long::sum);
            }
            return this;
        }

        /**
         * Adds a warning.
         *
         * @param warning a one-line message naming the file or key concerned
         * @return this builder
         */
        public Builder warn(String warning) {
            warnings.add(Objects.requireNonNull(warning, "warning"));
            return this;
        }

        /**
         * Adds a note (printed after the warnings, only when there is one).
         *
         * @param note a one-line fact about the data, e.g. the rows of each part of a released split
         * @return this builder
         */
        public Builder note(String note) {
            notes.add(Objects.requireNonNull(note, "note"));
            return this;
        }

        /**
         * The report, with per-domain counts, overlap and sparsity computed from the kept interactions.
         *
         * @param kept the interactions the loader returns
         * @return the report
         */
        public LoadReport build(Interactions kept) {
            int domainCount = kept.domainCount();
            int userCount = kept.userCount();
            int itemCount = kept.itemCount();
            int[] ratingsPerDomain = new int[domainCount];
            // For each (entity, domain): seen? Bit sets over users and items per domain.
            boolean[][] userIn = new boolean[domainCount][userCount];
            boolean[][] itemIn = new boolean[domainCount][itemCount];
            boolean[] anyUser = new boolean[userCount];
            boolean[] anyItem = new boolean[itemCount];
            for (int r = 0; r < kept.size(); r++) {
                int d = kept.domain(r);
                ratingsPerDomain[d]++;
                userIn[d][kept.user(r)] = true;
                itemIn[d][kept.item(r)] = true;
                anyUser[kept.user(r)] = true;
                anyItem[kept.item(r)] = true;
            }
            List<DomainSummary> summaries = new ArrayList<>();
            for (int d = 0; d < domainCount; d++) {
                summaries.add(new DomainSummary(kept.domains().name(d), count(userIn[d]), count(itemIn[d]),
                        ratingsPerDomain[d]));
            }
            int[][] overlap = new int[domainCount][domainCount];
            for (int u = 0; u < userCount; u++) {
                for (int a = 0; a < domainCount; a++) {
                    if (userIn[a][u]) {
                        for (int b = a; b < domainCount; b++) {
                            if (userIn[b][u]) {
                                overlap[a][b]++;
                            }
                        }
                    }
                }
            }
            for (int a = 0; a < domainCount; a++) {
                for (int b = 0; b < a; b++) {
                    overlap[a][b] = overlap[b][a];
                }
            }
            DomainSummary total = new DomainSummary("all", count(anyUser), count(anyItem), kept.size());
            return new LoadReport(this, total, summaries, overlap);
        }

        private static int count(boolean[] flags) {
            int n = 0;
            for (boolean f : flags) {
                if (f) {
                    n++;
                }
            }
            return n;
        }
    }
}
