package org.metarec.experiments.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code train.csv}: the value columns and, per method, the rows in file order.
 *
 * @param columns  value column names (after {@code step,method})
 * @param byMethod method to its rows; each row is {@code [step, value1, value2, ...]}
 */
public record TrainCsv(List<String> columns, Map<String, List<double[]>> byMethod) {

    /** Copies the column list. */
    public TrainCsv {
        columns = List.copyOf(columns);
    }

    /**
     * Reads a train.csv file; an empty or missing file gives no columns and no rows.
     *
     * @throws IllegalArgumentException naming {@code file:line} for a malformed row
     */
    public static TrainCsv read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new TrainCsv(List.of(), Map.of());
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return new TrainCsv(List.of(), Map.of());
        }
        String[] header = lines.get(0).split(",", -1);
        if (header.length < 2 || !header[0].equals("step") || !header[1].equals("method")) {
            throw new IllegalArgumentException(file + ":1: expected a header starting with step,method, found '" + lines.get(0) + "'");
        }
        List<String> columns = List.of(header).subList(2, header.length);
        Map<String, List<double[]>> byMethod = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            if (f.length != header.length) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected " + header.length + " comma-separated fields, found " + f.length);
            }
            double[] row = new double[f.length - 1];
            try {
                row[0] = Long.parseLong(f[0]);
                for (int c = 2; c < f.length; c++) {
                    row[c - 1] = Double.parseDouble(f[c]);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected a step and numbers, found '" + lines.get(i) + "'");
            }
            byMethod.computeIfAbsent(f[1], m -> new ArrayList<>()).add(row);
        }
        return new TrainCsv(columns, byMethod);
    }

    /** The steps of {@code method}. */
    public double[] steps(String method) {
        return byMethod.get(method).stream().mapToDouble(r -> r[0]).toArray();
    }

    /** The values of column {@code column} for {@code method}. */
    public double[] values(String method, int column) {
        return byMethod.get(method).stream().mapToDouble(r -> r[column + 1]).toArray();
    }
}
