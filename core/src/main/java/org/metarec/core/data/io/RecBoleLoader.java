package org.metarec.core.data.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.metarec.core.data.Dataset;

/**
 * Reads a data set in RecBole's atomic-file format (Zhao et al., "RecBole: Towards a Unified, Comprehensive and
 * Efficient Framework for Recommendation Algorithms", CIKM 2021), as RecBole's documentation describes it (pages
 * "Atomic Files" and "Args for Data", {@code docs/source/user_guide/data/atomic_files.rst} and {@code data_args.rst}
 * of RUCAIBox/RecBole):
 * <ul>
 *   <li>a data set is a folder named after it holding {@code <name>.inter} (user-item interactions) and, optionally,
 *       {@code <name>.user} and {@code <name>.item} (user and item features);</li>
 *   <li>each file is a table whose first line is the header and each further line one record; fields are separated
 *       by a tab ({@code field_separator}, default {@code "	"});</li>
 *   <li>each header entry is {@code feat_name:feat_type}, the type one of {@code token} (a single discrete feature,
 *       such as an id), {@code token_seq} (a sequence of them), {@code float} (a single continuous feature, such as a
 *       rating or a timestamp) and {@code float_seq} (a sequence of them); the values of a sequence are separated by
 *       a space ({@code seq_separator}, default {@code " "}).</li>
 * </ul>
 * Any field of any of the four types may be present; the loader reads a user and an item field of type
 * {@code token} and a rating of type {@code float} from {@code .inter}, a timestamp ({@code float}, written as an
 * integer) when named, and skips the others. The {@code .user} file is not read (the data sets get no side features).
 * Files are read as UTF-8 through {@link LineReader} (a byte order mark is skipped; {@code .gz} is decompressed).
 *
 * <p>Domains, three ways: without a domain field or domain files, everything is one domain named after the data
 * set; with a domain field, each item's domain is the value of that field of {@code <name>.item} (its first token
 * for a {@code token_seq}, such as a list of categories), and interactions of items the {@code .item} file gives no
 * value are left out and counted; with several {@code .inter} files ({@link #loadDomainFiles}), each file is a
 * domain named after it, users are joined by their id and items are read per domain, as RecBole-CDR pairs a source
 * and a target data set.
 */
public final class RecBoleLoader {

    private static final byte[] TAB = {'\t'};

    /** The field types of the format. */
    public static final List<String> TYPES = List.of("token", "token_seq", "float", "float_seq");

    /**
     * Which fields hold what.
     *
     * @param user the user field of {@code .inter} (type token)
     * @param item the item field of {@code .inter} and {@code .item} (type token)
     * @param rating the rating field of {@code .inter} (type float)
     * @param timestamp the timestamp field of {@code .inter} (type float), or null
     * @param domain the field of {@code .item} that names each item's domain (token or token_seq), or null for one
     *     domain
     */
    public record FieldNames(String user, String item, String rating, String timestamp, String domain) {
        /** RecBole's usual names: {@code user_id}, {@code item_id}, {@code rating}, no timestamp, one domain. */
        public static FieldNames defaults() {
            return new FieldNames("user_id", "item_id", "rating", null, null);
        }
    }

    private RecBoleLoader() {
    }

    /**
     * Loads the data set in folder {@code dir} (or the {@code .inter} file {@code dir} names).
     *
     * @param path the data set's folder, or its {@code .inter} file
     * @param fields which fields hold what
     * @param options bad-line options
     * @return the data set and its report
     * @throws IOException if a file is missing or cannot be read
     * @throws MalformedDataException for a malformed header or line, naming file and line
     */
    public static Dataset load(Path path, FieldNames fields, LoadOptions options) throws IOException {
        Path inter = interFile(path);
        String name = stem(inter);
        DelimitedFormat format = interFormat(inter, fields);
        if (fields.domain() == null) {
            return DelimitedLoader.load(inter, format, options);
        }
        Path itemFile = inter.resolveSibling(name + ".item");
        if (!Files.isRegularFile(itemFile)) {
            throw new NoSuchFileException(itemFile.toString(), null, "expected the item file that holds the domain field '"
                    + fields.domain() + "', found no such file");
        }
        return DelimitedLoader.loadWithItemDomains(inter, format, options, itemDomains(itemFile, fields),
                "RecBole data set " + name + " (" + inter.getParent() + ")");
    }

    /**
     * Loads several {@code .inter} files of the folder {@code dir} as one data set with a domain per file, named
     * after the file ({@code Books.inter} is the domain {@code Books}). Users are the same person in every file
     * (joined by id); item ids are read per domain. Every file must have the user, item and rating fields (and the
     * timestamp, when named), with the same types; their order and any other fields may differ.
     *
     * @param dir the folder
     * @param files the file names, in domain order (at least one, distinct)
     * @param fields which fields hold what; {@link FieldNames#domain()} must be null (the files are the domains)
     * @param options bad-line options
     * @return the data set and its report
     * @throws IOException if a file is missing or cannot be read
     * @throws MalformedDataException for a malformed header or line, naming file and line
     */
    public static Dataset loadDomainFiles(Path dir, List<String> files, FieldNames fields, LoadOptions options)
            throws IOException {
        if (fields.domain() != null) {
            throw new IllegalArgumentException("RecBole domain files: expected no domain field when each .inter file is a "
                    + "domain, found '" + fields.domain() + "'");
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("RecBole domain files: expected at least one .inter file, found none");
        }
        Map<String, Path> byDomain = new LinkedHashMap<>();
        DelimitedFormat format = null;
        for (String name : files) {
            Path inter = dir.resolve(name);
            if (!Files.isRegularFile(inter)) {
                throw new NoSuchFileException(inter.toString(), null, "expected a RecBole .inter file, found no such file");
            }
            DelimitedFormat f = interFormat(inter, fields);
            if (format != null && !f.equals(format)) {
                throw new MalformedDataException(inter.getFileName().toString(), 1, "expected the fields "
                        + List.of(format.userColumn(), format.itemColumn(), format.ratingColumn()) + " as in " + files.get(0)
                        + ", found " + List.of(f.userColumn(), f.itemColumn(), f.ratingColumn()));
            }
            format = f;
            if (byDomain.put(domainName(name), inter) != null) {
                throw new IllegalArgumentException("RecBole domain files: expected files with distinct names, found '"
                        + domainName(name) + "' twice");
            }
        }
        return DelimitedLoader.loadPerDomain(byDomain, format, options, DelimitedLoader.ItemIds.PER_DOMAIN, Map.of(),
                "RecBole domain files " + String.join(", ", files) + " (" + dir + ")");
    }

