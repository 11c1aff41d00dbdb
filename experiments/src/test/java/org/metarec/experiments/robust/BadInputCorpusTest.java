package org.metarec.experiments.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.metarec.experiments.TestFiles;
import org.metarec.experiments.TestFiles.CliResult;

/**
 * The bad-input corpus: one line per case, each a command on small fixture files that must fail cleanly. Every case
 * checks the exit code, that the message names the file, line or key ({@code expect} is a literal part of stderr),
 * that no stack trace or Java class name is shown, that no output folder was created, and that every file that was
 * there before (configs, data, a finished run) is byte for byte unchanged.
 *
 * <p>Placeholders in a case's arguments and files: {@code {d}} is the case's folder (the working files are copied
 * there), {@code {o}} an output folder that must not exist afterwards.
 */
class BadInputCorpusTest {

    /** A toy config that validates and runs in well under a second. */
    private static final String TOY = "name: t\nseed: 1\nexperiment: toy\noptimizer:\n  name: sgd\n  lr: 0.05\nbudget:\n"
            + "  meta_iterations: 20\n  checkpoint_every: 10\n  log_every: 10\nevaluation:\n  test_tasks: 4\n  adapt_steps: [0, 1]\n";
    /** A cold-start config reading the MovieLens 100K fixture in {@code ml/}. */
    private static final String ML = "name: m\nexperiment: coldstart\ndata:\n  source: movielens100k\n  path: ml\n  genres_as_domains: []\n";
    /** A cross-domain config reading the delimited file {@code r.csv}. */
    private static final String CSV = "name: c\nexperiment: crossdomain\ndata:\n  source: delimited\n  path: r.csv\n";

    private static final Map<String, String> ML_FILES = Map.of(
            "ml/u.genre", "unknown|0\nAction|1\nComedy|2\nDrama|3\n",
            "ml/u.occupation", "engineer\nwriter\nother\n",
            "ml/u.user", "1|30|M|engineer|12345\n2|61|F|other|90210\n",
            "ml/u.item", "10|Film A (1995)|01-Jan-1995||http://example.org/a|0|1|0|1\n20|Film B (1982)|01-Jan-1982||http://example.org/b|0|0|1|0\n",
            "ml/u.data", "1\t10\t4\t1000\n2\t20\t3\t1001\n1\t20\t5\t1002\n");

    @TempDir
    static Path shared;
    /** A finished toy run, copied into each case as {@code done/}. */
    static Path finished;

    @BeforeAll
    static void finishedRun() {
        Path config = TestFiles.write(shared, "toy.yaml", TOY);
        finished = shared.resolve("done");
        CliResult r = TestFiles.cli("run", config.toString(), "--out", finished.toString(), "--no-plots", "--threads", "1");
        assertEquals(0, r.code(), r.err());
    }

