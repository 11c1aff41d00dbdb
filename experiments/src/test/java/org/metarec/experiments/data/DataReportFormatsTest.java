package org.metarec.experiments.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.core.data.Dataset;
import org.metarec.core.tasks.ColdStartSplit;
import org.metarec.experiments.ExperimentKinds;
import org.metarec.experiments.TestFiles;
import org.metarec.experiments.TestFiles.CliResult;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.config.ConfigOverride;
import org.metarec.experiments.study.coldstart.MovieLens1mFixture;
import org.metarec.experiments.study.crossdomain.CrossDomainSetup;

/**
 * {@code metarec data} on the same ratings written in every file format (Douban, RecBole with an item field and with
 * one {@code .inter} file per domain, Amazon JSON lines and CSV, delimited files): each prints the same per-domain
 * table and user overlap, with the counts of the generated ratings; MovieLens prints its genre domains; and a
 * crossdomain config prints, for each split of its grid, the cold users the run draws.
 */
class DataReportFormatsTest {

    private static final String START = "name: d\nexperiment: crossdomain\nprotocol:\n  source_domains: [book]\n"
            + "  target_domain: music\n";

    @TempDir
    Path tmp;

    /** One rating of the generated set: user u, item i of its domain, stars. */
    private record Rating(int user, int item, int stars) {
    }

    /**
     * Users 0-19 rate in both domains, 20-24 in book only, 25-29 in music only; each rates 12 of its domain's 20
     * items (book: 25 users, 20 items, 300 ratings; music: 25 users, 20 items, 300 ratings; overlap 20).
     */
    private static Map<String, List<Rating>> ratings() {
        Map<String, List<Rating>> byDomain = new LinkedHashMap<>();
        for (String d : List.of("book", "music")) {
            List<Rating> list = new ArrayList<>();
            for (int u = 0; u < 30; u++) {
                boolean rates = u < 20 || (d.equals("book") ? u < 25 : u >= 25);
                for (int k = 0; rates && k < 12; k++) {
                    list.add(new Rating(u, (u * 3 + k) % 20, 1 + (u + k) % 5));
                }
            }
            byDomain.put(d, list);
        }
        return byDomain;
    }

    private static String lines(List<Rating> ratings, String format) {
        StringBuilder s = new StringBuilder();
        for (Rating r : ratings) {
            s.append(String.format(Locale.ROOT, format, r.user(), r.item(), r.stars())).append('\n');
        }
        return s.toString();
    }

    /** Writes each format's files and config; returns config paths by format name. */
    private Map<String, Path> writeAllFormats() {
        Map<String, List<Rating>> data = ratings();
        Map<String, Path> configs = new LinkedHashMap<>();
        TestFiles.write(tmp, "douban/book_ratings.dat", lines(data.get("book"), "%d\t%d\t%d"));
        TestFiles.write(tmp, "douban/music_ratings.dat", lines(data.get("music"), "%d\t%d\t%d"));
        configs.put("douban", TestFiles.write(tmp, "douban.yaml", START + "data:\n  source: douban\n  path: douban\n"));

        TestFiles.write(tmp, "cdr/book.inter", "user_id:token\titem_id:token\trating:float\n"
                + lines(data.get("book"), "%d\t%d\t%d"));
        TestFiles.write(tmp, "cdr/music.inter", "item_id:token\tuser_id:token\trating:float\n"
                + lines(data.get("music"), "%2$d\t%1$d\t%3$d"));
        configs.put("recbole files", TestFiles.write(tmp, "cdr.yaml", START + "data:\n  source: recbole\n  path: cdr\n"
                + "  recbole:\n    domain_files: [book.inter, music.inter]\n"));

        // One data set whose items carry their domain in a token_seq field (items b0.., m0..).
        StringBuilder items = new StringBuilder("item_id:token\tcategories:token_seq\n");
        for (int i = 0; i < 20; i++) {
            items.append("b").append(i).append("\tbook paper\n").append("m").append(i).append("\tmusic\n");
        }
        TestFiles.write(tmp, "shop/shop.item", items.toString());
        TestFiles.write(tmp, "shop/shop.inter", "user_id:token\titem_id:token\trating:float\n"
                + lines(data.get("book"), "%d\tb%d\t%d") + lines(data.get("music"), "%d\tm%d\t%d"));
        configs.put("recbole field", TestFiles.write(tmp, "shop.yaml", START + "data:\n  source: recbole\n  path: shop\n"
                + "  recbole:\n    domain_field: categories\n"));

        TestFiles.write(tmp, "amazon/b.json", lines(data.get("book"),
                "{\"reviewerID\": \"A%d\", \"asin\": \"%d\", \"overall\": %d.0, \"unixReviewTime\": 1}"));
        TestFiles.write(tmp, "amazon/m.csv", lines(data.get("music"), "A%d,%d,%d,1"));
        configs.put("amazon", TestFiles.write(tmp, "amazon.yaml", START + "data:\n  source: amazon\n  path: amazon\n"
                + "  amazon:\n    domains: [book, music]\n    files: [b.json, m.csv]\n"));

        TestFiles.write(tmp, "csv/book.csv", "user,item,rating\n" + lines(data.get("book"), "u%d,b%d,%d"));
        TestFiles.write(tmp, "csv/music.csv", "user,item,rating\n" + lines(data.get("music"), "u%d,m%d,%d"));
        configs.put("delimited", TestFiles.write(tmp, "csv.yaml", START + "data:\n  source: delimited\n  path: csv\n"));
        return configs;
    }