    /** The delimited format of an {@code .inter} file: its header's full names of the wanted fields. */
    private static DelimitedFormat interFormat(Path inter, FieldNames fields) throws IOException {
        Map<String, String> header = header(inter);
        String user = column(inter, header, fields.user(), "token");
        String item = column(inter, header, fields.item(), "token");
        String rating = column(inter, header, fields.rating(), "float");
        String time = fields.timestamp() == null ? null : column(inter, header, fields.timestamp(), "float");
        return new DelimitedFormat("\t", true, List.of(), user, item, rating, time, null, StandardCharsets.UTF_8);
    }

    private static Path interFile(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return path;
        }
        if (!Files.isDirectory(path)) {
            throw new NoSuchFileException(path.toString(), null, "expected a RecBole data set folder or .inter file, "
                    + "found no such file");
        }
        Path named = path.resolve(path.getFileName() + ".inter");
        if (Files.isRegularFile(named)) {
            return named;
        }
        List<Path> inters;
        try (Stream<Path> s = Files.list(path)) {
            inters = s.filter(p -> p.getFileName().toString().endsWith(".inter")).sorted().toList();
        }
        if (inters.size() != 1) {
            throw new NoSuchFileException(path.toString(), null, "expected " + named.getFileName()
                    + " (or exactly one .inter file), found " + (inters.isEmpty() ? "none" : inters.size() + ": " + inters));
        }
        return inters.get(0);
    }

    /** Field name to its full header entry ({@code name:type}), in file order, from the first line. */
    private static Map<String, String> header(Path file) throws IOException {
        try (LineReader in = LineReader.open(file, file.getFileName().toString(), false)) {
            if (!in.next() || in.isBlank()) {
                throw new MalformedDataException(file.getFileName().toString(), 1,
                        "expected a header of name:type fields, found an empty " + (in.lineNumber() == 0 ? "file" : "line"));
            }
            Fields fields = new Fields();
            int n = fields.split(in, TAB);
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String field = fields.text(i, StandardCharsets.UTF_8).trim();
                int colon = field.lastIndexOf(':');
                String type = colon < 0 ? "" : field.substring(colon + 1);
                if (colon <= 0 || !TYPES.contains(type)) {
                    throw in.error("expected header fields name:type with a type of " + TYPES + ", found '" + field + "'");
                }
                if (out.put(field.substring(0, colon), field) != null) {
                    throw in.error("expected distinct field names, found '" + field.substring(0, colon) + "' twice");
                }
            }
            return out;
        }
    }

    /** The full header name ({@code name:type}) of field {@code name}, which must have type {@code type}. */
    private static String column(Path file, Map<String, String> header, String name, String... types) {
        String full = header.get(name);
        if (full == null) {
            throw new MalformedDataException(file.getFileName().toString(), 1, "expected a field '" + name + "', found "
                    + "the fields " + header.keySet());
        }
        String type = full.substring(full.lastIndexOf(':') + 1);
        if (!List.of(types).contains(type)) {
            throw new MalformedDataException(file.getFileName().toString(), 1, "expected field '" + name + "' of type "
                    + String.join(" or ", types) + ", found " + type);
        }
        return full;
    }

    /** Raw item id to domain, from the domain field of the item file (the first token of a sequence). */
    private static Map<String, String> itemDomains(Path file, FieldNames fields) throws IOException {
        Map<String, String> header = header(file);
        String item = column(file, header, fields.item(), "token");
        String domain = column(file, header, fields.domain(), "token", "token_seq");
        List<String> names = List.copyOf(header.values());
        int itemAt = names.indexOf(item);
        int domainAt = names.indexOf(domain);
        Map<String, String> out = new HashMap<>();
        Fields f = new Fields();
        try (LineReader in = LineReader.open(file, file.getFileName().toString(), false)) {
            in.next(); // the header, read above
            while (in.next()) {
                if (in.isBlank()) {
                    continue;
                }
                int n = f.split(in, TAB);
                if (n != names.size()) {
                    // Always an error: skipping an item line would silently move its ratings out of every domain.
                    throw in.error("expected " + names.size() + " tab-separated fields ("
                            + String.join(", ", header.keySet()) + "), found " + n);
                }
                String value = f.text(domainAt, StandardCharsets.UTF_8).trim();
                int space = value.indexOf(' ');
                String first = space < 0 ? value : value.substring(0, space);
                if (!first.isEmpty()) {
                    out.put(f.text(itemAt, StandardCharsets.UTF_8).trim(), first);
                }
            }
        }
        return out;
    }

    /**
     * The domain an {@code .inter} file of {@link #loadDomainFiles} holds: its name without the folder and without
     * the last extension ({@code data/Books.inter} is {@code Books}).
     *
     * @param file a file name or path
     * @return the domain name
     */
    public static String domainName(String file) {
        return stem(Path.of(file));
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
