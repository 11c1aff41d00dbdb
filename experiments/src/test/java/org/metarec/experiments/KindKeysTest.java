package org.metarec.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.config.ConfigException;
import org.metarec.experiments.config.ConfigOverride;
import org.metarec.experiments.config.ConfigProblem;
import org.metarec.experiments.run.ExperimentKind;
import org.metarec.experiments.results.Families;
import org.metarec.experiments.run.Progress;
import org.metarec.experiments.run.RunOutcome;
import org.metarec.experiments.run.Runner;
import org.metarec.experiments.study.coldstart.MovieLens1mFixture;

/**
 * Each experiment kind accepts exactly the config keys it reads. Every kind is run on small configs that between
 * them give every key it accepts a value (each data source, Adam and SGD, an optional key set and unset), and the
 * test fails when a key that a run's config holds was never looked up during that run: a key a kind accepts but
 * ignores. The other direction, a kind reading a key it does not accept, fails in the run itself (the resolved
 * config holds only accepted keys). Also checks that an unread key is rejected before anything runs.
 */
class KindKeysTest {

    @TempDir
    Path tmp;

    private int runs;

    @Test
    void sinusoidReadsEveryKeyItAccepts() throws IOException {
        String base = """
                name: s
                experiment: sinusoid
                data:
                  source: sinusoid
                methods: [maml, fomaml, reptile, metasgd, anil, pretrained, mamlpp, imaml]
                model:
                  hidden: [4]
                budget:
                  meta_iterations: 3
                  checkpoint_every: 2
                  log_every: 1
                evaluation:
                  test_tasks: 2
                  adapt_steps: [0, 1]
                  query_points: 3
                  reference: fomaml
                """;
        checkKind("sinusoid", List.of(run(base, "optimizer.clip_norm=1.0", "meta.head=[W1, b1, W2, b2]",
                        "evaluation.primary_metrics=[mse_k5_steps1]"),
                run(base, "optimizer.name=sgd", "optimizer.schedule=cosine", "optimizer.min_lr=0.0001",
                        "meta.mamlpp.first_order_iterations=2", "meta.mamlpp.msl_iterations=2", "meta.inner_steps=2")));
    }

    @Test
    void toyReadsEveryKeyItAccepts() throws IOException {
        checkKind("toy", List.of(run(TestFiles.FAST_TOY), run(TestFiles.FAST_TOY, "optimizer.name=adam",
                "optimizer.clip_norm=1.0", "evaluation.reference=averaged")));
    }

