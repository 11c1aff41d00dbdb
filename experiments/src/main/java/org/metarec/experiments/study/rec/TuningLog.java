package org.metarec.experiments.study.rec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.metarec.experiments.io.AtomicFiles;
import org.metarec.experiments.run.RunFolder;

/**
 * {@code tuning.csv}: every trial of every cell, one row each (columns {@link #HEADER}), rewritten atomically
 * after each cell and before the cell's checkpoint. On resume the rows of the checkpointed cells are kept and
 * the others dropped (their cells run again and write the same rows), so a resumed run writes the file an
 * uninterrupted one does. At the end, the chosen values of every cell are appended to
 * {@code config.resolved.yaml} as a commented {@code tuned:} block: comments, so the config's hash, which
 * resume checks, is unchanged.
 */
public final class TuningLog {

    /** The file's name in the run folder. */
    public static final String FILE = "tuning.csv";

    /**
     * The header: method, cell (its setting and seed), trial (1-based), the drawn setting it belongs to, the
     * checkpoint's training step, the drawn values, the checkpoint's own adaptation setting, the mean validation
     * RMSE, and whether it was chosen.
     */
    public static final String HEADER = "method,cell,trial,setting,step,values,adaptation,validation_rmse,chosen";

    /** The first line of the block appended to {@code config.resolved.yaml}. */
    static final String TUNED_MARK = "# tuned: the values chosen on the validation users";

    private final Path dir;
    private final int folds;
    private final String metric;
    private final Map<String, List<String>> rows = new LinkedHashMap<>();   // "method/cell" -> its rows
    private final Map<String, String> chosen = new LinkedHashMap<>();

    private TuningLog(Path dir, int folds, String metric) {
        this.dir = dir;
        this.folds = folds;
        this.metric = metric;
    }

    /** The validation metric of the rating kinds' trials: the mean per-user RMSE. */
    public static final String RMSE = "validation_rmse";

    /**
     * The header of a run with {@code folds} folds: {@link #HEADER}, and with k-fold validation one column
     * {@code validation_rmse_fold<f>} per fold (then {@code validation_rmse} is their mean).
     *
     * @param folds {@code tuning.folds}
     * @return the header
     */
    public static String header(int folds) {
        return header(folds, RMSE);
    }

    /**
     * The header of a run whose trials are scored by {@code metric} ({@link #RMSE}, {@code validation_mrr}): the
     * eighth column is named after it.
     *
     * @param folds {@code tuning.folds}
     * @param metric the column of the validation score
     * @return the header
     */
    public static String header(int folds, String metric) {
        StringBuilder h = new StringBuilder(HEADER.replace("," + RMSE + ",", "," + metric + ","));
        for (int f = 1; folds > 1 && f <= folds; f++) {
            h.append(",validation_rmse_fold").append(f);
        }
        return h.toString();
    }

    /**
     * The log of a run folder without k-fold validation ({@link #restore(Path, Set, int)} with one fold).
     *
     * @param dir the run folder
     * @param finished the keys {@code <method>/<cell>} of the finished cells
     * @return the log
     * @throws IOException if an existing file cannot be read
     */
    public static TuningLog restore(Path dir, Set<String> finished) throws IOException {
        return restore(dir, finished, 1);
    }

    /**
     * The log of a run folder, keeping the rows of the cells a resumed run has finished.
     *
     * @param dir the run folder
     * @param finished the keys {@code <method>/<cell>} of the finished cells
     * @param folds {@code tuning.folds} (the columns of {@link #header(int)})
     * @return the log
     * @throws IOException if an existing file cannot be read
     */
    public static TuningLog restore(Path dir, Set<String> finished, int folds) throws IOException {
        return restore(dir, finished, folds, RMSE);
    }

    /**
     * The log of a run folder whose trials are scored by {@code metric}, keeping the rows of the finished cells.
     *
     * @param dir the run folder
     * @param finished the keys {@code <method>/<cell>} of the finished cells
     * @param folds {@code tuning.folds}
     * @param metric the validation score's column ({@link #header(int, String)})
     * @return the log
     * @throws IOException if an existing file cannot be read
     */
    public static TuningLog restore(Path dir, Set<String> finished, int folds, String metric) throws IOException {
        TuningLog log = new TuningLog(dir, folds, metric);
        Path file = dir.resolve(FILE);
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.split(",", -1);
                String key = f[0] + "/" + f[1];
                if (finished.contains(key)) {
                    log.rows.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
                    if (f[8].equals("true")) {
                        log.chosen.put(key, log.describe(f));
                    }
                }
            }
        }
        return log;
    }

    /**
     * The key of a cell.
     *
     * @param method the method
     * @param cell the cell's setting and seed, e.g. {@code k5_beta20_seed1}
     * @return {@code <method>/<cell>}
     */
    public static String key(String method, String cell) {
        return method + "/" + cell;
    }

    /**
     * Adds a cell's trials and rewrites the file.
     *
     * @param method the method
     * @param cell the cell
     * @param trials its trials
     * @throws IOException if the file cannot be written
     */
    public void add(String method, String cell, List<Tuner.Trial> trials) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Tuner.Trial t : trials) {
            String[] f = {method, cell, Integer.toString(t.number()), Integer.toString(t.setting()), Long.toString(t.step()),
                t.values(), t.adaptation(), Double.toString(t.validationRmse()), Boolean.toString(t.chosen())};
            StringBuilder line = new StringBuilder(String.join(",", f));
            for (int k = 0; folds > 1 && k < folds; k++) {
                // A diverged setting has no fold values: its fold columns are NaN, as its mean is.
                line.append(',').append(k < t.foldRmse().size() ? Double.toString(t.foldRmse().get(k)) : "NaN");
            }
            lines.add(line.toString());
            if (t.chosen()) {
                chosen.put(key(method, cell), describe(f));
            }
        }
        rows.put(key(method, cell), lines);
        StringBuilder out = new StringBuilder(header(folds, metric)).append('\n');
        rows.values().forEach(l -> l.forEach(r -> out.append(r).append('\n')));
        AtomicFiles.writeString(dir.resolve(FILE), out.toString());
    }

    /**
     * Appends (or replaces) the {@code tuned:} comment block of {@code config.resolved.yaml}: per cell, the
     * chosen trial, its step, values and validation RMSE.
     *
     * @throws IOException if the config cannot be rewritten
     */
    public void writeChosen() throws IOException {
        Path config = dir.resolve(RunFolder.CONFIG);
        String text = Files.readString(config);
        int at = text.indexOf(TUNED_MARK);
        StringBuilder out = new StringBuilder(at < 0 ? text : text.substring(0, at));
        out.append(TUNED_MARK).append(" for each cell (every trial is in ").append(FILE)
                .append("); comments, so resume and the config's hash ignore them\n# tuned:\n");
        chosen.forEach((key, what) -> out.append("#   ").append(key.replace('/', '.')).append(":\n").append(what));
        AtomicFiles.writeString(config, out.toString());
    }

    private String describe(String[] f) {
        return "#     trial: " + f[2] + "\n#     step: " + f[4] + "\n#     values: \"" + f[5] + "\"\n#     adaptation: \""
                + f[6] + "\"\n#     " + metric + ": " + f[7] + "\n";
    }
}
