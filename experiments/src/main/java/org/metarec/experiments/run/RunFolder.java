package org.metarec.experiments.run;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The files of a run folder.
 *
 * @param dir the run folder
 */
public record RunFolder(Path dir) {

    /** The canonical resolved config. */
    public static final String CONFIG = "config.resolved.yaml";
    /** Versions, machine, times and hashes. */
    public static final String PROVENANCE = "provenance.json";
    /** The training curve. */
    public static final String TRAIN_LOG = "train.csv";
    /** Per-task metric values. */
    public static final String TASKS = "tasks.csv";
    /** Means, CIs and p-values; written last, so its presence means the run finished. */
    public static final String SUMMARY_JSON = "summary.json";
    /** The comparison table. */
    public static final String SUMMARY_MD = "summary.md";
    /** The latest checkpoint. */
    public static final String CHECKPOINT = "checkpoint.ckpt";
    /** Folder of PNG and SVG figures. */
    public static final String PLOTS = "plots";

    /** Requires a folder. */
    public RunFolder {
        Objects.requireNonNull(dir, "dir");
    }

    /** {@code dir/name}. */
    public Path file(String name) {
        return dir.resolve(name);
    }

    /** True when the run finished (its summary exists). */
    public boolean finished() {
        return file(SUMMARY_JSON).toFile().isFile();
    }

    /** True when the folder holds a started run (its resolved config exists). */
    public boolean started() {
        return file(CONFIG).toFile().isFile();
    }
}