    @Test
    void crossdomainReadsEveryKeyItAccepts() throws IOException {
        String methods = "[global_mean, item_bias, transfer_bias, target_only, pretrained, pretrained.profile, emcdr, ptupcdr, "
                + "maml, maml.src, maml.nosrc, fomaml, reptile, metasgd, anil, cavia, mamlpp, imaml, mamo, tanp]";
        String base = """
                name: c
                experiment: crossdomain
                methods: %s
                protocol:
                  min_ratings: 4
                  query: 3
                model:
                  type: mf
                  embedding_dim: 2
                  hidden: [4]
                meta:
                  meta_batch: 2
                budget:
                  meta_iterations: 2
                  validate_every: 1
                evaluation:
                  support_sizes: [2]
                crossdomain:
                  pooled_epochs: 1
                  mapping_iterations: 2
                  fine_tune_lrs: [0.0, 0.1]
                """.formatted(methods);
        Path delimited = tmp.resolve("csv");
        TestFiles.write(delimited, "books.csv", csv(0));
        TestFiles.write(delimited, "music.csv", csv(1));
        Path ml1m = MovieLens1mFixture.write(tmp.resolve("ml-1m"), 3);
        Path douban = tmp.resolve("douban");
        TestFiles.write(douban, "book_ratings.dat", csv(0).replace("user,item,rating\n", "").replace(',', '\t'));
        TestFiles.write(douban, "music_ratings.dat", csv(1).replace("user,item,rating\n", "").replace(',', '\t'));
        // Amazon: one domain as review lines (gzip is not needed here), one as ratings-only CSV, the layout forced.
        Path amazon = tmp.resolve("amazon");
        StringBuilder reviews = new StringBuilder();
        for (String line : csv(0).split("\n")) {
            if (!line.startsWith("user,")) {
                String[] f = line.split(",");
                reviews.append("{\"reviewerID\": \"").append(f[0]).append("\", \"asin\": \"").append(f[1])
                        .append("\", \"overall\": ").append(f[2]).append(".0, \"unixReviewTime\": 7}\n");
            }
        }
        TestFiles.write(amazon, "Books_5.json", reviews.toString());
        TestFiles.write(amazon, "CDs.csv", csv(1).replace("user,item,rating\n", "").replace("\n", ",7\n"));
        Path recbole = tmp.resolve("shop");
        StringBuilder inter = new StringBuilder("user_id:token\titem_id:token\trating:float\tstamp:float\n");
        StringBuilder items = new StringBuilder("item_id:token\tcategories:token_seq\n");
        for (String line : (csv(0) + csv(1).replace("user,item,rating\n", "")).split("\n")) {
            if (!line.startsWith("user,")) {
                inter.append(line.replace(',', '\t')).append("\t7\n");
            }
        }
        for (int d = 0; d < 2; d++) {
            for (int i = 0; i < 8; i++) {
                items.append('i').append(d).append('_').append(i).append('\t').append(d == 0 ? "books old" : "music").append('\n');
            }
        }
        TestFiles.write(recbole, "shop.inter", inter.toString());
        // The same ratings as one .inter file per domain, the second with its fields in another order.
        TestFiles.write(recbole, "books.inter", "user_id:token\titem_id:token\trating:float\n"
                + csv(0).replace("user,item,rating\n", "").replace(',', '\t'));
        StringBuilder music = new StringBuilder("item_id:token\tuser_id:token\trating:float\n");
        for (String line : csv(1).replace("user,item,rating\n", "").split("\n")) {
            String[] f = line.split(",");
            music.append(f[1]).append('\t').append(f[0]).append('\t').append(f[2]).append('\n');
        }
        TestFiles.write(recbole, "music.inter", music.toString());
        TestFiles.write(recbole, "shop.item", items.toString());
        checkKind("crossdomain", List.of(
                run(base, "data.synthetic.users=120", "data.synthetic.items_per_domain=20", "data.synthetic.domains=2",
                        "optimizer.clip_norm=1.0", "evaluation.reference=oracle", "meta.mamlpp.learned_rates=false",
                        "meta.mamlpp.multi_step_loss=false", "meta.mamlpp.msl_iterations=2",
                        "meta.mamlpp.first_order_iterations=1", "meta.imaml.lambda=2.0", "meta.imaml.cg_iterations=3",
                        "meta.imaml.cg_tolerance=1.0e-8", "crossdomain.support_order=temporal", "crossdomain.warm_users=3",
                        "evaluation.primary_metrics=[rmse_user, ndcg3_within_query_warm]"),
                run(base, "data.source=delimited", "data.path=" + delimited, "protocol.target_domain=music",
                        "data.delimited.item_ids=per_domain"),
                run(base, "data.source=douban", "data.path=" + douban, "protocol.source_domains=[book]",
                        "protocol.target_domain=music"),
                run(base, "data.source=amazon", "data.path=" + amazon, "data.amazon.domains=[books, music]",
                        "data.amazon.files=[Books_5.json, CDs.csv]", "protocol.target_domain=music", "data.skip_bad_lines=true"),
                run(base, "data.source=recbole", "data.path=" + recbole, "data.recbole.domain_files=[books.inter, music.inter]",
                        "protocol.target_domain=music"),
                run(base, "data.source=recbole", "data.path=" + recbole, "data.recbole.domain_field=categories",
                        "data.recbole.timestamp_field=stamp", "protocol.target_domain=music"),
                run(base, "data.source=movielens1m", "data.path=" + ml1m, "data.genres_as_domains=[Action, Comedy]",
                        "protocol.source_domains=[Action]"),
                run(base, "data.synthetic.users=120", "data.synthetic.items_per_domain=20", "data.synthetic.domains=2",
                        "crossdomain.tuning.strategy=random", "crossdomain.tuning.trials=2",
                        "crossdomain.tuning.unequal_budgets=true", "crossdomain.tuning.min_validation_users=10",
                        "crossdomain.tuning.methods.global_mean.trials=1",
                        "crossdomain.tuning.methods.item_bias.space=[{name: item_shrinkage, min: 1, max: 9}, "
                                + "{name: user_shrinkage, choices: [1, 5]}]",
                        "crossdomain.tuning.methods.pretrained.space=[{name: pooled_lr, min: 0.001, max: 0.01, log: true}, "
                                + "{name: pooled_epochs, min: 1, max: 2}, {name: fine_tune_lr, choices: [0, 0.1]}, "
                                + "{name: weight_decay, min: 0.001, max: 0.1, log: true}]",
                        "crossdomain.tuning.methods.maml.space=[{name: inner_lr, min: 0.05, max: 0.2}, "
                                + "{name: meta_lr, min: 0.001, max: 0.01, log: true}, {name: meta_iterations, min: 1, max: 2}]")));
    }

