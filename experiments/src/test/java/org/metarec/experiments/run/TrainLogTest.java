package org.metarec.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.experiments.TestFiles;

/** train.csv: appended rows, and the cut back to the checkpointed rows on resume. */
class TrainLogTest {

    @TempDir
    Path dir;

    @Test
    void appendsRowsUnderAHeader() throws IOException {
        Path f = dir.resolve("train.csv");
        try (TrainLog log = TrainLog.open(f, 0)) {
            log.columns("loss", "acc");
            log.append(10, "maml", 0.5, 1.0);
            log.append(20, "maml", 0.25, 1e-7);
            assertEquals(2, log.rows());
        }
        assertEquals("step,method,loss,acc\n10,maml,0.5,1.0\n20,maml,0.25,1.0E-7\n", TestFiles.read(f));
    }

    @Test
    void reopeningKeepsOnlyTheCheckpointedRowsAndDropsAHalfLine() throws IOException {
        Path f = TestFiles.write(dir, "train.csv", "step,method,loss\n1,a,0.5\n2,a,0.4\n3,a,0.");
        try (TrainLog log = TrainLog.open(f, 1)) {
            assertEquals("step,method,loss\n1,a,0.5\n", TestFiles.read(f));
            log.columns("loss");
            log.append(2, "a", 0.45);
            assertEquals(2, log.rows());
        }
        assertEquals("step,method,loss\n1,a,0.5\n2,a,0.45\n", TestFiles.read(f));
    }

    @Test
    void aLogShorterThanTheCheckpointIsAnError() {
        Path f = TestFiles.write(dir, "train.csv", "step,method,loss\n1,a,0.5\n");
        assertEquals(f + ": expected at least 3 rows (as recorded in the checkpoint), found 1",
                assertThrows(IOException.class, () -> TrainLog.open(f, 3)).getMessage());
    }

    @Test
    void resumedLogMustKeepItsColumns() throws IOException {
        Path f = TestFiles.write(dir, "train.csv", "step,method,loss\n");
        try (TrainLog log = TrainLog.open(f, 0)) {
            assertEquals(f + ": expected header 'step,method,rmse', found 'step,method,loss'",
                    assertThrows(IllegalStateException.class, () -> log.columns("rmse")).getMessage());
        }
    }

    @Test
    void nonFiniteValuesAreRefusedWithStepMethodAndColumn() throws IOException {
        try (TrainLog log = TrainLog.open(dir.resolve("train.csv"), 0)) {
            log.columns("loss");
            assertEquals("step 3, method a: loss is NaN",
                    assertThrows(NonFiniteValueException.class, () -> log.append(3, "a", Double.NaN)).getMessage());
        }
    }
}