    @Test
    void everyFormatPrintsTheSameDomainTableAndOverlap() {
        String expected = String.join("\n",
                "Domains:",
                "  domain     users     items     ratings  sparsity",
                String.format(Locale.ROOT, "  book          25        20         300    %.2f%%", 100 * (1 - 300 / (25.0 * 20))),
                String.format(Locale.ROOT, "  music         25        20         300    %.2f%%", 100 * (1 - 300 / (25.0 * 20))),
                "User overlap (users with ratings in both domains):",
                "            book   music",
                "  book        25      20",
                "  music       20      25",
                "");
        for (Map.Entry<String, Path> e : writeAllFormats().entrySet()) {
            CliResult r = TestFiles.cli("data", e.getValue().toString(), "--set", "evaluation.support_sizes=[2]");
            assertEquals(0, r.code(), e.getKey() + ": " + r.err());
            String out = r.out();
            assertTrue(out.contains("Read: 600 ratings, 30 users, 40 items\n"), e.getKey() + ":\n" + out);
            String table = out.substring(out.indexOf("Domains:"), out.indexOf("Dropped:"));
            assertEquals(expected, table, e.getKey());
            assertTrue(out.contains("Cold-start splits: [book] -> music"), e.getKey() + ":\n" + out);
        }
    }

    @Test
    void theColdUsersOfEverySplitAreThoseTheRunDraws() throws IOException {
        Path config = writeAllFormats().get("douban");
        List<String> sets = List.of("evaluation.support_sizes=[0, 2]", "crossdomain.cold_start_ratios=[0.2, 0.5]",
                "crossdomain.seeds=[4, 5]");
        List<String> args = new ArrayList<>(List.of("data", config.toString()));
        sets.forEach(s -> args.addAll(List.of("--set", s)));
        CliResult r = TestFiles.cli(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());

        Config c = ExperimentKinds.loader().load(config, sets.stream().map(ConfigOverride::parse).toList());
        Dataset data = DataSources.load(c);
        List<String> rows = r.out().lines().filter(l -> l.matches("\\s+0\\.\\d\\d .*")).toList();
        assertEquals(8, rows.size(), r.out());
        int i = 0;
        for (double beta : new double[] {0.2, 0.5}) {
            for (int k : new int[] {0, 2}) {
                for (long seed : new long[] {4, 5}) {
                    ColdStartSplit s = CrossDomainSetup.prepare(data, new ColdStartSplit.Config(List.of("book"), "music",
                            beta, k, 0.1, 10, 10), seed).split();
                    String[] f = rows.get(i++).trim().split("\\s+");
                    assertEquals(List.of(String.format(Locale.ROOT, "%.2f", beta), "" + k, "" + seed),
                            List.of(f[0], f[1], f[2]));
                    // 20 overlap users, all with 12 >= 10 music ratings; the protocol makes round(beta * 20) cold.
                    assertEquals("20", f[3]);
                    assertEquals("20", f[4]);
                    assertEquals(String.valueOf(Math.round(beta * 20)), f[5]);
                    assertEquals(String.valueOf(s.testUsers().length), f[5]);
                    assertEquals(String.valueOf(s.testTasks().stream().mapToInt(t -> t.querySize()).sum()), f[6]);
                    assertEquals(String.valueOf(s.validationUsers().length), f[7]);
                    assertEquals(String.valueOf(s.trainingOverlapUsers().length), f[8]);
                }
            }
        }
    }

    @Test
    void theSplitReportCountsTheValidationUsersThatTuningRaises() {
        Path config = writeAllFormats().get("douban");
        // 20 eligible users, 4 cold at beta 20%: 10% of the other 16 is 2, raised to min(6, 16 / 2) = 6.
        CliResult r = TestFiles.cli("data", config.toString(), "--set", "evaluation.support_sizes=[2]",
                "--set", "crossdomain.cold_start_ratios=[0.2]", "--set", "crossdomain.tuning.min_validation_users=6");
        assertEquals(0, r.code(), r.err());
        List<String> rows = r.out().lines().filter(l -> l.matches("\\s+0\\.\\d\\d .*")).toList();
        assertEquals(1, rows.size(), r.out());
        String[] f = rows.get(0).trim().split("\\s+");
        assertEquals(List.of("4", "6", "10"), List.of(f[5], f[7], f[8]), r.out());
    }

    @Test
    void movieLensPrintsItsGenreDomainsAndSplits() {
        Path ml = MovieLens1mFixture.write(tmp.resolve("ml-1m"), 3);
        Path config = TestFiles.write(tmp, "ml.yaml", "name: d\nexperiment: crossdomain\ndata:\n  source: movielens1m\n"
                + "  path: ml-1m\n  genres_as_domains: [Action, Comedy]\nprotocol:\n  min_ratings: 4\n  query: 3\n"
                + "evaluation:\n  support_sizes: [2]\n");
        CliResult r = TestFiles.cli("data", config.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("  Action ") && r.out().contains("  Comedy "), r.out());
        assertTrue(r.out().contains("Cold-start splits: [Action] -> Comedy"), r.out());
    }
}
