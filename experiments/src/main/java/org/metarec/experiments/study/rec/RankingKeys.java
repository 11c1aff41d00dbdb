package org.metarec.experiments.study.rec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.metarec.algorithms.rec.RankingCandidates;
import org.metarec.algorithms.rec.RankingSettings;
import org.metarec.algorithms.rec.TestScores;
import org.metarec.core.data.Interactions;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.config.Specs;
import org.metarec.experiments.run.RunContext;

/**
 * The {@code evaluation.ranking} section of the rating kinds ({@code crossdomain}, {@code coldstart}): what it
 * turns on ({@link RankingSettings}), the sentence the summary says about it, and where the sampled negatives go.
 */
public final class RankingKeys {

    /** The section's path; the kinds list it among the keys they read. */
    public static final String SECTION = "evaluation.ranking";
    /** The run folder's subfolder of the sampled negatives. */
    public static final String NEGATIVES_DIR = "negatives";

    private RankingKeys() {
    }

    /**
     * The settings of a validated config.
     *
     * @param c the config
     * @return the settings ({@link RankingSettings#OFF}'s values when the section is absent)
     */
    public static RankingSettings read(Config c) {
        String s = SECTION + ".";
        return new RankingSettings(c.getBoolean(s + "full"), c.getIntArray(s + "cutoffs"), c.getInt(s + "sampled_negatives"),
                c.getDouble(s + "relevant_min_rating"));
    }

    /**
     * The metrics a run of a rating kind reports, before their settings are appended: the rating errors of
     * {@link TestScores} and the ranking metrics the config's section turns on ({@link RankingSettings#metricNames}).
     *
     * @param root the resolved config, as nested maps
     * @return the names
     */
    public static List<String> metrics(Map<String, Object> root) {
        List<String> out = new ArrayList<>(List.of(TestScores.MAE_USER, TestScores.RMSE_USER, TestScores.NDCG_WITHIN_QUERY,
                TestScores.MAE_POOLED, TestScores.RMSE_POOLED));
        Map<?, ?> section = (Map<?, ?>) ((Map<?, ?>) root.get("evaluation")).get("ranking");
        int[] cutoffs = ((List<?>) section.get("cutoffs")).stream().mapToInt(k -> ((Number) k).intValue()).toArray();
        out.addAll(new RankingSettings((Boolean) section.get("full"), cutoffs, ((Number) section.get("sampled_negatives")).intValue(),
                ((Number) section.get("relevant_min_rating")).doubleValue()).metricNames());
        return out;
    }

    /**
     * What the summary says about the ranking metrics.
     *
     * @param s the settings (on)
     * @return one sentence
     */
    public static String note(RankingSettings s) {
        StringBuilder b = new StringBuilder("ranking (evaluation.ranking): relevant = a test user's query items rated at least "
                + Specs.format(s.relevantMinRating()) + "; cutoffs " + Arrays.toString(s.cutoffs()));
        if (s.full()) {
            b.append("; full_*: the relevant items ranked among every catalogue item the user has not rated in its known "
                    + "data (support, training and source ratings), HR@k, Recall@k and nDCG@k per user");
        }
        if (s.sampledNegatives() > 0) {
            b.append("; sampled_*: each relevant item ranked among ").append(s.sampledNegatives()).append(" negatives "
                    + "never rated by the user, drawn once per split from the seed and the user and saved under "
                    + NEGATIVES_DIR + "/, HR@k, nDCG@k and MRR averaged over the user's relevant items, then over users");
        }
        return b.append("; ties in a seeded uniform order").toString();
    }

    /**
     * Saves the sampled negatives of one split as {@code negatives/<name>.tsv} of the run folder (the format of
     * {@link org.metarec.core.metrics.SampledCandidates#write}); nothing when the sampled protocol is off.
     *
     * @param ctx the run
     * @param name the file's name without extension, e.g. {@code k5_beta20_seed1}
     * @param candidates the split's candidates
     * @param data the interactions they were drawn from
     * @throws IOException if the file cannot be written
     */
    public static void write(RunContext ctx, String name, RankingCandidates candidates, Interactions data) throws IOException {
        if (candidates.sampled() == null) {
            return;
        }
        Path dir = ctx.outDir().resolve(NEGATIVES_DIR);
        Files.createDirectories(dir);
        candidates.write(dir.resolve(name + ".tsv"), data);
    }

    /**
     * The log line of one split's candidates: how many tasks are ranked and how many have no relevant query item.
     *
     * @param name the split's name
     * @param candidates its candidates
     * @return one line
     */
    public static String splitLine(String name, RankingCandidates candidates) {
        int n = candidates.tasks().size();
        return String.format(Locale.ROOT, "ranking %s: %d of %d users ranked, %d without a query item rated >= %s (skipped)%s",
                name, n - candidates.skipped(), n, candidates.skipped(),
                Specs.format(candidates.settings().relevantMinRating()),
                candidates.sampled() == null ? "" : ", " + candidates.sampled().size() + " sampled pairs");
    }
}