    /**
     * One case.
     *
     * @param name   what is wrong
     * @param code   the exit code expected
     * @param expect a literal part of stderr naming the file, line or key
     * @param files  files written into the case folder ("name=content", content with {d}), on top of the fixtures
     * @param args   the command line, with {d} and {o}
     */
    record Case(String name, int code, String expect, List<String> files, List<String> args) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code c(name, code, expect, "args separated by spaces", "file=content"...)}. */
    private static Case c(String name, int code, String expect, String args, String... files) {
        return new Case(name, code, expect, List.of(files), List.of(args.split(" ")));
    }

    /** The toy config with {@code line} appended (a top-level key) or with {@code from} replaced by {@code to}. */
    private static String toy(String from, String to) {
        if (!TOY.contains(from)) {
            throw new IllegalArgumentException(from);
        }
        return "c.yaml=" + TOY.replace(from, to);
    }

    private static String toyPlus(String text) {
        return "c.yaml=" + TOY + text;
    }

    private static String mlFile(String name, String content) {
        return "ml/" + name + "=" + content;
    }

    private static String aliasBomb() {
        StringBuilder sb = new StringBuilder("a0: &a0 [x, x]\n");
        for (int i = 1; i <= 24; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
        }
        return sb.toString();
    }

    static Stream<Case> corpus() {
        String v = "validate {d}/c.yaml";
        String run = "run {d}/c.yaml --out {o} --no-plots";
        String runMl = "run {d}/m.yaml --out {o} --no-plots";
        String dataMl = "data {d}/m.yaml";
        String runCsv = "run {d}/k.yaml --out {o} --no-plots";
        String m = "m.yaml=" + ML;
        String k = "k.yaml=" + CSV;
        return Stream.of(
                // YAML: syntax and hostile structure
                c("tab indentation", 2, "c.yaml:", v, toyPlus("x:\n\ty: 1\n")),
                c("unclosed flow list", 2, "c.yaml:", v, toyPlus("extra: [1, 2\n")),
                c("duplicate key", 2, "c.yaml:3:1: seed: duplicate key (first given at {d}/c.yaml:2:1)", v, toy("experiment: toy\n", "seed: 2\nexperiment: toy\n")),
                c("bad indentation", 2, "c.yaml:", v, toy("  lr: 0.05\n", "   lr: 0.05\n  x: 1\n")),
                c("unsupported tag", 2, "c.yaml:1:7: name: expected a plain YAML value", v, toy("name: t", "name: !!binary dA==")),
                c("alias bomb", 2, "c.yaml:", v, "c.yaml=" + aliasBomb() + TOY),
                c("3000 levels of flow lists", 2, "nested at most 64 levels", v, toyPlus("deep: " + "[".repeat(3000) + "]".repeat(3000) + "\n")),
                c("3000 levels of mappings", 2, "nested at most 64 levels", v, toyPlus(deepMapping(3000))),
                c("recursive alias", 2, "c.yaml:", v, toyPlus("r: &r [*r]\n")),
                c("binary file", 2, "c.yaml: expected a UTF-8 text file", v, "c.yaml=\u0000\u00ff"),
                c("empty file", 2, "c.yaml", v, "c.yaml="),
                c("top-level list", 2, "c.yaml:1:1", v, "c.yaml=- a\n- b\n"),
                c("top-level scalar", 2, "c.yaml:1:1", v, "c.yaml=hello\n"),
                c("two documents", 2, "c.yaml:", v, "c.yaml=" + TOY + "---\n" + TOY),
                c("complex key", 2, "c.yaml:", v, toyPlus("? [a, b]\n: 1\n")),
                c("integer out of range", 2, "seed", v, toy("seed: 1", "seed: 99999999999999999999999")),
                // Config: keys and values
                c("unknown top-level key", 2, "c.yaml:14:1: colour", v, toyPlus("colour: red\n")),
                c("typo in a section", 2, "optimzer", v, toyPlus("optimzer:\n  lr: 1\n")),
                c("missing experiment", 2, "experiment", v, toy("experiment: toy\n", "")),
                c("unknown experiment", 2, "c.yaml:3:13: experiment", v, toy("experiment: toy", "experiment: nope")),
                c("seed is text", 2, "c.yaml:2:7: seed", v, toy("seed: 1", "seed: one")),
                c("seed is fractional", 2, "c.yaml:2:7: seed", v, toy("seed: 1", "seed: 1.5")),
                c("name is a list", 2, "c.yaml:1:7: name", v, toy("name: t", "name: [a]")),
                c("negative iterations", 2, "budget.meta_iterations", v, toy("meta_iterations: 20", "meta_iterations: -1")),
                c("zero iterations", 2, "budget.meta_iterations", v, toy("meta_iterations: 20", "meta_iterations: 0")),
                c("iterations as text", 2, "budget.meta_iterations", v, toy("meta_iterations: 20", "meta_iterations: many")),
                c("unknown optimizer", 2, "optimizer.name", v, toy("name: sgd", "name: adagrad")),
                c("negative learning rate", 2, "optimizer.lr", v, toy("lr: 0.05", "lr: -1")),
                c("NaN learning rate", 2, "optimizer.lr", v, toy("lr: 0.05", "lr: .nan")),
                c("infinite learning rate", 2, "optimizer.lr", v, toy("lr: 0.05", "lr: .inf")),
                c("zero test tasks", 2, "evaluation.test_tasks", v, toy("test_tasks: 4", "test_tasks: 0")),
                c("empty adapt steps", 2, "evaluation.adapt_steps", v, toy("adapt_steps: [0, 1]", "adapt_steps: []")),
                c("negative adapt steps", 2, "evaluation.adapt_steps", v, toy("adapt_steps: [0, 1]", "adapt_steps: [-1]")),
                c("adapt steps not a list", 2, "evaluation.adapt_steps", v, toy("adapt_steps: [0, 1]", "adapt_steps: x")),
                c("section is a scalar", 2, "c.yaml:4:12: optimizer", v, toy("optimizer:\n  name: sgd\n  lr: 0.05\n", "optimizer: 5\n")),
                c("toy dim zero", 2, "toy.dim", v, toyPlus("toy:\n  dim: 0\n")),
                c("toy batch zero", 2, "toy.batch", v, toyPlus("toy:\n  batch: 0\n")),
                c("toy negative noise", 2, "toy.noise_std", v, toyPlus("toy:\n  noise_std: -1\n")),
                c("toy unknown key", 2, "toy.speed", v, toyPlus("toy:\n  speed: 1\n")),
                c("key the kind does not read", 2, "model", v, toyPlus("model:\n  hidden: [4]\n")),
                c("data section for toy", 2, "data", v, toyPlus("data:\n  source: synthetic\n")),
                c("unknown reference method", 2, "evaluation.reference", v, toy("test_tasks: 4", "test_tasks: 4\n  reference: best")),
                c("extends a missing file", 2, "extends", v, toyPlus("extends: nowhere.yaml\n")),
                c("extends itself", 2, "extends", v, toyPlus("extends: c.yaml\n")),
                c("several problems at once", 2, "3 problems", v, toy("seed: 1", "seed: x\ncolour: red\nshape: round")),
                c("log_every not a number", 2, "budget.log_every", v, toy("log_every: 10", "log_every: often")),
                c("checkpoint_every negative", 2, "budget.checkpoint_every", v, toy("checkpoint_every: 10", "checkpoint_every: -5")),
                c("nan injection negative", 2, "toy.inject_nan_at_step", v, toyPlus("toy:\n  inject_nan_at_step: -1\n")),
                c("sinusoid hidden width zero", 2, "model.hidden", v, "c.yaml=name: s\nexperiment: sinusoid\nmodel:\n  hidden: [0]\n"),
                c("crossdomain unknown method", 2, "methods", v, "c.yaml=name: x\nexperiment: crossdomain\nmethods: [magic]\n"),
                c("crossdomain unknown domain", 2, "protocol.target_domain", v, "c.yaml=name: x\nexperiment: crossdomain\nprotocol:\n  target_domain: d9\n"),
                // --set
                c("--set without =", 2, "--set", v + " --set seed", toy("seed: 1", "seed: 1")),
                c("--set empty key", 2, "--set", v + " --set =3", toy("seed: 1", "seed: 1")),
                c("--set unknown key", 2, "colour", v + " --set colour=red", toy("seed: 1", "seed: 1")),
                c("--set wrong type", 2, "seed", v + " --set seed=abc", toy("seed: 1", "seed: 1")),
                c("--set bad YAML", 2, "--set", v + " --set optimizer.lr=[1,", toy("seed: 1", "seed: 1")),
                c("--set deep nesting", 2, "nested at most 64 levels", v + " --set seed=" + "[".repeat(200) + "]".repeat(200), toy("seed: 1", "seed: 1")),
                c("--set section to scalar", 2, "optimizer", v + " --set optimizer=5", toy("seed: 1", "seed: 1")),
                c("--set toy dim zero", 2, "toy.dim", v + " --set toy.dim=0", toy("seed: 1", "seed: 1")),
                c("--set learning rate text", 2, "optimizer.lr", run + " --set optimizer.lr=fast", toy("seed: 1", "seed: 1")),
                c("--set two problems", 2, "2 problems", v + " --set seed=x --set colour=red", toy("seed: 1", "seed: 1")),
                c("--set hidden too big for memory", 2, "model.hidden: expected a network that fits in memory",
                        "run {d}/c.yaml --out {o} --no-plots --set model.hidden=[100000000,100000000]",
                        "c.yaml=name: s\nexperiment: sinusoid\ndata:\n  source: sinusoid\n"),
                c("--set alias in value", 2, "--set", v + " --set seed=*a", toy("seed: 1", "seed: 1")),
                // Command line
                c("no command", 2, "expected a command", "", toy("seed: 1", "seed: 1")),
                c("unknown command", 2, "nonsense", "nonsense", toy("seed: 1", "seed: 1")),
                c("run without config", 2, "CONFIG", "run", toy("seed: 1", "seed: 1")),
                c("run a missing config", 2, "nowhere.yaml: cannot read file: no such file", "run {d}/nowhere.yaml --out {o}", toy("seed: 1", "seed: 1")),
                c("validate a folder", 2, "cannot read file", "validate {d}", toy("seed: 1", "seed: 1")),
                c("threads zero", 2, "--threads: expected an integer from 1 to", run + " --threads 0", toy("seed: 1", "seed: 1")),
                c("threads 100000", 2, "--threads: expected an integer from 1 to", run + " --threads 100000", toy("seed: 1", "seed: 1")),
                c("threads not a number", 2, "--threads", run + " --threads many", toy("seed: 1", "seed: 1")),
                c("unknown option", 2, "--bogus", run + " --bogus", toy("seed: 1", "seed: 1")),
                c("shard zero", 2, "--shard: expected I/N", "sweep {d}/s.yaml --shard 0/3", toy("seed: 1", "seed: 1")),
                c("shard text", 2, "--shard", "sweep {d}/s.yaml --shard half", toy("seed: 1", "seed: 1")),
                c("parallel zero", 2, "--parallel", "sweep {d}/s.yaml --parallel 0", "s.yaml=base: c.yaml\n", toy("seed: 1", "seed: 1")),
                c("parallel times threads too many", 2, "--parallel x --threads", "sweep {d}/s.yaml --parallel 16 --threads 16",
                        "s.yaml=base: c.yaml\n", toy("seed: 1", "seed: 1")),
                c("resume a missing folder", 2, "expected a run folder", "resume {d}/nothing", toy("seed: 1", "seed: 1")),
                c("resume a folder that is not a run", 2, "expected a run folder", "resume {d}/ml", m),
                c("report a folder that is not a run", 2, "expected a run folder or a folder of finished runs", "report {d}/ml --out {o}", m),
                c("metagrad missing case", 2, "no-case.json", "metagrad {d}/no-case.json", toy("seed: 1", "seed: 1")),
                c("bench without benchmark", 2, "expected a benchmark", "bench", toy("seed: 1", "seed: 1")),
                c("bench unknown method", 2, "--method", "bench sinusoid --method mamll --seconds 0.1", toy("seed: 1", "seed: 1")),
                // Sweep files
                c("sweep missing base", 2, "base", "sweep {d}/s.yaml --out {o}", "s.yaml=grid:\n  optimizer.lr: [0.1]\n"),
                c("sweep grid not a list", 2, "grid.optimizer.lr", "sweep {d}/s.yaml --out {o}", "s.yaml=base: c.yaml\ngrid:\n  optimizer.lr: 0.1\n", toy("seed: 1", "seed: 1")),
                c("sweep grid bad key", 2, "grid.Optimizer", "sweep {d}/s.yaml --out {o}", "s.yaml=base: c.yaml\ngrid:\n  Optimizer: [1]\n", toy("seed: 1", "seed: 1")),
                c("sweep grid value wrong", 2, "optimizer.lr", "sweep {d}/s.yaml --out {o}", "s.yaml=base: c.yaml\ngrid:\n  optimizer.lr: [fast]\n", toy("seed: 1", "seed: 1")),
                c("sweep all problems at once", 2, "2 problems", "sweep {d}/s.yaml --out {o}",
                        "s.yaml=base: c.yaml\nseeds: [x]\ngrid:\n  optimizer.lr: [fast]\n", toy("seed: 1", "seed: 1")),
                c("sweep unknown key", 2, "gird", "sweep {d}/s.yaml --out {o}", "s.yaml=base: c.yaml\ngird: {}\n", toy("seed: 1", "seed: 1")),
                c("sweep duplicate seeds", 2, "seeds", "sweep {d}/s.yaml --out {o}", "s.yaml=base: c.yaml\nseeds: [1, 1]\n", toy("seed: 1", "seed: 1")),
                // MovieLens 100K data files: checked before the run folder exists
                c("rating 6", 2, "u.data:2: expected a rating 1..5, found '6'", runMl, m, mlFile("u.data", "1\t10\t4\t1000\n2\t20\t6\t1001\n")),
                c("rating 0", 2, "u.data:1: expected a rating 1..5, found '0'", runMl, m, mlFile("u.data", "1\t10\t0\t1000\n")),
                c("three fields", 2, "u.data:1: expected 4 tab-separated fields", runMl, m, mlFile("u.data", "1\t10\t4\n")),
                c("unknown user", 2, "u.data:1: expected a user id listed in u.user, found '9'", runMl, m, mlFile("u.data", "9\t10\t4\t1000\n")),
                c("unknown item", 2, "u.data:1: expected an item id listed in u.item, found '99'", runMl, m, mlFile("u.data", "1\t99\t4\t1000\n")),
                c("timestamp text", 2, "u.data:1: expected the timestamp as an integer", runMl, m, mlFile("u.data", "1\t10\t4\tnow\n")),
                c("empty u.data", 2, "u.data: expected at least one rating, found none", runMl, m, mlFile("u.data", "")),
                c("empty u.item", 2, "u.item: expected at least one movie, found none", runMl, m, mlFile("u.item", "")),
                c("empty u.user", 2, "u.user: expected at least one user, found none", runMl, m, mlFile("u.user", "")),
                c("empty u.genre", 2, "u.genre", runMl, m, mlFile("u.genre", "")),
                c("bad gender", 2, "u.user:2: expected gender M or F, found 'X'", runMl, m, mlFile("u.user", "1|30|M|engineer|1\n2|40|X|other|2\n")),
                c("duplicate user", 2, "u.user:2: expected a user id not seen before", runMl, m, mlFile("u.user", "1|30|M|engineer|1\n1|40|F|other|2\n")),
                c("unknown occupation", 2, "u.user:1: expected an occupation listed in u.occupation", runMl, m, mlFile("u.user", "1|30|M|pilot|1\n2|40|F|other|2\n")),
                c("item field count", 2, "u.item:1: expected 9 '|'-separated fields", runMl, m, mlFile("u.item", "10|Film A|01-Jan-1995\n")),
                c("item genre flag", 2, "u.item:1: expected genre flag 0 or 1", runMl, m, mlFile("u.item", "10|A|01-Jan-1995||u|0|2|0|1\n20|B|||u|0|0|1|0\n")),
                c("genre index", 2, "u.genre:2: expected genre index 1, found 5", runMl, m, mlFile("u.genre", "unknown|0\nAction|5\n")),
                c("release date", 2, "u.item:1: expected a release date", runMl, m, mlFile("u.item", "10|A|yesterday||u|0|1|0|1\n20|B|||u|0|0|1|0\n")),
                c("data command on bad data", 2, "u.data:1: expected a rating 1..5", dataMl, m, mlFile("u.data", "1\t10\t9\t1000\n")),
                c("data path missing", 2, "data.path", runMl, "m.yaml=" + ML.replace("path: ml", "path: nowhere")),
                c("unknown genre", 2, "data.genres_as_domains", runMl, "m.yaml=" + ML.replace("[]", "[Westerns]")),
                c("u.data not UTF-8 text is read as bytes", 2, "u.data:1:", runMl, m, mlFile("u.data", "\u00ff\u00fe\n")),
                // Delimited files
                c("delimited empty file", 2, "r.csv: expected at least one rating, found none", runCsv, k, "r.csv=user,item,rating\n"),
                c("delimited bad rating", 2, "r.csv:2:", runCsv, k, "r.csv=user,item,rating\nu1,i1,good\n"),
                c("delimited missing column", 2, "r.csv:1:", runCsv, k, "r.csv=user,item\nu1,i1\n"),
                c("delimited field count", 2, "r.csv:3:", runCsv, k, "r.csv=user,item,rating\nu1,i1,4\nu2,i2\n"),
                c("delimited missing file", 2, "data.path", runCsv, "k.yaml=" + CSV.replace("r.csv", "none.csv")),
                // Douban and RecBole files are checked before the run folder exists too
                c("douban bad rating", 2, "book_ratings.dat:1:", runCsv,
                        "k.yaml=" + CSV.replace("source: delimited", "source: douban").replace("path: r.csv", "path: db"),
                        "db/book_ratings.dat=1\t2\tfive\n", "db/music_ratings.dat=1\t2\t4\n"),
                c("amazon bad json", 2, "M.json:2: expected ',' or '}' after a value", runCsv,
                        "k.yaml=" + CSV.replace("source: delimited", "source: amazon").replace("path: r.csv",
                                "path: az\n  amazon:\n    domains: [M, C]\n    files: [M.json, C.csv]"),
                        "az/M.json={\"reviewerID\": \"u\", \"asin\": \"i\", \"overall\": 5.0, \"unixReviewTime\": 1}\n"
                                + "{\"reviewerID\": \"u\" \"asin\": \"i\"}\n", "az/C.csv=u,i,4,1\n"),
                c("amazon rating out of range", 2, "C.csv:1: expected a rating in [1, 5], found '0'", runCsv,
                        "k.yaml=" + CSV.replace("source: delimited", "source: amazon").replace("path: r.csv",
                                "path: az\n  amazon:\n    domains: [M, C]\n    files: [M.csv, C.csv]"),
                        "az/M.csv=u,i,5,1\n", "az/C.csv=u,i,0,1\n"),
                c("amazon missing file", 2, "data.amazon.files: expected files in", runCsv,
                        "k.yaml=" + CSV.replace("source: delimited", "source: amazon").replace("path: r.csv",
                                "path: az\n  amazon:\n    domains: [M, C]\n    files: [M.csv, none.csv]"),
                        "az/M.csv=u,i,5,1\n"),
                c("recbole bad header", 2, "shop.inter:1:", runCsv,
                        "k.yaml=" + CSV.replace("source: delimited", "source: recbole").replace("path: r.csv", "path: shop"),
                        "shop/shop.inter=user_id:token\titem_id\trating:float\n"),
                // Run folders: nothing replaced, nothing lost
                c("out is a file", 2, "expected a folder for the run, found a file", "run {d}/c.yaml --out {d}/c.yaml", toy("seed: 1", "seed: 1")),
                c("out holds other files", 2, "expected a new or empty folder, found a folder with files in it", "run {d}/c.yaml --out {d}/ml", m,
                        toy("seed: 1", "seed: 1")),
                c("out holds a finished run", 2, "found a finished run; choose another --out", "run {d}/c.yaml --out {d}/done", toy("seed: 1", "seed: 1")),
                c("report into a run folder", 2, "--out {d}/done: expected a new or empty folder or an earlier report", "report {d}/done --out {d}/done"),
                c("report into a data folder", 2, "expected a new or empty folder or an earlier report", "report {d}/done --out {d}/ml", m),
                c("report into a file", 2, "expected a folder for the report, found a file", "report {d}/done --out {d}/m.yaml", m),
                c("out below a file", 2, "c.yaml", "run {d}/c.yaml --out {d}/c.yaml/run", toy("seed: 1", "seed: 1")),
                c("resume an unfinished run with an edited config", 2, "config.resolved.yaml: expected the config the run started with",
                        "resume {d}/half", "half/config.resolved.yaml={EDIT}", "half/provenance.json={PROVENANCE}"));
    }

    private static String deepMapping(int depth) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            sb.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        return sb.append("  ".repeat(depth)).append("v: 1\n").toString();
    }

    private static final Pattern STACK_OR_CLASS = Pattern.compile(
            "\\tat |Exception\\b|Error:|\\b(java|javax|org|picocli)\\.[a-z]+\\.[A-Za-z.]*[A-Z]\\w*");

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void failsCleanly(Case k) throws IOException {
        Path d = Files.createTempDirectory(shared, "case");
        copyTree(finished, d.resolve("done"));
        ML_FILES.forEach((name, text) -> TestFiles.write(d, name, text));
        for (String f : k.files()) {
            int eq = f.indexOf('=');
            String name = f.substring(0, eq);
            String text = f.substring(eq + 1);
            if (text.equals("{EDIT}")) {
                text = TestFiles.read(finished.resolve("config.resolved.yaml")).replace("seed: 1", "seed: 2");
            } else if (text.equals("{PROVENANCE}")) {
                text = TestFiles.read(finished.resolve("provenance.json"));
            }
            Files.createDirectories(d.resolve(name).getParent());
            // One byte per character, so a case can write bytes that are not UTF-8.
            Files.write(d.resolve(name), text.getBytes(StandardCharsets.ISO_8859_1));
        }
        Path o = d.resolve("out");
        Map<String, String> before = hashes(d);
        String[] args = k.args().stream().filter(a -> !a.isEmpty())
                .map(a -> a.replace("{d}", d.toString()).replace("{o}", o.toString())).toArray(String[]::new);
        CliResult r = TestFiles.cli(args);
        String expect = k.expect().replace("{d}", d.toString());
        assertEquals(k.code(), r.code(), k.name() + ":\n" + r.err());
        assertTrue(r.err().contains(expect), k.name() + ": expected stderr to contain '" + expect + "':\n" + r.err());
        assertFalse(STACK_OR_CLASS.matcher(r.err()).find(), k.name() + ": stack trace or class name in:\n" + r.err());
        assertFalse(Files.exists(o), k.name() + ": left " + o);
        assertEquals(before, hashes(d), k.name() + ": files changed");
    }

    /** SHA-256 of every file under {@code dir}, by relative path. */
    private static Map<String, String> hashes(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString(), sha256(Files.readAllBytes(f)));
            }
        }
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The corpus is large enough to be worth its name. */
    @org.junit.jupiter.api.Test
    void holdsAtLeastAHundredCases() {
        List<String> names = new ArrayList<>(corpus().map(Case::name).toList());
        assertTrue(names.size() >= 100, names.size() + " cases");
        assertEquals(names.size(), names.stream().distinct().count(), "case names are unique");
    }
}
