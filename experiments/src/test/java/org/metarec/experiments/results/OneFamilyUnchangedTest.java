package org.metarec.experiments.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.experiments.TestFiles;

/**
 * A config that declares no primary metrics summarises exactly as before families existed: the resources under
 * {@code golden/one-family} are the summary.json and summary.md that the code of commit 9a52a08 (the last one
 * without {@code evaluation.primary_metrics}) wrote for {@code config.yaml}, a small three-seed cross-domain run on
 * synthetic data with sampled ranking metrics and warm users; this run must reproduce them byte for byte,
 * config hash included (an absent key is left out of the resolved config).
 */
class OneFamilyUnchangedTest {

    @TempDir
    Path tmp;

    @Test
    void summaryFilesAreByteIdenticalToThoseWrittenBeforeFamilies() throws Exception {
        Path golden = Path.of(getClass().getResource("/golden/one-family").toURI());
        Path out = tmp.resolve("run");
        TestFiles.CliResult r = TestFiles.cli("run", golden.resolve("config.yaml").toString(), "--out", out.toString(),
                "--threads", "2", "--no-plots");
        assertEquals(0, r.code(), r.err());
        for (String file : new String[] {"summary.json", "summary.md"}) {
            assertEquals(TestFiles.read(golden.resolve(file)), TestFiles.read(out.resolve(file)), file);
        }
        assertFalse(TestFiles.read(out.resolve("config.resolved.yaml")).contains("primary_metrics"));
    }
}
