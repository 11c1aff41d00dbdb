package org.metarec.core.data.io;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.Domains;
import org.metarec.core.data.IdMap;
import org.metarec.core.data.Interactions;
import org.metarec.core.data.LoadReport;
import org.metarec.core.data.SideFeatures;

/**
 * The rating rows a loader of plain rating files has read so far, in primitive columns, with users, items and
 * domains indexed in order of first appearance; {@link #finish} turns them into a {@link Dataset} whose report
 * warns about repeated (user, item) pairs and items in several domains. Shared by {@link DelimitedLoader} and
 * {@link AmazonLoader}.
 */
final class RatingRows implements RowSink {

    private final ByteIdTable users = new ByteIdTable();
    private final ByteIdTable items = new ByteIdTable();
    private final IdMap.Builder domainNames = new IdMap.Builder();
    private final DelimitedLoader.ItemIds itemIds;
    private final Charset charset;
    private int[] userColumn = new int[4096];
    private int[] itemColumn = new int[4096];
    private int[] domainColumn = new int[4096];
    private double[] ratings = new double[4096];
    private long[] times;
    private int filled;

    /**
     * Empty rows.
     *
     * @param itemIds whether an item id names one item in every domain or one per domain
     * @param withTimes whether every row has a timestamp
     * @param charset how id bytes decode to raw id strings
     */
    RatingRows(DelimitedLoader.ItemIds itemIds, boolean withTimes, Charset charset) {
        this.itemIds = itemIds;
        this.charset = charset;
        this.times = withTimes ? new long[4096] : null;
    }

    /** The index of domain {@code name}, adding it if new. */
    int domain(String name) {
        return domainNames.add(name);
    }

    /** The number of rows so far. */
    int size() {
        return filled;
    }

    /** The user index of the raw id {@code buf[from .. to)}. */
    @Override
    public int user(byte[] buf, int from, int to) {
        return users.add(0, buf, from, to);
    }

    /** The item index of the raw id {@code buf[from .. to)} in {@code domain}. */
    @Override
    public int item(byte[] buf, int from, int to, int domain) {
        return items.add(itemTag(domain), buf, from, to);
    }

    private int itemTag(int domain) {
        return itemIds == DelimitedLoader.ItemIds.PER_DOMAIN ? domain : 0;
    }

    /**
     * Appends the rows of a chunk of a file of {@code domain}, read after the rows so far: its users and items are
     * indexed in the chunk's order of first appearance, as if its lines had been read here one by one.
     */
    void append(ChunkRows chunk, int domain) {
        int[] user = new int[chunk.users().size()];
        for (int k = 0; k < user.length; k++) {
            user[k] = users.add(0, chunk.users(), k);
        }
        int[] item = new int[chunk.items().size()];
        for (int k = 0; k < item.length; k++) {
            item[k] = items.add(itemTag(domain), chunk.items(), k);
        }
        for (int r = 0; r < chunk.size(); r++) {
            add(user[chunk.user(r)], item[chunk.item(r)], domain, chunk.rating(r), chunk.time(r));
        }
    }

    /** Appends one row (the time is ignored without timestamps). */
    @Override
    public void add(int user, int item, int domain, double rating, long time) {
        if (filled == ratings.length) {
            int n = filled * 2;
            userColumn = Arrays.copyOf(userColumn, n);
            itemColumn = Arrays.copyOf(itemColumn, n);
            domainColumn = Arrays.copyOf(domainColumn, n);
            ratings = Arrays.copyOf(ratings, n);
            if (times != null) {
                times = Arrays.copyOf(times, n);
            }
        }
        userColumn[filled] = user;
        itemColumn[filled] = item;
        domainColumn[filled] = domain;
        ratings[filled] = rating;
        if (times != null) {
            times[filled] = time;
        }
        filled++;
    }

    /**
     * The data set of the rows read (at least one), with its report.
     *
     * @param report the report so far (drops and warnings of the loader)
     * @param badLines the malformed lines that were skipped
     * @return the data set
     */
    Dataset finish(LoadReport.Builder report, BadLines badLines) {
        IdMap userIds = IdMap.of(rawIds(users, false));
        IdMap itemIdMap = IdMap.of(rawIds(items, itemIds == DelimitedLoader.ItemIds.PER_DOMAIN));
        // Trim the columns in place of keeping both the grown and the trimmed copies (they are large at scale).
        int[] u = shrink(userColumn);
        userColumn = null;
        int[] i = shrink(itemColumn);
        itemColumn = null;
        int[] d = shrink(domainColumn);
        domainColumn = null;
        double[] r = ratings.length == filled ? ratings : Arrays.copyOf(ratings, filled);
        ratings = null;
        long[] t = times == null || times.length == filled ? times : Arrays.copyOf(times, filled);
        times = null;
        Interactions interactions = Interactions.of(userIds, itemIdMap, new Domains(domainNames.build().rawIds()),
                u, i, r, d, t);
        report.rawCounts(userIds.size(), itemIdMap.size(), filled);
        badLines.report(report);
        String duplicates = DuplicatePairs.warning(interactions, "the rating data");
        if (duplicates != null) {
            report.warn(duplicates);
        }
        int multiDomain = itemsInSeveralDomains(interactions);
        if (multiDomain > 0) {
            report.warn(multiDomain + " items appear in more than one domain");
        }
        return new Dataset(interactions, SideFeatures.none(userIds.size()), SideFeatures.none(itemIdMap.size()),
                report.build(interactions));
    }

    private int[] shrink(int[] column) {
        return column.length == filled ? column : Arrays.copyOf(column, filled);
    }

    /** The raw ids in index order; per-domain ids get their domain's name in front ("music/17"). */
    private List<String> rawIds(ByteIdTable table, boolean perDomain) {
        List<String> out = new ArrayList<>(table.size());
        for (int k = 0; k < table.size(); k++) {
            String text = table.text(k, charset);
            out.add(perDomain ? domainNames.rawIdOf(table.tag(k)) + "/" + text : text);
        }
        return out;
    }

    private static int itemsInSeveralDomains(Interactions x) {
        int[] firstDomain = new int[x.itemCount()];
        Arrays.fill(firstDomain, -1);
        boolean[] several = new boolean[x.itemCount()];
        int count = 0;
        for (int r = 0; r < x.size(); r++) {
            int i = x.item(r);
            if (firstDomain[i] < 0) {
                firstDomain[i] = x.domain(r);
            } else if (firstDomain[i] != x.domain(r) && !several[i]) {
                several[i] = true;
                count++;
            }
        }
        return count;
    }
}
