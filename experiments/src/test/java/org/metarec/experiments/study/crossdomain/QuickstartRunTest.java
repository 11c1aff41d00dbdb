package org.metarec.experiments.study.crossdomain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.experiments.TestFiles;

/**
 * The README's main job, {@code experiments/configs/quickstart.yaml}, shrunk with {@code --set} so it runs
 * in seconds: every file of the run folder is there, the summary has MAE, RMSE and nDCG@3 for every method
 * and for the noise-floor oracle, and a second run with another thread count gives the same bytes.
 */
class QuickstartRunTest {

    @TempDir
    Path tmp;

    private TestFiles.CliResult run(Path dir, String threads, String... more) {
        Path config = TestFiles.repositoryRoot().resolve("experiments/configs/quickstart.yaml");
        List<String> args = new java.util.ArrayList<>(List.of("run", config.toString(), "--out", dir.toString(), "--threads", threads,
                "--set", "data.synthetic.users=300", "--set", "data.synthetic.items_per_domain=60",
                "--set", "budget.meta_iterations=20", "--set", "budget.validate_every=10",
                "--set", "crossdomain.pooled_epochs=2", "--set", "crossdomain.mapping_iterations=50",
                "--set", "methods=[global_mean, target_only, pretrained, emcdr, maml]"));
        args.addAll(List.of(more));
        return TestFiles.cli(args.toArray(String[]::new));
    }

    @Test
    void theQuickstartRunFolderIsCompleteAndReproducible() throws Exception {
        Path a = tmp.resolve("a");
        TestFiles.CliResult r = run(a, "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("noise floor"), r.err());
        // The note states the oracle row's own mean rmse, as the table prints it, and is kept in summary.md.
        String md = TestFiles.read(a.resolve("summary.md"));
        for (String metric : List.of("rmse_user_k10_beta30", "rmse_pooled_k10_beta30")) {
            java.util.regex.Matcher note = java.util.regex.Pattern.compile("Note: noise floor: .*" + metric + " ([0-9.]+)").matcher(md);
            assertTrue(note.find(), md);
            java.util.regex.Matcher row = java.util.regex.Pattern.compile("\\| " + metric + " \\| - \\| oracle \\| ([0-9.]+) \\|")
                    .matcher(md);
            assertTrue(row.find(), md);
            assertEquals(Double.parseDouble(row.group(1)), Double.parseDouble(note.group(1)), 5e-4, md);
        }
        assertTrue(md.contains("n/a (1 seed)"), "the quickstart runs one seed: " + md);
        assertTrue(md.contains("adjusted by Holm's step-down procedure"), md);
        try (Stream<Path> files = Files.list(a)) {
            assertEquals(List.of("checkpoint.ckpt", "config.resolved.yaml", "per_seed.csv", "per_user.csv", "plots", "provenance.json",
                    "summary.json", "summary.md", "tasks.csv", "train.csv"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (Stream<Path> plots = Files.list(a.resolve("plots"))) {
            List<String> names = plots.map(p -> p.getFileName().toString()).sorted().toList();
            assertTrue(names.contains("train_validation_rmse.png") && names.contains("train_validation_rmse.svg"), names.toString());
        }

        TestFiles.SummaryNames names = TestFiles.readSummary(a);
        assertEquals(Set.of("mae_user_k10_beta30", "rmse_user_k10_beta30", "ndcg3_within_query_k10_beta30", "mae_pooled_k10_beta30",
                "rmse_pooled_k10_beta30"), names.metrics());
        assertEquals(Set.of("global_mean", "target_only", "pretrained", "emcdr", "maml", "oracle"), names.methods());
        assertTrue(Files.readString(a.resolve("summary.md")).contains("oracle"));

        Path b = tmp.resolve("b");
        assertEquals(0, run(b, "1").code());
        for (String f : List.of("summary.json", "train.csv", "tasks.csv", "per_seed.csv", "per_user.csv")) {
            assertEquals(Files.readString(a.resolve(f)), Files.readString(b.resolve(f)), f + " differs between --threads 2 and 1");
        }

        // evaluation.correction: bh adjusts the same raw p-values by Benjamini-Hochberg, and the table says so.
        Path c = tmp.resolve("c");
        assertEquals(0, run(c, "2", "--no-plots", "--set", "evaluation.correction=bh").code());
        String bh = Files.readString(c.resolve("summary.md"));
        assertTrue(bh.contains("adjusted by the Benjamini-Hochberg procedure (false discovery rate) over all"), bh);
        org.metarec.experiments.results.Summary holm = org.metarec.experiments.results.Summary.fromJson(
                org.metarec.core.json.Json.readFile(a.resolve("summary.json")), "a");
        org.metarec.experiments.results.Summary fdr = org.metarec.experiments.results.Summary.fromJson(
                org.metarec.core.json.Json.readFile(c.resolve("summary.json")), "c");
        assertEquals(holm.rows().stream().map(org.metarec.experiments.results.SummaryRow::raw).toList(),
                fdr.rows().stream().map(org.metarec.experiments.results.SummaryRow::raw).toList());
        assertTrue(holm.rows().stream().map(row -> row.adjusted().wilcoxonUsers()).anyMatch(java.util.Objects::nonNull));
    }
}
