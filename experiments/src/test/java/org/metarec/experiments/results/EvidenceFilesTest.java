package org.metarec.experiments.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** per_seed.csv and per_user.csv: their exact contents on a hand-made result set, and reading them back. */
class EvidenceFilesTest {

    @TempDir
    Path tmp;

    /** Two seeds; user 5 is a test user of both. */
    private static ResultSink results() {
        ResultSink sink = new ResultSink();
        sink.declareMethods("ref", "b");
        Measure rmse = new Measure("rmse_user", "k5", null);
        Measure ndcg = new Measure("ndcg3_within_query", "k5", null);
        Measure pooled = new Measure("rmse_pooled", "k5", null);
        sink.record("b", rmse, new TaskId(1, 0, 5), 1.5);
        sink.record("b", rmse, new TaskId(1, 1, 8), 0.5);
        sink.record("b", ndcg, new TaskId(1, 0, 5), 0.25);
        sink.record("b", ndcg, new TaskId(1, 1, 8), 0.75);
        sink.record("b", rmse, new TaskId(2, 0, 5), 2.0);
        sink.record("b", ndcg, new TaskId(2, 0, 5), 1.0);
        sink.recordPooled("b", pooled, 1, new int[] {5, 8}, 1.25);
        sink.recordPooled("b", pooled, 2, new int[] {5}, 2.0);
        sink.record("ref", rmse, new TaskId(2, 0, 5), 3.0);
        return sink;
    }

    @Test
    void perSeedHoldsEachSeedsMeanAndTaskCount() {
        assertEquals("""
                method,metric,steps,seed,mean,n_tasks,setting,averaging
                b,ndcg3_within_query_k5,,1,0.5,2,k5,over_tasks
                b,ndcg3_within_query_k5,,2,1.0,1,k5,over_tasks
                b,rmse_pooled_k5,,1,1.25,2,k5,pooled
                b,rmse_pooled_k5,,2,2.0,1,k5,pooled
                ref,rmse_user_k5,,2,3.0,1,k5,over_tasks
                b,rmse_user_k5,,1,1.0,2,k5,over_tasks
                b,rmse_user_k5,,2,2.0,1,k5,over_tasks
                """, EvidenceFiles.perSeed(results()));
    }

    @Test
    void perUserHoldsOneRowPerSeedMethodSettingAndUser() {
        assertEquals("""
                seed,method,setting,steps,task,user,ndcg3_within_query,rmse_user
                2,ref,k5,,0,5,,3.0
                1,b,k5,,0,5,0.25,1.5
                1,b,k5,,1,8,0.75,0.5
                2,b,k5,,0,5,1.0,2.0
                """, EvidenceFiles.perUser(results()));
    }

    @Test
    void readingBothFilesBackGivesTheSameSummary() throws Exception {
        ResultSink sink = results();
        Files.writeString(tmp.resolve(EvidenceFiles.PER_SEED), EvidenceFiles.perSeed(sink));
        Files.writeString(tmp.resolve(EvidenceFiles.PER_USER), EvidenceFiles.perUser(sink));
        ResultSink back = new ResultSink();
        back.declareMethods("ref", "b");
        EvidenceFiles.read(tmp, back);
        assertEquals(sink.series(), back.series());
        assertEquals(Summary.of(sink, "ref"), Summary.of(back, "ref"));
        // The same seed twice (two runs of one seed) is an error that names the file and line.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvidenceFiles.read(tmp, back));
        assertTrue(e.getMessage().startsWith(tmp.resolve(EvidenceFiles.PER_USER) + ":2: ") && e.getMessage().contains("recorded twice"),
                e.getMessage());
    }

    @Test
    void aMalformedRowNamesItsFileAndLine() throws Exception {
        Files.writeString(tmp.resolve(EvidenceFiles.PER_SEED), EvidenceFiles.perSeed(results()));
        Files.writeString(tmp.resolve(EvidenceFiles.PER_USER), "seed,method,setting,steps,task,user,rmse_user\n1,b,k5,,0,x,1.0\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvidenceFiles.read(tmp, new ResultSink()));
        assertTrue(e.getMessage().startsWith(tmp.resolve(EvidenceFiles.PER_USER) + ":2: "), e.getMessage());
    }
}