    @Test
    void coldstartReadsEveryKeyItAccepts() throws IOException {
        Path ml1m = MovieLens1mFixture.write(tmp.resolve("ml-1m"), 4);
        String base = """
                name: m
                experiment: coldstart
                data:
                  source: movielens1m
                  path: %s
                  genres_as_domains: []
                methods: [global_mean, item_bias, pretrained, maml, fomaml, reptile, metasgd, anil, mamlpp, imaml, mamo, tanp]
                model:
                  type: melu
                  embedding_dim: 4
                  hidden: [8]
                meta:
                  meta_batch: 4
                budget:
                  meta_iterations: 2
                  validate_every: 1
                coldstart:
                  pooled_epochs: 1
                  support_sizes: [3]
                """.formatted(ml1m);
        checkKind("coldstart", List.of(run(base, "optimizer.clip_norm=1.0", "evaluation.reference=maml",
                "meta.mamlpp.first_order_iterations=1", "meta.mamlpp.msl_iterations=3", "meta.imaml.lambda=0.5",
                "meta.imaml.cg_iterations=2", "meta.mamo.memory_size=2", "meta.tanp.z_dim=3", "meta.tanp.task_dim=4",
                "meta.tanp.clusters=2", "meta.tanp.gating=true", "meta.tanp.cluster_weight=0.2", "meta.tanp.cluster_alpha=2",
                "evaluation.primary_metrics=[rmse_user]"),
                run(base, "coldstart.tuning.strategy=random", "coldstart.tuning.trials=2",
                        "coldstart.tuning.min_validation_users=2", "coldstart.tuning.unequal_budgets=true",
                        "coldstart.tuning.methods.maml.trials=2",
                        "coldstart.tuning.methods.reptile.space=[{name: inner_lr, min: 0.01, max: 0.1, log: true}]")));
    }

    @Test
    void fewshotReadsEveryKeyItAccepts() throws IOException {
        String base = """
                name: f
                experiment: fewshot
                methods: [protonet, maml, fomaml, pretrained]
                model:
                  hidden: [6]
                meta:
                  meta_batch: 2
                  inner_steps: 1
                budget:
                  meta_iterations: 3
                  log_every: 1
                evaluation:
                  test_tasks: 2
                  support_sizes: [1, 2]
                  adapt_steps: [0, 1]
                fewshot:
                  ways: 2
                  shots: 2
                  query: 2
                  train_classes: 4
                  test_classes: 3
                  input_dim: 5
                """;
        checkKind("fewshot", List.of(run(base, "optimizer.clip_norm=1.0", "evaluation.reference=maml",
                "fewshot.seeds=[1, 2]", "evaluation.primary_metrics=[acc_k2]")));
    }

