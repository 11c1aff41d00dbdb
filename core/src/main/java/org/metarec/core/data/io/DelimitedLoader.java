package org.metarec.core.data.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.LoadReport;

/**
 * Loads ratings from generic delimited files described by a {@link DelimitedFormat}: one file whose domain
 * column names each row's domain (or a single domain named after the file), or one file per domain (e.g. the
 * per-category Amazon rating files of cross-domain papers). Users and items get dense indices in order of
 * first appearance over all files, so the same raw user ID in two domain files is the same user.
 *
 * <p>These data sets have no side features ({@link org.metarec.core.data.SideFeatures#none(int)}). The report warns about repeated
 * (user, item) pairs and about items that appear in more than one domain.
 */
public final class DelimitedLoader {

    /** Whether the same raw item id in two domains is one item ({@code SHARED}) or two ({@code PER_DOMAIN}). */
    public enum ItemIds {
        /** One item, wherever it appears (e.g. a product sold in two categories). */
        SHARED,
        /** One item per domain: the id space of each domain is its own (e.g. Douban's book 17 and music 17). */
        PER_DOMAIN
    }

    private final DelimitedFormat format;
    private final BadLines badLines;
    private final LoadReport.Builder report;
    private final byte[] delimiter;
    private final Fields fields = new Fields();
    private final RatingRows rows;
    private final Map<String, String> checksums;
    private Map<String, String> itemDomains;   // raw item id -> domain name, or null (see loadWithItemDomains)
    private long withoutDomain;

    private DelimitedLoader(DelimitedFormat format, LoadOptions options, String source) {
        this(format, options, source, ItemIds.SHARED, Map.of());
    }

    private DelimitedLoader(DelimitedFormat format, LoadOptions options, String source, ItemIds itemIds,
                            Map<String, String> checksums) {
        this.checksums = options.verifyChecksums() ? checksums : Map.of();
        this.format = format;
        this.badLines = new BadLines(options);
        this.report = LoadReport.builder(source);
        this.delimiter = format.delimiter().getBytes(StandardCharsets.US_ASCII);
        this.rows = new RatingRows(itemIds, format.timestampColumn() != null, format.charset());
    }

    /**
     * Loads one file. Domains are the distinct values of the format's domain column (in order of first
     * appearance) or, without one, a single domain named after the file (its name without extension).
     *
     * @param file the rating file
     * @param format how to read it
     * @param options bad-line options
     * @return the data set and its report
     * @throws IOException if the file is missing or cannot be read
     * @throws MalformedDataException for a malformed line or header (unless bad lines are skipped)
     */
    public static Dataset load(Path file, DelimitedFormat format, LoadOptions options) throws IOException {
        DelimitedLoader loader = new DelimitedLoader(format, options, "delimited file " + file);
        int fixedDomain = -1;
        if (format.domainColumn() == null) {
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            fixedDomain = loader.rows.domain(dot > 0 ? name.substring(0, dot) : name);
        }
        loader.read(file, fixedDomain);
        return loader.rows.finish(loader.report, loader.badLines);
    }

    /**
     * Loads one file per domain; the map's keys name the domains, in its iteration order.
     *
     * @param filesByDomain domain name to file (use an ordered map, e.g. LinkedHashMap)
     * @param format how to read every file; it must not have a domain column
     * @param options bad-line options
     * @return the data set and its report
     * @throws IOException if a file is missing or cannot be read
     * @throws MalformedDataException for a malformed line or header (unless bad lines are skipped)
     */
    public static Dataset loadPerDomain(Map<String, Path> filesByDomain, DelimitedFormat format, LoadOptions options)
            throws IOException {
        return loadPerDomain(filesByDomain, format, options, ItemIds.SHARED);
    }

    /**
     * Loads one file per domain, as {@link #loadPerDomain(Map, DelimitedFormat, LoadOptions)}, with item ids
     * shared between the domains or read per domain.
     *
     * @param filesByDomain domain name to file (use an ordered map, e.g. LinkedHashMap)
     * @param format how to read every file; it must not have a domain column
     * @param options bad-line options
     * @param itemIds whether an item id names the same item in every domain
     * @return the data set and its report
     * @throws IOException if a file is missing or cannot be read
     * @throws MalformedDataException for a malformed line or header (unless bad lines are skipped)
     */
    public static Dataset loadPerDomain(Map<String, Path> filesByDomain, DelimitedFormat format, LoadOptions options,
                                        ItemIds itemIds) throws IOException {
        return loadPerDomain(filesByDomain, format, options, itemIds, Map.of(), null);
    }

