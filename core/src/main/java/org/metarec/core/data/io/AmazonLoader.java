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
 *
 * <p>With {@link LoadOptions#threads()} above 1, an uncompressed file is read in that many chunks at once, split at
 * line starts (gzipped files are read by one thread). The data set, its report and any error are those of one
 * thread reading the file from start to end: users and items are indexed in order of first appearance in the file,
 * the first malformed line of the file is the one reported, and skipped lines are counted per file.
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

    /** The smallest chunk worth a thread of its own: below it, starting the thread costs more than it saves. */
    static final long MIN_CHUNK_BYTES = 1 << 20;

    private final RatingRows rows = new RatingRows(DelimitedLoader.ItemIds.PER_DOMAIN, true, StandardCharsets.UTF_8);
    private final LoadOptions options;
    private final BadLines badLines;
    private final long minChunkBytes;

    private AmazonLoader(LoadOptions options, long minChunkBytes) {
        this.options = options;
        this.badLines = new BadLines(options);
        this.minChunkBytes = minChunkBytes;
    }

    /**
     * Loads one file per domain.
     *
     * @param filesByDomain domain name to file, in domain order (use an ordered map)
     * @param format the layout of every file, or null to detect it per file (a first line starting with
     *     <code>{</code> is JSON, anything else {@link Format#CSV})
     * @param options bad-line options (there are no known checksums) and the threads that read a file
     * @return the data set and its report
     * @throws IOException if a file is missing or cannot be read
     * @throws MalformedDataException for a malformed line (unless bad lines are skipped), naming file and line
     */
    public static Dataset load(Map<String, Path> filesByDomain, Format format, LoadOptions options) throws IOException {
        return load(filesByDomain, format, options, MIN_CHUNK_BYTES);
    }

    /** {@link #load(Map, Format, LoadOptions)} with chunks of at least {@code minChunkBytes} (tests split small files). */
    static Dataset load(Map<String, Path> filesByDomain, Format format, LoadOptions options, long minChunkBytes)
            throws IOException {
        if (filesByDomain.isEmpty()) {
            throw new IllegalArgumentException("Amazon ratings: expected at least one domain file, found none");
        }
        AmazonLoader loader = new AmazonLoader(options, minChunkBytes);
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
        String name = file.getFileName().toString();
        Format used = format != null ? format : detect(file, name);
        if (used == null) {
            throw noRatings(file);
        }
        int before = rows.size();
        boolean gzipped = LineReader.gzipped(file);
        long[] bounds = gzipped ? null : FileChunks.split(file, options.threads(), minChunkBytes);
        int chunks = gzipped ? 1 : bounds.length - 1;
        List<Chunk> read = FileChunks.run(chunks, (k, failures) -> {
            try (LineReader in = gzipped ? LineReader.open(file, name, false)
                    : LineReader.openRange(file, name, bounds[k], bounds[k + 1])) {
                return readChunk(in, k, used, domain, failures);
            }
        });
        // Chunk 0 went straight into the rows; the others follow in file order, their lines numbered on from it.
        long linesBefore = read.get(0).lines;
        for (int k = 1; k < chunks; k++) {
            Chunk c = read.get(k);
            if (c.fatal != null) {
                throw c.fatal.shifted(linesBefore);
            }
            badLines.addChunk(c.badLines, linesBefore);
            rows.append(c.rows, domain);
            linesBefore += c.lines;
        }
        if (rows.size() == before) {
            throw noRatings(file);
        }
        return used;
    }

    /** What one chunk of a file gave: its rows and bad lines (chunk 0: none, it wrote to the load's own). */
    private record Chunk(ChunkRows rows, BadLines badLines, long lines, MalformedDataException fatal) {
    }

    /**
     * Reads the lines of one chunk: chunk 0 into the load's rows and bad lines (a bad line then stops the load at
     * once unless skipped, as a single reader would), any other into rows and bad lines of its own, which
     * {@link #read} merges; a bad line that stops the load there is returned as {@link Chunk#fatal}, to be
     * reported only if no chunk before it fails.
     */
    private Chunk readChunk(LineReader in, int k, Format format, int domain, FileChunks.Failures failures)
            throws IOException {
        ChunkRows own = k == 0 ? null : new ChunkRows();
        BadLines bad = k == 0 ? badLines : new BadLines(options);
        AmazonLines lines = new AmazonLines(format, k == 0 ? rows : own, domain);
        try {
            while (in.next()) {
                if ((in.lineNumber() & 0xFFF) == 0 && failures.before(k)) {
                    return new Chunk(own, bad, in.lineNumber(), null); // never merged: an earlier chunk failed
                }
                if (in.isBlank()) {
                    continue;
                }
                try {
                    lines.read(in);
                } catch (MalformedDataException e) {
                    bad.handle(e);
                }
            }
        } catch (MalformedDataException e) {
            if (k == 0) {
                throw e;
            }
            failures.failed(k);
            return new Chunk(own, bad, in.lineNumber(), e);
        }
        return new Chunk(own, bad, in.lineNumber(), null);
    }

    /** The layout of the first non-blank line, or null if every line is blank. */
    private static Format detect(Path file, String name) throws IOException {
        try (LineReader in = LineReader.open(file, name, false)) {
            while (in.next()) {
                byte[] buf = in.buffer();
                for (int i = in.start(); i < in.end(); i++) {
                    if (buf[i] != ' ' && buf[i] != '\t') {
                        return buf[i] == '{' ? Format.JSON : Format.CSV;
                    }
                }
            }
        }
        return null;
    }

    private static MalformedDataException noRatings(Path file) {
        return new MalformedDataException(file.toString(), "expected at least one rating, found none");
    }
}
