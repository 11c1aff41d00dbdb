package org.metarec.core.data.io;

import java.io.IOException;
import org.metarec.core.data.IdMap;
import org.metarec.core.data.Interactions;
import org.metarec.core.data.LoadReport;

/**
 * The ratings file of a MovieLens release (u.data in 100K, ratings.dat in 1M): one rating per line, as
 * user id, item id, rating 1..5 and a Unix timestamp. Both loaders read it here, so the checks and the
 * counts in the report are the same for both releases; only the separator and the words of the messages
 * differ ({@link Format}).
 */
final class MovieLensRatings {

    /**
     * How one release writes its ratings file and names things in its messages.
     *
     * @param separator the bytes between fields
     * @param fourFields what a line must hold, e.g. "4 tab-separated fields (user, item, rating, timestamp)"
     * @param itemId the item id in messages, e.g. "the item id"
     * @param listedUser what a user id must be, e.g. "a user id listed in u.user"
     * @param listedItem what an item id must be, e.g. "an item id listed in u.item"
     */
    record Format(byte[] separator, String fourFields, String itemId, String listedUser, String listedItem) {}

    private MovieLensRatings() {
    }

    /**
     * Reads every line of {@code in} into interactions between the users of {@code userTable} (ids
     * {@code userIds}) and the kept items; a malformed line goes to {@code badLines}. Adds to the report the
     * raw counts (users and items with a rating, rating lines) and the ratings of items that were not kept.
     */
    static Interactions read(LineReader in, Format format, Fields fields, BadLines badLines, LoadReport.Builder report,
                             IntIdTable userTable, IdMap userIds, MovieLensItems items) throws IOException {
        Interactions.Builder builder = Interactions.builder(items.domains, true);
        boolean[] userSeen = new boolean[userIds.size()];
        boolean[] itemSeen = new boolean[items.keptIndex.size()];
        int rawUsers = 0;
        int rawItems = 0;
        int lines = 0;
        int droppedRatings = 0;
        while (in.next()) {
            if (in.isBlank()) {
                continue;
            }
            try {
                if (fields.split(in, format.separator()) != 4) {
                    throw in.error("expected " + format.fourFields() + ", found " + fields.count());
                }
                int user = userTable.get(fields.parseInt(0, "the user id"));
                if (user < 0) {
                    throw fields.invalid(0, format.listedUser());
                }
                int position = items.table.get(fields.parseInt(1, format.itemId()));
                if (position < 0) {
                    throw fields.invalid(1, format.listedItem());
                }
                int rating = fields.parseInt(2, "the rating");
                if (rating < 1 || rating > 5) {
                    throw fields.invalid(2, "a rating 1..5");
                }
                long timestamp = fields.parseLong(3, "the timestamp");
                lines++;
                if (!userSeen[user]) {
                    userSeen[user] = true;
                    rawUsers++;
                }
                if (!itemSeen[position]) {
                    itemSeen[position] = true;
                    rawItems++;
                }
                int item = items.keptIndex.get(position);
                if (item < 0) {
                    droppedRatings++;
                } else {
                    builder.add(user, item, rating, items.domainOf.get(position), timestamp);
                }
            } catch (MalformedDataException e) {
                badLines.handle(e);
            }
        }
        if (lines == 0) {
            throw new MalformedDataException(in.fileName(), "expected at least one rating, found none");
        }
        report.rawCounts(rawUsers, rawItems, lines);
        report.drop("ratings of items with none of the genres " + items.domains.names(), droppedRatings);
        return builder.build(userIds, items.ids);
    }
}
