package org.metarec.core.data.io;

import java.nio.charset.StandardCharsets;

/**
 * Reads the lines of one Amazon rating file (one domain) in one layout into a {@link RowSink}: a JSON review
 * ({@code reviewerID}, {@code asin}, {@code overall}, {@code unixReviewTime}; the whole line checked as JSON) or a
 * CSV line ({@code user,item,rating,timestamp} or item first). One instance per thread: it keeps the state of the
 * line being read.
 */
final class AmazonLines {

    private static final byte[] COMMA = {','};
    private static final int USER = 0;
    private static final int ITEM = 1;
    private static final int RATING = 2;
    private static final int TIME = 3;
    private static final String[] JSON_KEYS = {"reviewerID", "asin", "overall", "unixReviewTime"};

    private final AmazonLoader.Format format;
    private final RowSink rows;
    private final int domain;
    private final Fields fields = new Fields();
    private final JsonLine json = new JsonLine(JSON_KEYS);

    AmazonLines(AmazonLoader.Format format, RowSink rows, int domain) {
        this.format = format;
        this.rows = rows;
        this.domain = domain;
    }

    /**
     * Reads the current (non-blank) line of {@code in} into the rows.
     *
     * @throws MalformedDataException naming file and line if the line is malformed (then nothing is added)
     */
    void read(LineReader in) {
        if (format == AmazonLoader.Format.JSON) {
            readJson(in);
        } else {
            readCsv(in, format == AmazonLoader.Format.CSV_ITEM_FIRST);
        }
    }

    private void readCsv(LineReader in, boolean itemFirst) {
        int n = fields.split(in, COMMA);
        if (n != 4) {
            throw in.error("expected 4 ','-separated fields (" + (itemFirst ? "item,user" : "user,item")
                    + ",rating,timestamp), found " + n);
        }
        int user = itemFirst ? 1 : 0;
        int item = itemFirst ? 0 : 1;
        fields.trim(user);
        if (fields.isEmpty(user)) {
            throw fields.invalid(user, "a user id");
        }
        fields.trim(item);
        if (fields.isEmpty(item)) {
            throw fields.invalid(item, "an item id");
        }
        double rating = fields.parseDouble(2, "the rating");
        if (!inRange(rating)) {
            throw ratingError(in, fields.text(2).trim());
        }
        long time = fields.parseLong(3, "the timestamp");
        byte[] buf = in.buffer();
        int u = rows.user(buf, fields.start(user), fields.end(user));
        rows.add(u, rows.item(buf, fields.start(item), fields.end(item), domain), domain, rating, time);
    }

    private void readJson(LineReader in) {
        json.parse(in);
        for (int k = 0; k < JSON_KEYS.length; k++) {
            if (!json.has(k)) {
                throw in.error("expected the field \"" + JSON_KEYS[k] + "\" (a review has reviewerID, asin, overall "
                        + "and unixReviewTime), found none");
            }
            boolean wantString = k == USER || k == ITEM;
            if (json.isString(k) != wantString) {
                throw in.error("expected \"" + JSON_KEYS[k] + "\" as " + (wantString ? "a string" : "a number")
                        + ", found " + Fields.shown(json.raw(k)));
            }
        }
        if (json.start(USER) == json.end(USER) || json.start(ITEM) == json.end(ITEM)) {
            throw in.error("expected non-empty \"reviewerID\" and \"asin\", found "
                    + Fields.shown(json.raw(USER) + ", " + json.raw(ITEM)));
        }
        fields.single(in, json.start(RATING), json.end(RATING));
        double rating = fields.parseDouble(0, "\"overall\"");
        if (!inRange(rating)) {
            throw ratingError(in, json.raw(RATING));
        }
        fields.single(in, json.start(TIME), json.end(TIME));
        long time = fields.parseLong(0, "\"unixReviewTime\"");
        // Ids are indexed only once the line is known to be good, so a skipped line leaves no user behind.
        int user = id(in, USER);
        rows.add(user, id(in, ITEM), domain, rating, time);
    }

    /** The index of the user or item id of the line, its escapes (rare) decoded first. */
    private int id(LineReader in, int key) {
        byte[] buf = in.buffer();
        int from = json.start(key);
        int to = json.end(key);
        if (json.isEscaped(key)) {
            buf = json.text(key).getBytes(StandardCharsets.UTF_8);
            from = 0;
            to = buf.length;
        }
        return key == USER ? rows.user(buf, from, to) : rows.item(buf, from, to, domain);
    }

    private static boolean inRange(double rating) {
        return rating >= AmazonLoader.MIN_RATING && rating <= AmazonLoader.MAX_RATING;
    }

    /** The message shows the value as written, built only for a bad line: on every line it cost a tenth of the load. */
    private static MalformedDataException ratingError(LineReader in, String shown) {
        return in.error("expected a rating in [1, 5], found " + Fields.shown(shown));
    }
}
