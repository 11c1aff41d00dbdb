package org.metarec.core.data.io;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How {@link DelimitedLoader} reads a delimited rating file: the delimiter, where the column names come from,
 * which columns hold the user, item, rating and (optionally) timestamp and domain, and the charset.
 *
 * <p>Fields are split at every occurrence of the delimiter; quoting is not supported, so fields must not
 * contain the delimiter.
 *
 * @param delimiter the field separator, e.g. "," or "\t" or "::" (ASCII)
 * @param header true if the first line names the columns; false to use {@code columnNames} instead
 * @param columnNames the column names of a file without a header (empty when {@code header} is true)
 * @param userColumn the column holding user IDs
 * @param itemColumn the column holding item IDs
 * @param ratingColumn the column holding ratings (finite numbers)
 * @param timestampColumn the column holding integer timestamps, or null
 * @param domainColumn the column naming each row's domain, or null (one domain, or one file per domain)
 * @param charset the file encoding; must be ASCII-compatible (UTF-8, ISO-8859-1, US-ASCII, ...)
 */
public record DelimitedFormat(String delimiter, boolean header, List<String> columnNames, String userColumn,
        String itemColumn, String ratingColumn, String timestampColumn, String domainColumn, Charset charset) {

    /**
     * Validates the format.
     *
     * @throws IllegalArgumentException naming the first invalid setting
     */
    public DelimitedFormat {
        if (delimiter == null || delimiter.isEmpty() || !delimiter.chars().allMatch(c -> c > 0 && c < 128)
                || delimiter.contains("\n") || delimiter.contains("\r")) {
            throw new IllegalArgumentException("delimited format delimiter: expected a non-empty ASCII separator "
                    + "without line breaks, found '" + delimiter + "'");
        }
        if (charset == null || !Arrays.equals("\n,;|:\t".getBytes(charset), "\n,;|:\t".getBytes(StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("delimited format charset: expected an ASCII-compatible charset, found "
                    + charset);
        }
        columnNames = columnNames == null ? List.of() : List.copyOf(columnNames);
        if (header && !columnNames.isEmpty()) {
            throw new IllegalArgumentException("delimited format columnNames: expected none when the file has a header, "
                    + "found " + columnNames);
        }
        if (!header && columnNames.isEmpty()) {
            throw new IllegalArgumentException("delimited format columnNames: expected the column names of a file "
                    + "without a header, found none");
        }
        requireName("userColumn", userColumn);
        requireName("itemColumn", itemColumn);
        requireName("ratingColumn", ratingColumn);
        List<String> mapped = new ArrayList<>(List.of(userColumn, itemColumn, ratingColumn));
        if (timestampColumn != null) {
            mapped.add(timestampColumn);
        }
        if (domainColumn != null) {
            mapped.add(domainColumn);
        }
        for (int i = 0; i < mapped.size(); i++) {
            if (mapped.indexOf(mapped.get(i)) != i) {
                throw new IllegalArgumentException("delimited format: expected distinct columns for user, item, rating, "
                        + "timestamp and domain, found '" + mapped.get(i) + "' twice");
            }
            if (!header && !columnNames.contains(mapped.get(i))) {
                throw new IllegalArgumentException("delimited format: expected column '" + mapped.get(i)
                        + "' among columnNames " + columnNames + ", found no such column");
            }
        }
    }

    private static void requireName(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("delimited format " + key + ": expected a column name, found '" + value
                    + "'");
        }
    }

    /**
     * A comma-separated UTF-8 file with a header naming the user, item and rating columns.
     *
     * @param userColumn the user column
     * @param itemColumn the item column
     * @param ratingColumn the rating column
     * @return the format
     */
    public static DelimitedFormat csv(String userColumn, String itemColumn, String ratingColumn) {
        return new DelimitedFormat(",", true, List.of(), userColumn, itemColumn, ratingColumn, null, null,
                StandardCharsets.UTF_8);
    }

    /**
     * The ratings-only files of the Amazon review data (McAuley et al.) used in cross-domain papers: no header,
     * comma-separated {@code user,item,rating,timestamp}.
     *
     * @return the format
     */
    public static DelimitedFormat amazonRatings() {
        return new DelimitedFormat(",", false, List.of("user", "item", "rating", "timestamp"), "user", "item",
                "rating", "timestamp", null, StandardCharsets.UTF_8);
    }

    /**
     * This format with another delimiter.
     *
     * @param value the delimiter
     * @return a new format
     */
    public DelimitedFormat withDelimiter(String value) {
        return new DelimitedFormat(value, header, columnNames, userColumn, itemColumn, ratingColumn, timestampColumn,
                domainColumn, charset);
    }

    /**
     * This format with a timestamp column.
     *
     * @param value the column name, or null for none
     * @return a new format
     */
    public DelimitedFormat withTimestampColumn(String value) {
        return new DelimitedFormat(delimiter, header, columnNames, userColumn, itemColumn, ratingColumn, value,
                domainColumn, charset);
    }

    /**
     * This format with a domain column.
     *
     * @param value the column name, or null for none
     * @return a new format
     */
    public DelimitedFormat withDomainColumn(String value) {
        return new DelimitedFormat(delimiter, header, columnNames, userColumn, itemColumn, ratingColumn,
                timestampColumn, value, charset);
    }

    /**
     * This format with another charset.
     *
     * @param value the charset
     * @return a new format
     */
    public DelimitedFormat withCharset(Charset value) {
        return new DelimitedFormat(delimiter, header, columnNames, userColumn, itemColumn, ratingColumn,
                timestampColumn, domainColumn, value);
    }

    /** "tab-separated" or "','-separated", for messages. */
    String separatedBy() {
        return delimiter.equals("\t") ? "tab-separated" : "'" + delimiter + "'-separated";
    }
}
