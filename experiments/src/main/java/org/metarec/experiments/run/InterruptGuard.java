package org.metarec.experiments.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.metarec.experiments.checkpoint.Checkpoint;
import org.metarec.experiments.checkpoint.CheckpointException;
import org.metarec.experiments.io.AtomicFiles;

/**
 * Records a run that SIGTERM or Ctrl-C (SIGINT) stops. The JVM runs shutdown hooks on both signals; this one
 * marks {@code provenance.json} {@code interrupted} and says which checkpoint is kept and how to continue.
 * Checkpoints are written atomically, so the last complete one is on disk whatever the run was doing.
 *
 * <p>The run's own final writes (finished, failed) and the hook exclude each other through {@link #end}: whichever
 * comes first decides the recorded status, and the other does nothing.
 */
final class InterruptGuard implements AutoCloseable {

    private final RunFolder folder;
    private final Map<String, Object> provenance;
    private final Consumer<String> messages;
    private final Thread hook;
    private boolean ended;

    private InterruptGuard(RunFolder folder, Map<String, Object> provenance, Consumer<String> messages) {
        this.folder = folder;
        this.provenance = provenance;
        this.messages = messages;
        this.hook = new Thread(this::interrupted, "metarec-interrupt " + folder.dir());
    }

    /** Starts guarding the run in {@code folder}; {@code messages} receives the one line said on interruption. */
    static InterruptGuard install(RunFolder folder, Map<String, Object> provenance, Consumer<String> messages) {
        InterruptGuard guard = new InterruptGuard(folder, provenance, messages);
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
    }

    /**
     * Runs {@code write} (the run's final provenance write) unless the run was already recorded as interrupted.
     *
     * @return false when the run had been interrupted and nothing was written
     */
    synchronized boolean end(IoAction write) throws IOException {
        if (ended) {
            return false;
        }
        ended = true;
        write.run();
        return true;
    }

    /** An action that may fail with an {@link IOException}. */
    interface IoAction {
        /** Does it. */
        void run() throws IOException;
    }

    private synchronized void interrupted() {
        if (ended) {
            return;
        }
        ended = true;
        Path file = folder.file(RunFolder.CHECKPOINT);
        String kept;
        try {
            Optional<Checkpoint> last = RunCheckpoints.read(file);
            kept = last.map(c -> "the last checkpoint (step " + c.step() + ") is kept").orElse("no checkpoint had been written yet");
        } catch (IOException | CheckpointException e) {
            kept = "the checkpoint could not be read back";
        }
        String message = "interrupted (SIGTERM or Ctrl-C); " + kept;
        try {
            Provenance.ended(provenance, "interrupted", message, Instant.now());
            AtomicFiles.writeJson(folder.file(RunFolder.PROVENANCE), provenance);
        } catch (IOException | RuntimeException e) {
            message += " (provenance.json could not be updated)";
        }
        messages.accept(message + "; continue with: metarec resume " + folder.dir());
    }

    /** Stops guarding (the run ended by itself); harmless while the JVM is already shutting down. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Shutdown in progress: the hook runs (or ran) and decides by itself.
        }
    }
}
