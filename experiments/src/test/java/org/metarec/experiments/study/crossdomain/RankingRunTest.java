package org.metarec.experiments.study.crossdomain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.experiments.TestFiles;

/**
 * {@code evaluation.ranking} through a shrunk quickstart run: the sampled negatives are saved once per split and are
 * the same bytes whichever methods run and on a rerun with another thread count; the ranking metrics reach
 * per_user.csv and the summary; and the rating metrics are those of a run without ranking.
 */
class RankingRunTest {

    @TempDir
    Path tmp;

    private TestFiles.CliResult run(Path dir, String methods, String threads, boolean ranking) {
        Path config = TestFiles.repositoryRoot().resolve("experiments/configs/quickstart.yaml");
        List<String> args = new ArrayList<>(List.of("run", config.toString(), "--out", dir.toString(), "--threads", threads,
                "--no-plots", "--set", "data.synthetic.users=300", "--set", "data.synthetic.items_per_domain=60",
                "--set", "budget.meta_iterations=10", "--set", "budget.validate_every=5",
                "--set", "crossdomain.pooled_epochs=1", "--set", "methods=" + methods,
                "--set", "evaluation.reference=" + methods.substring(1).split("[,\\]]")[0]));
        if (ranking) {
            args.addAll(List.of("--set", "evaluation.ranking.full=true", "--set", "evaluation.ranking.sampled_negatives=19",
                    "--set", "evaluation.ranking.cutoffs=[5, 10]"));
        }
        return TestFiles.cli(args.toArray(String[]::new));
    }

    private static List<Path> negatives(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("negatives"))) {
            return s.sorted().toList();
        }
    }

    @Test
    void negativesAreTheSameFileForEveryMethodAndRerun() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        Path off = tmp.resolve("off");
        TestFiles.CliResult r = run(a, "[item_bias, global_mean]", "2", true);
        assertEquals(0, r.code(), r.err());
        r = run(b, "[pretrained]", "2", true);
        assertEquals(0, r.code(), r.err());
        r = run(c, "[item_bias, global_mean]", "1", true);
        assertEquals(0, r.code(), r.err());
        r = run(off, "[item_bias, global_mean]", "2", false);
        assertEquals(0, r.code(), r.err());

        List<Path> files = negatives(a);
        assertEquals(List.of("k10_beta30_seed1.tsv"), files.stream().map(p -> p.getFileName().toString()).toList());
        byte[] bytes = Files.readAllBytes(files.get(0));
        List<String> lines = Files.readAllLines(files.get(0));
        assertEquals("row\tuser\titem\tnegatives", lines.get(0));
        assertTrue(lines.size() > 10, "pairs: " + lines.size());
        assertEquals(19, lines.get(1).split("\t")[3].split(",").length);
        assertArrayEquals(bytes, Files.readAllBytes(negatives(b).get(0)), "another method, the same negatives");
        assertArrayEquals(bytes, Files.readAllBytes(negatives(c).get(0)), "a rerun on one thread, the same negatives");
        assertFalse(Files.exists(off.resolve("negatives")), "no negatives without ranking");

        // The whole per_user.csv is the same on one thread and two.
        assertEquals(Files.readAllLines(a.resolve("per_user.csv")), Files.readAllLines(c.resolve("per_user.csv")));
        List<String> on = Files.readAllLines(a.resolve("per_user.csv"));
        List<String> plain = Files.readAllLines(off.resolve("per_user.csv"));
        assertEquals("seed,method,setting,steps,task,user,mae_user,ndcg3_within_query,rmse_user", plain.get(0));
        List<String> header = Arrays.asList(on.get(0).split(","));
        for (String m : List.of("full_hr5", "full_recall10", "full_ndcg10", "sampled_hr5", "sampled_ndcg10", "sampled_mrr")) {
            assertTrue(header.contains(m), m + " in " + header);
        }
        // Rating metrics as without ranking, row for row.
        assertEquals(plain.size(), on.size());
        int mae = header.indexOf("mae_user");
        int rmse = header.indexOf("rmse_user");
        for (int i = 1; i < plain.size(); i++) {
            String[] p = plain.get(i).split(",", -1);
            String[] o = on.get(i).split(",", -1);
            assertEquals(Arrays.asList(p).subList(0, 6), Arrays.asList(o).subList(0, 6));
            assertEquals(p[6], o[mae]);
            assertEquals(p[8], o[rmse]);
        }
        String summary = Files.readString(a.resolve("summary.md"));
        assertTrue(summary.contains("full_ndcg10_k10_beta30"), summary);
        assertTrue(summary.contains("sampled_mrr_k10_beta30"), summary);
        assertTrue(summary.contains("test users left out of the ranking metrics (no query item rated >= 4), of those tested: "
                + "k10_beta30 "), summary);
        assertFalse(Files.readString(off.resolve("summary.md")).contains("ranking"));
    }
}
