package org.metarec.core.data.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.LoadReport;

/**
 * Loads Amazon review ratings (McAuley lab: He and McAuley, WWW 2016; Ni, Li and McAuley, EMNLP 2019), one file per
 * domain, as the cross-domain papers EMCDR, TMCDR and PTUPCDR use them (PTUPCDR, Zhu et al., WSDM 2022: Movies -> CDs,
 * Books -> Movies, Books -> CDs). Two layouts are read:
 * <ul>
 *   <li>{@link Format#JSON}: the review files ({@code reviews_Books_5.json}, {@code Books_5.json}; {@code .gz} is
 *       read as is), one JSON object per line, of which the fields {@code reviewerID} (user), {@code asin} (item),
 *       {@code overall} (rating, a number) and {@code unixReviewTime} (seconds) are read and all others skipped;</li>
 *   <li>{@link Format#CSV}: the ratings-only files, no header, comma-separated {@code user,item,rating,timestamp};
 *       {@link Format#CSV_ITEM_FIRST}: the same with item and user swapped, as the 2018 release writes them.</li>
 * </ul>
 * Ratings must lie in [1, 5]. A user is one person in every domain (users are joined by their id string); item
 * ids are read per domain ({@link DelimitedLoader.ItemIds#PER_DOMAIN}), as PTUPCDR indexes each domain's items on
 * their own.
 */
public final class AmazonLoader {

    /** The layout of a file. */
    public enum Format {
        /** One JSON object per line (the review files). */
        JSON,
        /** {@code user,item,rating,timestamp}, no header. */
        CSV,
        /** {@code item,user,rating,timestamp}, no header (the 2018 ratings-only files). */
        CSV_ITEM_FIRST;

        /** The name in configs: {@code json}, {@code csv}, {@code csv_item_first}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The smallest Amazon star rating. */
    public static final double MIN_RATING = 1;
    /** The largest Amazon star rating. */
    public static final double MAX_RATING = 5;

    private static final byte[] COMMA = {','};
    private static final int USER = 0;
    private static final int ITEM = 1;
    private static final int RATING = 2;
    private static final int TIME = 3;
    private static final String[] JSON_KEYS = {"reviewerID", "asin", "overall", "unixReviewTime"};

    private final RatingRows rows = new RatingRows(DelimitedLoader.ItemIds.PER_DOMAIN, true, StandardCharsets.UTF_8);
    private final BadLines badLines;
    private final Fields fields = new Fields();
    private final JsonLine json = new JsonLine(JSON_KEYS);

    private AmazonLoader(LoadOptions options) {
        this.badLines = new BadLines(options);
    }

    /**
     * Loads one file per domain.
     *
     * @param filesByDomain domain name to file, in domain order (use an ordered map)
     * @param format the layout of every file, or null to detect it per file (a first line starting with
     *     <code>{</code> is JSON, anything else {@link Format#CSV})
     * @param options bad-line options (there are no known checksums)
     * @return the data set and its report
     * @throws IOException if a file is missing or cannot be read
     * @throws MalformedDataException for a malformed line (unless bad lines are skipped), naming file and line
     */
    public static Dataset load(Map<String, Path> filesByDomain, Format format, LoadOptions options) throws IOException {
        if (filesByDomain.isEmpty()) {
            throw new IllegalArgumentException("Amazon ratings: expected at least one domain file, found none");
        }
        AmazonLoader loader = new AmazonLoader(options);
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Path> e : filesByDomain.entrySet()) {
            Format used = loader.read(e.getValue(), loader.rows.domain(e.getKey()), format);
            parts.add(e.getKey() + "=" + e.getValue() + " (" + used.configName() + ")");
        }
        return loader.rows.finish(LoadReport.builder("Amazon ratings " + String.join(", ", parts)), loader.badLines);
    }

    private Format read(Path file, int domain, Format format) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "expected an Amazon rating file (JSON lines or CSV), "
                    + "found no such file");
        }
        int before = rows.size();
        Format used = format;
        try (LineReader in = LineReader.open(file, file.getFileName().toString(), false)) {
            while (in.next()) {
                if (in.isBlank()) {
                    continue;
                }
                if (used == null) {
                    used = detect(in);
                }
                try {
                    if (used == Format.JSON) {
                        readJson(in, domain);
                    } else {
                        readCsv(in, domain, used == Format.CSV_ITEM_FIRST);
                    }
                } catch (MalformedDataException e) {
                    badLines.handle(e);
                }
            }
        }
        if (rows.size() == before) {
            throw new MalformedDataException(file.toString(), "expected at least one rating, found none");
        }
        return used;
    }

    private static Format detect(LineReader in) {
        byte[] buf = in.buffer();
        for (int i = in.start(); i < in.end(); i++) {
            if (buf[i] != ' ' && buf[i] != '\t') {
                return buf[i] == '{' ? Format.JSON : Format.CSV;
            }
        }
        return Format.CSV;
    }

    private void readCsv(LineReader in, int domain, boolean itemFirst) {
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

    private void readJson(LineReader in, int domain) {
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
        byte[] buf = in.buffer();
        int user = json.isEscaped(USER) ? rows.user(json.text(USER)) : rows.user(buf, json.start(USER), json.end(USER));
        int item = json.isEscaped(ITEM) ? rows.item(json.text(ITEM), domain)
                : rows.item(buf, json.start(ITEM), json.end(ITEM), domain);
        rows.add(user, item, domain, rating, time);
    }

    private static boolean inRange(double rating) {
        return rating >= MIN_RATING && rating <= MAX_RATING;
    }

    /** The message shows the value as written, built only for a bad line: on every line it cost a tenth of the load. */
    private static MalformedDataException ratingError(LineReader in, String shown) {
        return in.error("expected a rating in [1, 5], found " + Fields.shown(shown));
    }
}
