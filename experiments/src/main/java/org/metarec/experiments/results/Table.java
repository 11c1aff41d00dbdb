package org.metarec.experiments.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A small table rendered as Markdown (for .md files) or as aligned plain text (for the terminal). */
public final class Table {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with these column titles. */
    public Table(List<String> header) {
        this.header = List.copyOf(header);
    }

    /** Adds a row; it must have one cell per column. */
    public Table add(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, found " + cells.size());
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    /** GitHub-flavoured Markdown, one line per row. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        line(sb, header);
        sb.append('|').append("---|".repeat(header.size())).append('\n');
        for (List<String> row : rows) {
            line(sb, row);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String c : cells) {
            sb.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        sb.append('\n');
    }

    /** Columns padded to equal width, separated by two spaces. */
    public String text() {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> row : rows) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        pad(sb, header, width);
        for (List<String> row : rows) {
            pad(sb, row, width);
        }
        return sb.toString();
    }

    private static void pad(StringBuilder sb, List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(i > 0 ? "  " : "").append(cells.get(i)).append(" ".repeat(width[i] - cells.get(i).length()));
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }

    /** A value with 4 significant digits, e.g. {@code 0.1235}, {@code 12.35}, {@code 1.235e+05}. */
    public static String number(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** A p-value: 4 decimals, or scientific notation below 0.0001; a dash when absent. */
    public static String pValue(Double p) {
        if (p == null) {
            return "-";
        }
        return p != 0 && p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    /** {@code [low, high]} with {@link #number}. */
    public static String interval(double low, double high) {
        return "[" + number(low) + ", " + number(high) + "]";
    }
}