    @Test
    void implicitReadsEveryKeyItAccepts() throws IOException {
        Path cdrib = org.metarec.experiments.study.implicit.CdribFixture.write(tmp.resolve("cdrib"), 3);
        String base = """
                name: i
                experiment: implicit
                data:
                  source: cdrib
                  path: %s
                  cdrib:
                    scenario: game_video
                protocol:
                  source_domains: [game]
                  target_domain: video
                methods: [popularity, bpr_mf, pooled, maml, fomaml, reptile, emcdr, ptupcdr, neumf]
                model:
                  embedding_dim: 2
                meta:
                  meta_batch: 2
                  inner_steps: 1
                budget:
                  meta_iterations: 2
                  validate_every: 1
                evaluation:
                  support_sizes: [0, 1]
                implicit:
                  negatives: 5
                  train_negatives: 1
                  epochs: 1
                  batch: 64
                  lr: 0.01
                  weight_decay: 0.001
                  fine_tune_steps: 1
                  fine_tune_lr: 0.1
                  train_support: 1
                  train_query: 2
                  mapping_hidden: 3
                  mapping_iterations: 2
                  mapping_lr: 0.01
                  mapping_validate_every: 1
                  bridge_loss: bce
                """.formatted(cdrib);
        checkKind("implicit", List.of(run(base, "optimizer.clip_norm=1.0", "evaluation.reference=pooled",
                        "data.skip_bad_lines=true"),
                run(base, "implicit.full_ranking=false", "implicit.seeds=[1, 2]", "methods=[popularity]"),
                run(base, "implicit.tuning.strategy=random", "implicit.tuning.trials=2", "implicit.tuning.unequal_budgets=true",
                        "implicit.tuning.methods.popularity.trials=1", "implicit.tuning.methods.bpr_mf.trials=2",
                        "implicit.tuning.methods.pooled.trials=2", "implicit.tuning.methods.maml.trials=2",
                        "implicit.tuning.methods.fomaml.trials=2", "implicit.tuning.methods.reptile.trials=3",
                        "implicit.tuning.methods.emcdr.trials=2", "implicit.tuning.methods.ptupcdr.trials=2",
                        "implicit.tuning.methods.neumf.trials=2",
                        "implicit.tuning.methods.bpr_mf.space=[{name: pooled_lr, min: 0.005, max: 0.02, log: true}]",
                        "implicit.tuning.methods.pooled.space=[{name: fine_tune_lr, choices: [0, 0.1]}]",
                        "implicit.tuning.methods.maml.space=[{name: inner_lr, min: 0.05, max: 0.2}]",
                        "implicit.tuning.methods.fomaml.space=[{name: meta_lr, min: 0.001, max: 0.01, log: true}]",
                        "implicit.tuning.methods.reptile.space=[{name: meta_iterations, choices: [1, 2]}]",
                        "implicit.tuning.methods.emcdr.space=[{name: mapping_lr, min: 0.005, max: 0.02, log: true}]",
                        "implicit.tuning.methods.ptupcdr.space=[{name: mapping_iterations, choices: [1, 2]}]",
                        "implicit.tuning.methods.neumf.space=[{name: weight_decay, min: 0.0001, max: 0.01, log: true}]")));
    }

