package org.metarec.core.data.io;

import java.io.BufferedReader;
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
 * Efficient Framework for Recommendation Algorithms", CIKM 2021; the format is described in RecBole's documentation
 * under "Atomic Files"): a folder named after the data set holding {@code <name>.inter} (interactions) and,
 * optionally, {@code <name>.item} and {@code <name>.user}. Each file is tab-separated; its first line names the
 * fields as {@code name:type}, with type {@code token} (an id), {@code token_seq} (ids separated by spaces),
 * {@code float} or {@code float_seq}.
 *
 * <p>The interactions need a user and an item field of type {@code token} and a rating of type {@code float};
 * a timestamp ({@code float}) is read when named. Domains: without a domain field everything is one domain named
 * after the data set; with one, each item's domain is the value of that field of {@code <name>.item} (its first
 * token for a {@code token_seq}, such as a list of categories), and interactions of items the {@code .item} file
 * gives no value are left out and counted.
 */
public final class RecBoleLoader {

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
        Map<String, String> header = header(inter);
        String user = column(inter, header, fields.user(), "token");
        String item = column(inter, header, fields.item(), "token");
        String rating = column(inter, header, fields.rating(), "float");
        String time = fields.timestamp() == null ? null : column(inter, header, fields.timestamp(), "float");
        DelimitedFormat format = new DelimitedFormat("\t", true, List.of(), user, item, rating, time, null,
                StandardCharsets.UTF_8);
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

    /** Field name to type, in file order, from the first line. */
    private static Map<String, String> header(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            if (line == null || line.isBlank()) {
                throw new MalformedDataException(file.getFileName().toString(), 1,
                        "expected a header of name:type fields, found an empty file");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (String f : line.split("\t", -1)) {
                String field = f.trim();
                int colon = field.lastIndexOf(':');
                String type = colon < 0 ? "" : field.substring(colon + 1);
                if (colon <= 0 || !TYPES.contains(type)) {
                    throw new MalformedDataException(file.getFileName().toString(), 1, "expected header fields name:type "
                            + "with a type of " + TYPES + ", found '" + field + "'");
                }
                fields.put(field.substring(0, colon), field);
            }
            return fields;
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
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.readLine();
            String line;
            long number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split("\t", -1);
                if (parts.length != names.size()) {
                    throw new MalformedDataException(file.getFileName().toString(), number, "expected " + names.size()
                            + " tab-separated fields (" + String.join(", ", header.keySet()) + "), found " + parts.length);
                }
                String value = parts[domainAt].trim();
                int space = value.indexOf(' ');
                String first = space < 0 ? value : value.substring(0, space);
                if (!first.isEmpty()) {
                    out.put(parts[itemAt].trim(), first);
                }
            }
        }
        return out;
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
