package org.metarec.experiments.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.experiments.TestData;
import org.metarec.experiments.TestFiles;
import org.metarec.experiments.TestFiles.CliResult;

/** {@code metarec data}: the load report of each data source, from small fixtures written here. */
class DataCommandTest {

    private static final String START = "name: d\nexperiment: crossdomain\n";

    /** 6 lines: 5 ratings by 3 users of 3 items; books: u1-i1, u2-i1; movies: u1-i2, u3-i3, u3-i2. */
    private static final String CSV = "user,item,rating,category\nu1,i1,4,books\nu1,i2,3.5,movies\nu2,i1,5,books\nu3,i3,2,movies\nu3,i2,2,movies\n";

    @TempDir
    Path tmp;

    @Test
    void delimitedFileWithADomainColumn() {
        TestFiles.write(tmp, "r.csv", CSV);
        Path config = TestFiles.write(tmp, "d.yaml", START + "data:\n  source: delimited\n  path: r.csv\n  delimited:\n    columns:\n"
                + "      domain: category\n");
        CliResult r = TestFiles.cli("data", config.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Read: 5 ratings, 3 users, 3 items\n"), r.out());
        assertTrue(r.out().contains("  books  ") && r.out().contains("  movies  "), r.out());
        // Too few ratings for the crossdomain protocol: the report says so instead of failing.
        assertTrue(r.out().contains("Cold-start split beta 0.20, K 5, seed 1: cannot be drawn (a run would stop): cold-start "
                + "split: expected at least one test user, found none"), r.out());
    }

    @Test
    void folderOfFilesOneDomainEach() {
        TestFiles.write(tmp, "by-domain/books.csv", "user,item,rating\nu1,b1,4\nu2,b1,3\n");
        TestFiles.write(tmp, "by-domain/music.csv", "user,item,rating\nu1,m1,5\n");
        Path config = TestFiles.write(tmp, "d.yaml", START + "data:\n  source: delimited\n  path: by-domain\n");
        CliResult r = TestFiles.cli("data", config.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Read: 3 ratings, 2 users, 2 items\n"), r.out());
        assertTrue(r.out().contains("in 2 domains"), r.out());
    }

    @Test
    void fileWithoutHeaderUsesColumnNames() {
        TestFiles.write(tmp, "r.tsv", "u1\ti1\t4\nu2\ti1\t3\n");
        Path config = TestFiles.write(tmp, "d.yaml", START + "data:\n  source: delimited\n  path: r.tsv\n  delimited:\n"
                + "    delimiter: \"\\t\"\n    header: false\n    column_names: [user, item, rating]\n");
        CliResult r = TestFiles.cli("data", config.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Read: 2 ratings, 2 users, 1 items\n"), r.out());
    }

    @Test
    void columnNamesWithAHeaderAreAConfigError() {
        TestFiles.write(tmp, "r.csv", CSV);
        Path config = TestFiles.write(tmp, "d.yaml", START + "data:\n  source: delimited\n  path: r.csv\n  delimited:\n"
                + "    column_names: [a, b, c]\n");
        CliResult r = TestFiles.cli("data", config.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith(config + ":7:19: data.delimited.column_names: expected no column names when header is true, "
                + "found [a, b, c]\n"), r.err());
    }

    @Test
    void malformedLineStopsTheLoadUnlessSkipped() {
        TestFiles.write(tmp, "r.csv", CSV.replace("u2,i1,5,books", "u2,i1,x,books"));
        Path config = TestFiles.write(tmp, "d.yaml", START + "data:\n  source: delimited\n  path: r.csv\n  delimited:\n    columns:\n"
                + "      domain: category\n");
        CliResult strict = TestFiles.cli("data", config.toString());
        assertEquals(2, strict.code());
        assertTrue(strict.err().startsWith("error: r.csv:4: "), strict.err());
        CliResult skipping = TestFiles.cli("data", config.toString(), "--set", "data.skip_bad_lines=true");
        assertEquals(0, skipping.code(), skipping.err());
        assertTrue(skipping.out().contains("Read: 4 ratings"), skipping.out());
        assertTrue(skipping.out().contains("malformed lines skipped"), skipping.out());
    }

    @Test
    void syntheticWorld() {
        Path config = TestFiles.write(tmp, "d.yaml", START + "data:\n  synthetic:\n    users: 40\n    domains: 2\n    items_per_domain: 10\n"
                + "    ratings_per_user: 5\n");
        CliResult r = TestFiles.cli("data", config.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Data: synthetic world (users=40, domains=2, itemsPerDomain=10"), r.out());
    }

    @Test
    void sinusoidHasNoDataSet() {
        Path config = TestFiles.write(tmp, "d.yaml", "name: d\nexperiment: sinusoid\ndata:\n  source: sinusoid\n");
        CliResult r = TestFiles.cli("data", config.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: data.source sinusoid generates its tasks on the fly; there is no data set to report on\n"), r.err());
    }

    @Test
    void realMovieLens100kWhenPresent() {
        Optional<Path> ml = TestData.movieLens100k();
        assumeTrue(ml.isPresent(), "MovieLens 100K not found (set METAREC_ML100K)");
        Path config = TestFiles.write(tmp, "d.yaml", START + "data:\n  source: movielens100k\n  path: \"" + ml.get() + "\"\n");
        CliResult r = TestFiles.cli("data", config.toString());
        assertEquals(0, r.code(), r.err());
        // Published facts of the data set (GroupLens README): 100,000 ratings by 943 users of 1,682 movies.
        assertTrue(r.out().contains("Read: 100,000 ratings, 943 users, 1,682 items\n"), r.out());
    }
}