    @Test
    void aKeyTheKindDoesNotReadIsRejectedBeforeAnythingRuns() {
        Path f = TestFiles.write(tmp, "c.yaml", "name: t\nexperiment: crossdomain\nmeta:\n  reptile:\n    inner_batch: 4\n"
                + "optimizer:\n  name: sgd\n");
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ExperimentKinds.loader().load(f, List.of()));
        assertEquals(List.of(
                f + ":5:5: meta.reptile.inner_batch: key 'inner_batch' is not read by the `crossdomain` experiment kind "
                        + "(docs/configs.md lists each kind's keys); in this section it reads: inner_lr",
                f + ":7:3: optimizer.name: key 'name' is not read by the `crossdomain` experiment kind "
                        + "(docs/configs.md lists each kind's keys); in this section it reads: lr, clip_norm"),
                e.problems().stream().map(ConfigProblem::toString).toList());
        Path other = TestFiles.write(tmp, "d.yaml", "name: t\nexperiment: sinusoid\ndata:\n  source: sinusoid\ncoldstart:\n  query: 3\n");
        e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> ExperimentKinds.loader().load(other, List.of()));
        assertEquals(List.of(other + ":5:1: coldstart: key 'coldstart' is the section of the `coldstart` experiment kind, "
                + "and this config runs `sinusoid`; in this section it reads: name, seed, experiment, data, protocol, model, "
                + "methods, meta, optimizer, budget, evaluation"), e.problems().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void namesThatTheDataOrTheMethodsCannotSatisfyAreRejectedBeforeAnythingRuns() {
        Path f = TestFiles.write(tmp, "c.yaml", "name: t\nexperiment: crossdomain\nprotocol:\n  target_domain: d7\n"
                + "evaluation:\n  reference: emcdr\n");
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ExperimentKinds.loader().load(f, List.of()));
        assertEquals(List.of(
                f + ":4:18: protocol.target_domain: expected a domain of the data [d0, d1, d2], found 'd7'",
                f + ":6:14: evaluation.reference: expected one of the methods this run reports [maml, oracle], found 'emcdr'"),
                e.problems().stream().map(ConfigProblem::toString).toList());
        Path g = TestFiles.write(tmp, "g.yaml", "name: t\nexperiment: crossdomain\nprotocol:\n  source_domains: [d0, x]\n");
        e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> ExperimentKinds.loader().load(g, List.of()));
        assertEquals(List.of(g + ":4:19: protocol.source_domains: expected domains of the data [d0, d1, d2], found 'x'"),
                e.problems().stream().map(ConfigProblem::toString).toList());
        Path h = TestFiles.write(tmp, "h.yaml", "name: t\nexperiment: sinusoid\nevaluation:\n  support_sizes: [0, 5]\n");
        e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> ExperimentKinds.loader().load(h, List.of()));
        assertEquals(List.of(h + ":1:1: data.source: expected sinusoid (the study draws its own regression tasks), found synthetic",
                h + ":4:18: evaluation.support_sizes: expected support sizes K >= 1 (adaptation needs at least one point), found 0"),
                e.problems().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void primaryMetricsAreCheckedAgainstTheKindsMetricsBeforeAnythingRuns() {
        Path f = TestFiles.write(tmp, "p.yaml", "name: t\nexperiment: crossdomain\nevaluation:\n  ranking:\n"
                + "    sampled_negatives: 9\n    cutoffs: [5]\n  primary_metrics: [rmse_user, sampled_ndcg10]\n");
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ExperimentKinds.loader().load(f, List.of()));
        assertEquals(List.of(f + ":7:20: evaluation.primary_metrics: expected metrics this run reports (mae_user, rmse_user, "
                + "ndcg3_within_query, mae_pooled, rmse_pooled, sampled_hr5, sampled_ndcg5, sampled_mrr), each alone, with '_' "
                + "and (part of) a setting, or cut short before a '_'; found 'sampled_ndcg10'"),
                e.problems().stream().map(ConfigProblem::toString).toList());
        Path g = TestFiles.write(tmp, "q.yaml", "name: t\nexperiment: sinusoid\ndata:\n  source: sinusoid\nevaluation:\n"
                + "  support_sizes: [5, 10]\n  primary_metrics: [mse_k10_steps1, mse_k1]\n");
        e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> ExperimentKinds.loader().load(g, List.of()));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).toString().endsWith("found 'mse_k1'"), e.problems().get(0).toString());
        Path h = TestFiles.write(tmp, "r.yaml", "name: t\nexperiment: crossdomain\nevaluation:\n"
                + "  primary_metrics: [rmse_user_warm, rmse]\n");
        assertEquals(List.of("rmse_user_warm", "rmse"), ExperimentKinds.loader().load(h, List.of())
                .getStringList("evaluation.primary_metrics"), "a setting added, or a name cut short before '_'");
    }

    @Test
    void anilsHeadIsCheckedAgainstTheNetworkBeforeAnythingRuns() {
        String start = "name: t\nexperiment: sinusoid\ndata:\n  source: sinusoid\n";
        Path f = TestFiles.write(tmp, "h.yaml", start + "methods: [maml, anil]\nmeta:\n  head: [W9]\n");
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ExperimentKinds.loader().load(f, List.of()));
        assertEquals(List.of(f + ":7:9: meta.head: expected parameter names of the network [W1, b1, W2, b2, W3, b3], found 'W9'"),
                e.problems().stream().map(ConfigProblem::toString).toList());
        Path g = TestFiles.write(tmp, "g.yaml", start + "methods: [maml]\nmeta:\n  head: [W2]\n");
        e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> ExperimentKinds.loader().load(g, List.of()));
        assertEquals(List.of(g + ":7:9: meta.head: expected no head unless methods lists anil (only ANIL adapts a head), found [W2]"),
                e.problems().stream().map(ConfigProblem::toString).toList());
        Path h = TestFiles.write(tmp, "r.yaml", "name: t\nexperiment: crossdomain\nmeta:\n  head: [W2]\n");
        e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> ExperimentKinds.loader().load(h, List.of()));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).toString().startsWith(h + ":4:3: meta.head: key 'head' is not read by the `crossdomain`"),
                e.problems().get(0).toString());
    }

    @Test
    void caviaNeedsAModelWithUserParameters() {
        Path f = TestFiles.write(tmp, "c.yaml", "name: t\nexperiment: crossdomain\nmodel:\n  type: melu\nmethods: [maml, cavia]\n");
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ExperimentKinds.loader().load(f, List.of()));
        assertEquals(List.of(f + ":5:10: methods: expected no cavia with model.type melu (CAVIA adapts a user vector from "
                + "zero, and only [mf, neumf] have one)"), e.problems().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void mamoNeedsAUserProfile() {
        Path dir = tmp.resolve("csv");
        TestFiles.write(dir, "books.csv", csv(0));
        TestFiles.write(dir, "music.csv", csv(1));
        Path f = TestFiles.write(tmp, "m.yaml", "name: t\nexperiment: crossdomain\ndata:\n  source: delimited\n  path: " + dir
                + "\nmethods: [maml, mamo]\ncrossdomain:\n  use_sources: false\n");
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ExperimentKinds.loader().load(f, List.of()));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).toString().startsWith(f + ":6:10: methods: expected no mamo with data.source "
                + "delimited and crossdomain.use_sources false"), e.problems().get(0).toString());
    }

    /** Two small domains of ratings in the delimited format (header user,item,rating). */
    private static String csv(int domain) {
        StringBuilder s = new StringBuilder("user,item,rating\n");
        for (int u = 0; u < 40; u++) {
            for (int i = 0; i < 8; i++) {
                if ((u + i + domain) % 3 != 0) {
                    s.append('u').append(u).append(",i").append(domain).append('_').append(i).append(',')
                            .append(1 + (u * 7 + i * 3 + domain) % 5).append('\n');
                }
            }
        }
        return s.toString();
    }

    /**
     * Loads {@code text} with {@code sets}, runs it to the end, and returns its config (which records its reads).
     * Also checks that the metrics the kind says the config reports before the run ({@link ExperimentKind#metrics},
     * what {@code evaluation.primary_metrics} is validated against) cover every row the run recorded.
     */
    private Config run(String text, String... sets) throws IOException {
        Path file = TestFiles.write(tmp, "config" + runs + ".yaml", text);
        Config config = ExperimentKinds.loader().load(file, Arrays.stream(sets).map(ConfigOverride::parse).toList());
        RunOutcome outcome = Runner.run(config, tmp.resolve("run" + runs++), new Runner.Options(2, Progress.silent(), false));
        Optional<List<String>> metrics = ExperimentKinds.get(config.experiment()).metrics(config.asMap());
        if (metrics.isPresent()) {
            List<String> unforeseen = outcome.summary().rows().stream().map(r -> r.key().metric()).distinct()
                    .filter(m -> metrics.get().stream().noneMatch(base -> Families.matches(base, m))).toList();
            assertEquals(List.of(), unforeseen, "metrics the run recorded that " + config.experiment() + " did not foresee "
                    + metrics.get());
        }
        return config;
    }

    /**
     * Every value key that a run's config holds was read in that run, and every value key the kind accepts was held by
     * at least one of the runs (so the runs cover every branch of the schema).
     */
    private static void checkKind(String name, List<Config> runs) {
        ExperimentKind kind = ExperimentKinds.get(name);
        List<String> accepted = ExperimentKinds.schema(kind).leafPaths("");
        Set<String> covered = new TreeSet<>();
        List<String> unread = new ArrayList<>();
        for (Config c : runs) {
            for (String path : accepted) {
                if (holds(c.asMap(), path)) {
                    covered.add(path);
                    if (!c.readPaths().contains(path)) {
                        unread.add(path + " (run '" + c.name() + "')");
                    }
                }
            }
        }
        assertEquals(List.of(), unread, "keys the " + name + " kind accepts but did not read");
        List<String> uncovered = accepted.stream().filter(p -> !covered.contains(p)).toList();
        assertTrue(uncovered.isEmpty(), "the test runs of " + name + " give no value to " + uncovered);
    }

    private static boolean holds(Map<String, Object> root, String path) {
        Object node = root;
        for (String part : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> m) || !m.containsKey(part)) {
                return false;
            }
            node = m.get(part);
        }
        return true;
    }
}