    /**
     * The same, comparing each file's SHA-256 with {@code checksums} (file name to hash) when options ask for it,
     * and naming the data {@code source} in the load report (null: the files).
     */
    static Dataset loadPerDomain(Map<String, Path> filesByDomain, DelimitedFormat format, LoadOptions options,
                                 ItemIds itemIds, Map<String, String> checksums, String source) throws IOException {
        if (format.domainColumn() != null) {
            throw new IllegalArgumentException("delimited format: expected no domain column when each file is a domain, "
                    + "found '" + format.domainColumn() + "'");
        }
        if (filesByDomain.isEmpty()) {
            throw new IllegalArgumentException("delimited files per domain: expected at least one file, found none");
        }
        List<String> parts = new ArrayList<>();
        filesByDomain.forEach((domain, file) -> parts.add(domain + "=" + file));
        DelimitedLoader loader = new DelimitedLoader(format, options,
                source != null ? source : "delimited files " + String.join(", ", parts), itemIds, checksums);
        for (Map.Entry<String, Path> e : filesByDomain.entrySet()) {
            loader.read(e.getValue(), loader.rows.domain(e.getKey()));
        }
        return loader.rows.finish(loader.report, loader.badLines);
    }

    /**
     * Loads one file whose items each belong to the domain {@code itemDomains} names; rows of items it does not
     * name are left out and counted in the report ("items without a domain").
     */
    static Dataset loadWithItemDomains(Path file, DelimitedFormat format, LoadOptions options,
                                       Map<String, String> itemDomains, String source) throws IOException {
        DelimitedLoader loader = new DelimitedLoader(format, options, source);
        loader.itemDomains = itemDomains;
        loader.read(file, -1);
        if (loader.withoutDomain > 0) {
            loader.report.drop("ratings of items without a domain", loader.withoutDomain);
        }
        return loader.rows.finish(loader.report, loader.badLines);
    }

    private void read(Path file, int fixedDomain) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "expected a delimited rating file, found none");
        }
        String name = file.getFileName().toString();
        int before = rows.size();
        try (LineReader in = LineReader.open(file, name, !checksums.isEmpty())) {
            Columns columns = format.header() ? null : Columns.of(format, format.columnNames(), null);
            while (in.next()) {
                if (in.isBlank()) {
                    continue;
                }
                if (columns == null) {
                    int n = fields.split(in, delimiter);
                    List<String> header = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        header.add(fields.text(i, format.charset()).trim());
                    }
                    columns = Columns.of(format, header, in);
                    continue;
                }
                try {
                    readRow(in, columns, fixedDomain);
                } catch (MalformedDataException e) {
                    badLines.handle(e);
                }
            }
            if (!checksums.isEmpty()) {
                MovieLensFiles.verify(in, checksums, report);
            }
        }
        if (rows.size() == before) {
            throw new MalformedDataException("delimited file " + file, "expected at least one rating, found none");
        }
    }

    private void readRow(LineReader in, Columns c, int fixedDomain) {
        int n = fields.split(in, delimiter);
        if (n != c.names.size()) {
            throw in.error("expected " + c.names.size() + " " + format.separatedBy() + " fields (" + String.join(", ",
                    c.names) + "), found " + n);
        }
        // Ids are looked up by their (trimmed) bytes: no String per field on the common path.
        fields.trim(c.user);
        if (fields.isEmpty(c.user)) {
            throw fields.invalid(c.user, "a user id");
        }
        fields.trim(c.item);
        if (fields.isEmpty(c.item)) {
            throw fields.invalid(c.item, "an item id");
        }
        double rating = fields.parseDouble(c.rating, "the rating");
        long time = c.timestamp < 0 ? 0 : fields.parseLong(c.timestamp, "the timestamp");
        int domain = fixedDomain;
        if (itemDomains != null) {
            String d = itemDomains.get(fields.text(c.item, format.charset()));
            if (d == null) {
                withoutDomain++;
                return;
            }
            domain = rows.domain(d);
        }
        if (c.domain >= 0) {
            String d = fields.text(c.domain, format.charset()).trim();
            if (d.isEmpty()) {
                throw fields.invalid(c.domain, "a domain name");
            }
            domain = rows.domain(d);
        }
        byte[] buf = in.buffer();
        int user = rows.user(buf, fields.start(c.user), fields.end(c.user));
        rows.add(user, rows.item(buf, fields.start(c.item), fields.end(c.item), domain), domain, rating, time);
    }

    /** Positions of the mapped columns within a header. */
    private static final class Columns {
        final List<String> names;
        final int user;
        final int item;
        final int rating;
        final int timestamp;
        final int domain;

        private Columns(List<String> names, int user, int item, int rating, int timestamp, int domain) {
            this.names = names;
            this.user = user;
            this.item = item;
            this.rating = rating;
            this.timestamp = timestamp;
            this.domain = domain;
        }

        /** Locates the format's columns in {@code names}; {@code headerLine} is null for configured names. */
        static Columns of(DelimitedFormat f, List<String> names, LineReader headerLine) {
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                index.putIfAbsent(names.get(i), i);
            }
            int[] positions = new int[5];
            String[] wanted = {f.userColumn(), f.itemColumn(), f.ratingColumn(), f.timestampColumn(), f.domainColumn()};
            for (int k = 0; k < wanted.length; k++) {
                positions[k] = -1;
                if (wanted[k] != null) {
                    Integer p = index.get(wanted[k]);
                    if (p == null) {
                        throw headerLine.error("expected a header with the column '" + wanted[k] + "', found columns "
                                + names);
                    }
                    positions[k] = p;
                }
            }
            return new Columns(List.copyOf(names), positions[0], positions[1], positions[2], positions[3],
                    positions[4]);
        }
    }
}
