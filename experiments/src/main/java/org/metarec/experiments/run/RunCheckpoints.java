package org.metarec.experiments.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.metarec.experiments.checkpoint.Checkpoint;
import org.metarec.experiments.checkpoint.CheckpointCodec;

/**
 * The checkpoint of a run folder: the latest one, replaced atomically, so a crash at any time leaves the last
 * good checkpoint. Saving first forces {@code train.csv} to disk and records its row count in the checkpoint
 * (string {@value #TRAIN_ROWS}), which resume uses to cut the log back to the checkpointed state.
 */
public final class RunCheckpoints {

    /** Reserved string entry: rows of train.csv covered by the checkpoint. */
    public static final String TRAIN_ROWS = "metarec.train_rows";

    private final Path file;
    private final TrainLog log;
    private Checkpoint latest;
    private int saved;

    RunCheckpoints(Path file, TrainLog log, Checkpoint latest) {
        this.file = file;
        this.log = log;
        this.latest = latest;
    }

    /** Reads the checkpoint in {@code file}, if there is one. */
    static Optional<Checkpoint> read(Path file) throws IOException {
        return Files.exists(file) ? Optional.of(CheckpointCodec.read(file)) : Optional.empty();
    }

    /** The checkpoint to continue from (the one resumed from, or the last one saved in this session). */
    public Optional<Checkpoint> latest() {
        return Optional.ofNullable(latest);
    }

    /** Saves {@code checkpoint} (with the train.csv row count added) atomically over the previous one. */
    public void save(Checkpoint checkpoint) throws IOException {
        if (checkpoint.strings().containsKey(TRAIN_ROWS)) {
            throw new IllegalArgumentException("'" + TRAIN_ROWS + "' is reserved for the runner");
        }
        log.sync();
        Map<String, String> strings = new HashMap<>(checkpoint.strings());
        strings.put(TRAIN_ROWS, Long.toString(log.rows()));
        Checkpoint full = new Checkpoint(checkpoint.step(), checkpoint.arrays(), checkpoint.longs(), strings);
        CheckpointCodec.write(file, full);
        latest = full;
        saved++;
    }

    /** Checkpoints saved in this session. */
    public int savedCount() {
        return saved;
    }

    /** Where the checkpoint is kept. */
    public Path file() {
        return file;
    }
}
